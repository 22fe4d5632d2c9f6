package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.Internal;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid RingCentral Embeddable configuration into Spring Boot's startup report: every problem, named by
 * the property to change (the starter names them as the application wrote them, such as
 * {@code ringcentral.embeddable.client-id}), what is wrong, and how to fix it.
 */
@Internal("Spring Boot, which loads it through META-INF/spring.factories")
public class EmbeddableConfigFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddableConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddableConfigException cause) {
        StringBuilder description = new StringBuilder("The RingCentral Embeddable configuration has ")
                .append(cause.problems().size()).append(cause.problems().size() == 1 ? " problem:" : " problems:");
        StringBuilder action = new StringBuilder("Update your application's configuration:");
        for (ConfigProblem p : cause.problems()) {
            description.append(System.lineSeparator()).append("    - ").append(p.property()).append(": ").append(p.message());
            action.append(System.lineSeparator()).append("    - ").append(p.property()).append(": ").append(p.fix());
        }
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }
}

package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code --debug}'s conditions report says which of the starter's switches made a bean or kept it out: its conditions
 * were plain Spring ones, which Boot does not record, so a trial asking "why is there no setup page?" found the bean
 * missing from the positive matches and in no negative match, and the kill switch put the auto-configuration among the
 * "unconditional classes".
 */
class ConditionsReportTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
            .withPropertyValues("ringcentral.embeddable.client-id=test-client");

    @Test
    void aSwitchThatKeepsABeanOutIsANegativeMatchNamingIt() {
        web.withPropertyValues("ringcentral.embeddable.setup-page.enabled=no").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("embeddableSetupPage");
            assertThat(outcomes(context.getBeanFactory()))
                    .hasEntrySatisfying(key("embeddableSetupPage"), said -> assertThat(said)
                            .contains("ringcentral.embeddable.setup-page.enabled=no").startsWith("no match"));
        });
        web.run(context -> assertThat(outcomes(context.getBeanFactory()))
                .hasEntrySatisfying(key("embeddableSetupPage"), said -> assertThat(said)
                        .contains("ringcentral.embeddable.setup-page.enabled not set (off by default)").startsWith("no match")));
        web.withPropertyValues("ringcentral.embeddable.setup-page.enabled=yes").run(context -> assertThat(
                outcomes(context.getBeanFactory())).hasEntrySatisfying(key("embeddableSetupPage"), said -> assertThat(said)
                        .contains("ringcentral.embeddable.setup-page.enabled=yes").startsWith("match")));
    }

    @Test
    void theKillSwitchIsInTheReport() {
        web.withPropertyValues("ringcentral.embeddable.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("embeddable");
            assertThat(outcomes(context.getBeanFactory())).hasEntrySatisfying(
                    EmbeddableAutoConfiguration.class.getName(),
                    said -> assertThat(said).contains("ringcentral.embeddable.enabled=false").startsWith("no match"));
        });
    }

    /** Each source's outcomes, "match: ..." or "no match: ...", by the source's name (a class, or class#method). */
    private static Map<String, String> outcomes(org.springframework.beans.factory.config.ConfigurableListableBeanFactory beans) {
        Map<String, String> said = new java.util.TreeMap<>();
        ConditionEvaluationReport.get(beans).getConditionAndOutcomesBySource().forEach((source, outcomes) -> {
            StringBuilder text = new StringBuilder();
            outcomes.forEach(o -> text.append(o.getOutcome().isMatch() ? "match: " : "no match: ")
                    .append(o.getOutcome().getMessage()).append("; "));
            said.put(source, text.toString());
        });
        return said;
    }

    private static String key(String beanMethod) {
        return ServletBeans.class.getName() + "#" + beanMethod;
    }
}

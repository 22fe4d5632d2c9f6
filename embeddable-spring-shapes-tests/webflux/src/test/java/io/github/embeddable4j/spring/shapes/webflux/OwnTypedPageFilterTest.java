package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application's own page filter declared as an {@code EmbeddableWebFilter}, as the Javadoc shows: the starter makes
 * none, and pages get what the application's filter gives them. A new user's filter had no bridge, so neither events
 * nor CRM call-outs reached the server, and nothing said so: the starter now says at start-up what the pages lack.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = {WebFluxApplication.class, OwnTypedPageFilterTest.OwnFilter.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.client-id=webflux-app", "ringcentral.embeddable.inject.anonymous=true"})
class OwnTypedPageFilterTest {

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        @Bean
        EmbeddableWebFilter widget(Embeddable embeddable) {
            return new EmbeddableWebFilter(embeddable, InjectionRules.builder().exclude("/plain/**").build(), List.of());
        }
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theStarterMakesNoneAndSaysWhatTheApplicationsFilterLacks(CapturedOutput log) {
        assertThat(context.getBeansOfType(EmbeddableWebFilter.class)).as("the application's alone").containsOnlyKeys("widget");
        assertThat(log.getAll()).contains("your page filter 'widget' replaces the starter's", "no bridge script",
                "call withBridge").doesNotContain("run together");
    }
}

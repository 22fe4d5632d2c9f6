package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.EmbeddableConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * A placeholder nothing defines is in the one report for the starter's own settings too, as for the widget's: Spring
 * leaves it as written, and a review's {@code nonce-attribute=${...}} started with an attribute no request has (a strict
 * policy then blocked the widget without a word), while one in {@code redirect-page.path} failed in a bean condition
 * with Spring's error alone, hiding the other problems.
 */
class StarterPlaceholdersTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
            .withPropertyValues("ringcentral.embeddable.client-id=test-client");

    @Test
    void aSwitchsUndefinedPlaceholderIsInTheReport() {
        web.withPropertyValues("ringcentral.embeddable.nonce-attribute=${CSP_NONCE_ATTRIBUTE_UNDEFINED}",
                "ringcentral.embeddable.service.name=${SERVICE_NAME_UNDEFINED}").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class)
                            .hasMessageContaining("ringcentral.embeddable.nonce-attribute")
                            .hasMessageContaining("ringcentral.embeddable.service.name")
                            .hasMessageContaining("placeholder that nothing defines");
                });
        web.withPropertyValues("ringcentral.embeddable.nonce-attribute=${CSP_NONCE_ATTRIBUTE_UNDEFINED:_csp_nonce}")
                .run(context -> assertThat(context).as("a default makes it defined").hasNotFailed());
    }

    /** So in a switch, which a bean condition reads before the report is made. */
    @Test
    void aSwitchPlaceholderIsInTheReportWithTheRest() {
        web.withPropertyValues("ringcentral.embeddable.inject.enabled=${INJECT_ENABLED_UNDEFINED}",
                "ringcentral.embeddable.default-call-with=phone").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class)
                            .hasMessageContaining("ringcentral.embeddable.default-call-with")
                            .hasMessageContaining("ringcentral.embeddable.inject.enabled");
                });
    }

    @Test
    void aRedirectPagePathPlaceholderIsInTheReportWithTheRest() {
        web.withPropertyValues("ringcentral.embeddable.redirect-page.path=${REDIRECT_PATH_UNDEFINED}",
                "ringcentral.embeddable.default-call-with=phone").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(EmbeddableConfigException.class)
                            .hasMessageContaining("ringcentral.embeddable.default-call-with")
                            .hasMessageContaining("ringcentral.embeddable.redirect-page.path");
                });
    }
}

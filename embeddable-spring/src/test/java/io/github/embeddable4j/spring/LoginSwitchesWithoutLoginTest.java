package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.LoginHandoffFlow;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The warning for sign in once's switches set while it is off reads them as every switch of the starter is read
 * ({@code on}, {@code yes}, {@code 1}: a review's {@code login.enabled=on} was said to be off), and the page paths'
 * check refuses an encoded dot segment as a plain one.
 */
class LoginSwitchesWithoutLoginTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    private static final String[] LOGIN = {"ringcentral.embeddable.client-id=abcdefghijklmnopqrstuv",
        "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
        "ringcentral.embeddable.redirect-uri=https://crm.example.com/ringcentral/redirect"};

    /** login.enabled=on turns sign in once on (OnSwitchCondition), yet the start says it is off. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void signInOnceTurnedOnWithOnIsNotSaidToBeOff(org.springframework.boot.test.system.CapturedOutput output) {
        web.withPropertyValues(LOGIN).withPropertyValues("ringcentral.embeddable.login.enabled=on",
                "ringcentral.embeddable.login.logout-widget=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).as("sign in once is on").hasSingleBean(LoginHandoffFlow.class);
                });
        assertThat(output.getOut()).doesNotContain("but sign in once is off");
    }

    /** logout-widget=yes is on for Spring's binder, and does nothing without sign in once: not said. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aSwitchSetWithYesIsSaidToo(org.springframework.boot.test.system.CapturedOutput output) {
        web.withPropertyValues("ringcentral.embeddable.login.logout-widget=yes").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddableProperties.class).getLogin().isLogoutWidget()).isTrue();
        });
        assertThat(output.getOut()).contains("but sign in once is off");
    }

    /** isPagePath refuses '..' segments because a browser resolves them away; it does the same with '%2e%2e' (WHATWG URL). */
    @Test
    void anEncodedDotSegmentIsNotAPagesPath() {
        assertThat(EnvironmentSettings.isPagePath("/ringcentral/%2e%2e/redirect")).isFalse();
    }
}

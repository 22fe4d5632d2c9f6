package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * A switch spelt as Spring binds a boolean ({@code yes}, {@code no}, {@code 1}, {@code on}, blank for not set) turns
 * the starter's beans on and off as the properties read it: the conditions compared the text with "true" and "false",
 * so a review's {@code inject.anonymous=no} gave anonymous visitors the widget and {@code bridge.enabled=1} left pages
 * loading a bridge that was never registered.
 */
class SwitchSpellingTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
            .withPropertyValues("ringcentral.embeddable.client-id=test-client");

    /** With Spring Security, inject.anonymous=no is read as false, yet anonymous visitors get the widget. */
    @Test
    void anonymousNoKeepsTheWidgetFromAnonymousVisitors() {
        WebApplicationContextRunner secured = web.withBean("springSecurityFilterChain", Object.class, Object::new);
        secured.withPropertyValues("ringcentral.embeddable.inject.anonymous=false").run(context -> {
            assertThat(context).hasNotFailed().hasBean("embeddableAnonymousVisitorsBefore"); // control
        });
        secured.withPropertyValues("ringcentral.embeddable.inject.anonymous=no").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddableProperties.class).getInject().getAnonymous()).isFalse();
            assertThat(context).hasBean("embeddableAnonymousVisitorsBefore");
        });
    }

    /** inject.enabled=yes binds true, but no filter is registered: no page gets the widget, nothing said. */
    @Test
    void injectEnabledYesRegistersTheFilter() {
        web.withPropertyValues("ringcentral.embeddable.inject.enabled=yes").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddableProperties.class).getInject().isEnabled()).isTrue();
            assertThat(context).hasBean("embeddableFilter");
        });
    }

    /** login.enabled=on: checked as on (client id and redirect URI required), but neither the login servlet nor the redirect page exist. */
    @Test
    void loginEnabledOnServesSignInOnce() {
        web.withPropertyValues("ringcentral.embeddable.login.enabled=on",
                "ringcentral.embeddable.redirect-uri=http://localhost:8080/ringcentral/redirect",
                "ringcentral.embeddable.redirect-page.path=/ringcentral/redirect").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddableProperties.class).getLogin().isEnabled()).isTrue();
            assertThat(context.containsBean("embeddableLogin") || context.containsBean("embeddableRedirectPage"))
                    .as("sign in once's servlet, or at least the redirect page").isTrue();
        });
    }

    /** bridge.enabled=1: pages are told to load the bridge (properties say on), but the bridge servlet is not registered. */
    @Test
    void bridgeEnabledOneRegistersTheBridge() {
        web.withPropertyValues("ringcentral.embeddable.bridge.enabled=1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddableProperties.class).getBridge().isEnabled()).isTrue();
            assertThat(context).hasBean("embeddableBridge");
        });
    }

    /** A blank value (an empty environment variable from a deployment template) is not set. */
    @Test
    void anEmptyAnonymousWithSpringSecurityHidesTheWidget() {
        web.withBean("springSecurityFilterChain", Object.class, Object::new)
                .withPropertyValues("ringcentral.embeddable.inject.anonymous=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddableProperties.class).getInject().getAnonymous()).isNull(); // "not set"
            assertThat(context).as("not set with Spring Security: anonymous visitors get no widget")
                    .hasBean("embeddableAnonymousVisitorsBefore");
        });
    }
}

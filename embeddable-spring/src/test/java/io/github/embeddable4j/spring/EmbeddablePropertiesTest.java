package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EmbeddablePropertiesTest {

    /** The config tool sets the starter's own properties aside by their first name: core's list is this class's. */
    @Test
    void theConfigToolKnowsEveryPropertyOfTheStarters() {
        java.util.List<String> names = java.util.Arrays.stream(EmbeddableProperties.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .map(f -> f.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(io.github.embeddable4j.core.cli.ConfigTool.STARTER_PROPERTIES);
    }

    @Test
    void switchDefaultsAreCoresDefaults() {
        // Like Micrometer's DatadogPropertiesTests: the starter's defaults are core's defaults, never a second opinion.
        EmbeddableProperties properties = new EmbeddableProperties();
        InjectionRules rules = properties.toInjectionRules();
        InjectionRules coreRules = InjectionRules.defaults();
        assertThat(rules.enabled()).isEqualTo(coreRules.enabled()).isEqualTo(properties.getInject().isEnabled());
        assertThat(rules.includes()).isEqualTo(coreRules.includes());
        assertThat(rules.excludes()).isEqualTo(coreRules.excludes());
        assertThat(rules.errorPages()).isEqualTo(coreRules.errorPages());
        assertThat(rules.injectedHeader()).isEqualTo(coreRules.injectedHeader());
        assertThat(rules.point()).isEqualTo(coreRules.point());
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.isFailOnUnknownProperties()).isTrue();
        assertThat(properties.getInject().getAnonymous())
                .as("not set, so no default in the metadata: without Spring Security every visitor gets the widget").isNull();
        assertThat(properties.getBridge().toLimits()).isEqualTo(io.github.embeddable4j.core.bridge.BridgeLimits.defaults());
    }

    @Test
    void theBridgeRateLimitIsBoundFromItsTwoProperties() {
        var environment = new MockEnvironment().withProperty("ringcentral.embeddable.bridge.rate-limit.requests", "5")
                .withProperty("ringcentral.embeddable.bridge.rate-limit.window", "1m");
        EmbeddableProperties properties = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(EmbeddableProperties.PREFIX, EmbeddableProperties.class).get();
        var limits = properties.getBridge().toLimits();
        assertThat(limits.requestsPerWindow()).isEqualTo(5);
        assertThat(limits.window()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(limits.maxBodyBytes()).isEqualTo(io.github.embeddable4j.core.bridge.BridgeLimits.defaults().maxBodyBytes());
    }

    @Test
    void noWidgetPropertiesGiveCoresDefaultConfiguration() {
        EnvironmentSettings settings = EnvironmentSettings.read(new MockEnvironment());
        assertThat(settings.settings()).isEmpty();
        assertThat(settings.toConfig()).isEqualTo(EmbeddableConfig.defaults());
    }
}

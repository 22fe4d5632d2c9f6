package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Brand;
import io.github.embeddable4j.core.CallWith;
import io.github.embeddable4j.core.Direction;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.WidgetParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every widget parameter, set as a Spring property, reaches the built configuration, and reaches only its own
 * parameter: a parameter the starter forgot, or wired to another, fails here. Once as a properties-file key
 * ({@code ringcentral.embeddable.default-call-with}) and once as an environment variable
 * ({@code RINGCENTRAL_EMBEDDABLE_DEFAULT_CALL_WITH}).
 */
class WidgetParameterBindingTest {

    private static final String PREFIX = "ringcentral.embeddable.";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    @ParameterizedTest
    @EnumSource(WidgetParameter.class)
    void aPropertyReachesItsParameter(WidgetParameter p) {
        Map<String, String> properties = new LinkedHashMap<>(companions(p));
        properties.put(p.kebabName(), text(p));
        List<String> pairs = new ArrayList<>();
        properties.forEach((k, v) -> pairs.add(PREFIX + k + "=" + v));
        runner.withPropertyValues(pairs.toArray(String[]::new)).run(context -> assertReaches(context.getBean(Embeddable.class).config(), p));
    }

    @ParameterizedTest
    @EnumSource(WidgetParameter.class)
    void anEnvironmentVariableReachesItsParameter(WidgetParameter p) {
        Map<String, Object> variables = new LinkedHashMap<>();
        companions(p).forEach((k, v) -> variables.put(variable(k), v));
        variables.put(variable(p.kebabName()), text(p));
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)))
                .run(context -> assertReaches(context.getBean(Embeddable.class).config(), p));
    }

    private static void assertReaches(EmbeddableConfig config, WidgetParameter p) {
        assertThat(config.get(p)).as("%s", p).hasValue(expected(p));
        for (WidgetParameter other : WidgetParameter.values()) {
            if (other != p && !companions(p).containsKey(other.kebabName())) {
                assertThat(config.get(other)).as("%s set by the property of %s", other, p).isEmpty();
            }
        }
    }

    private static String variable(String kebab) {
        return "RINGCENTRAL_EMBEDDABLE_" + kebab.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A value other than the default, as text. A new ValueType does not compile here until it has one. */
    private static String text(WidgetParameter p) {
        return switch (p.type()) {
            case TEXT -> "t" + p.wireName();
            case URL -> "https://example.com/" + p.wireName();
            case FLAG, TRUE_STRING -> "true";
            case FLAG_DEFAULT_ON -> "false";
            case INTEGER -> "1234";
            case CALL_WITH -> "ringout";
            case DIRECTION -> "left";
            case BRAND -> "bt";
            case APP_SERVER -> "sandbox";
            case DISCOVERY_SERVER -> "https://discovery.ringcentral.com";
        };
    }

    private static Object expected(WidgetParameter p) {
        return switch (p.type()) {
            case TEXT, URL, DISCOVERY_SERVER -> text(p);
            case FLAG, TRUE_STRING -> true;
            case FLAG_DEFAULT_ON -> false;
            case INTEGER -> 1234;
            case CALL_WITH -> CallWith.RINGOUT;
            case DIRECTION -> Direction.LEFT;
            case BRAND -> Brand.BT;
            case APP_SERVER -> AppServer.SANDBOX;
        };
    }

    /** What core requires alongside some parameters (secrets need the legacy opt-in, and so on), by kebab name. */
    private static Map<String, String> companions(WidgetParameter p) {
        Map<String, String> with = new LinkedHashMap<>();
        if (p.isSecret()) {
            with.put("allow-secrets-in-markup", "true");
        }
        switch (p) {
            case CLIENT_SECRET -> with.put("client-id", "c");
            case JWT -> {
                with.put("client-id", "c");
                with.put("client-secret", "s");
            }
            case AUTHORIZATION_CODE_VERIFIER -> with.put("authorization-code", "code");
            case AUTH_PROXY -> with.put("app-server", "https://proxy.example.com");
            case ENABLE_POPUP -> with.put("multiple-tabs-support", "true");
            case ENABLE_VOICEMAIL_DROP -> with.put("enable-side-widget", "true");
            default -> { }
        }
        return with;
    }
}

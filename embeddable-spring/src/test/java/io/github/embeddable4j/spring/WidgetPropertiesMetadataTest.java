package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.WidgetParameter;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The IDE metadata in the starter's jar: generated at build time from WidgetParameter, merged with what the
 * annotation processor wrote for the starter's switches. Every parameter is there with its description, type,
 * default and value hints; every property there is one the starter reads.
 */
class WidgetPropertiesMetadataTest {

    private static final String PREFIX = "ringcentral.embeddable.";
    private static final Map<String, JsonNode> PROPERTIES = new LinkedHashMap<>();
    private static final Map<String, JsonNode> HINTS = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        URL url = WidgetPropertiesMetadataTest.class.getClassLoader().getResource("META-INF/spring-configuration-metadata.json");
        assertThat(url).as("generated metadata").isNotNull();
        if (Boolean.getBoolean("embeddable.metadata.inJar")) {
            assertThat(url.getProtocol()).isEqualTo("jar"); // the Boot 4 suite runs against the packaged jar
        }
        JsonNode metadata;
        try (InputStream in = url.openStream()) {
            metadata = new ObjectMapper().readTree(in);
        }
        metadata.get("properties").forEach(p -> assertThat(PROPERTIES.put(p.get("name").asText(), p)).as("duplicate").isNull());
        metadata.get("hints").forEach(h -> assertThat(HINTS.put(h.get("name").asText(), h)).as("duplicate").isNull());
    }

    @Test
    void everyWidgetParameterHasItsDescriptionTypeAndDefault() {
        for (WidgetParameter p : WidgetParameter.values()) {
            JsonNode property = PROPERTIES.get(PREFIX + p.kebabName());
            assertThat(property).as("metadata for %s", p).isNotNull();
            String description = new ConfigProblem("d", p.description(), "-").named(EmbeddableConfig::kebabKey).message();
            assertThat(property.path("description").asText()).as("description of %s", p).isEqualTo(description).isNotBlank();
            String type = p.type().isBoolean() ? "java.lang.Boolean"
                    : p.type() == WidgetParameter.ValueType.INTEGER ? "java.lang.Integer" : "java.lang.String";
            assertThat(property.path("type").asText()).as("type of %s", p).isEqualTo(type);
            switch (p.type()) {
                case FLAG, TRUE_STRING -> assertThat(property.path("defaultValue").isBoolean() && !property.path("defaultValue").asBoolean())
                        .as("default of %s", p).isTrue();
                case FLAG_DEFAULT_ON -> assertThat(property.path("defaultValue").asBoolean()).as("default of %s", p).isTrue();
                case APP_SERVER -> assertThat(property.path("defaultValue").asText()).isEqualTo("production");
                default -> assertThat(property.has("defaultValue")).as("default of %s", p).isFalse();
            }
        }
        assertThat(PROPERTIES.get(PREFIX + "enable-sms-template").path("description").asText()).contains("Edit Extensions");
        assertThat(PROPERTIES.get(PREFIX + "jwt").path("description").asText()).contains("needs client-secret")
                .contains("allow-secrets-in-markup").doesNotContain("clientSecret");
    }

    /**
     * What the IDE strikes through: the widget's ignored proxy page, and the old names core still reads as the new
     * ones (which an IDE marked "cannot resolve" with no word of their replacement; a metadata audit).
     */
    @Test
    void deprecatedSettingsSayWhatReplacesThem() {
        assertThat(PROPERTIES.get(PREFIX + "proxy-uri").path("deprecation").path("level").asText()).isEqualTo("warning");
        assertThat(PROPERTIES.get(PREFIX + "app-key").path("deprecation").path("replacement").asText())
                .isEqualTo(PREFIX + "client-id");
        assertThat(PROPERTIES.get(PREFIX + "app-secret").path("deprecation").path("replacement").asText())
                .isEqualTo(PREFIX + "client-secret");
        assertThat(EmbeddableConfig.fromMap(java.util.Map.of("app-key", "abc123")).clientId()).as("still read").hasValue("abc123");
    }

    @Test
    void everyClosedParameterHasItsValuesAsHints() {
        for (WidgetParameter p : WidgetParameter.values()) {
            List<String> choices = p.type().isBoolean() ? List.of() : SettingNames.choices(p);
            JsonNode hint = HINTS.get(PREFIX + p.kebabName());
            if (choices.isEmpty()) {
                assertThat(hint).as("hint for %s", p).isNull();
                continue;
            }
            assertThat(hint).as("hint for %s", p).isNotNull();
            List<String> values = new ArrayList<>();
            hint.get("values").forEach(v -> values.add(v.get("value").asText()));
            assertThat(values).as("hint values of %s", p).containsExactlyElementsOf(choices);
        }
        for (String closed : List.of("default-call-with", "default-direction", "brand", "app-server", "hosting", "discover-app-server")) {
            assertThat(HINTS).as("hints for %s", closed).containsKey(PREFIX + closed);
        }
        assertThat(HINTS.get(PREFIX + "default-call-with").get("values")).extracting(v -> v.get("value").asText())
                .containsExactly("browser", "jupiter", "softphone", "ringout");
        assertThat(HINTS.get(PREFIX + "app-server").get("values").get(1).get("description").asText())
                .isEqualTo("https://platform.devtest.ringcentral.com");
        assertThat(HINTS.get(PREFIX + "app-server").get("providers").get(0).get("name").asText()).isEqualTo("any");
    }

    @Test
    void everySettingAndSwitchIsDescribed() {
        for (String setting : SettingNames.all()) {
            assertThat(PROPERTIES).as("metadata for %s", setting).containsKey(EnvironmentSettings.property(setting));
        }
        for (String key : List.of("enabled", "fail-on-unknown-properties", "nonce-attribute", "params", "inject.enabled",
                "inject.anonymous", "inject.include-paths", "inject.exclude-paths", "inject.error-pages", "inject.injected-header",
                "redirect-page.path")) {
            assertThat(PROPERTIES).as("metadata for %s", key).containsKey(PREFIX + key);
        }
        PROPERTIES.forEach((name, p) -> assertThat(p.path("description").asText()).as("description of %s", name).isNotBlank());
        assertThat(PROPERTIES.get(PREFIX + "hosting").path("defaultValue").asText()).isEqualTo("latest");
        assertThat(PROPERTIES.get(PREFIX + "disable-glip").path("defaultValue").asBoolean()).isTrue();
    }

    /**
     * Core reads widget settings from an environment without the starter ({@code EmbeddableConfig.fromEnvironment}), and
     * names the starter's own switches there as the starter's (RINGCENTRAL_EMBEDDABLE_ENABLED stopped a Jetty
     * application as "not a setting"). Core keeps that list by hand, so a new switch group in the starter fails here.
     */
    @Test
    void everyStarterSwitchIsNamedAsOneByCoresEnvironmentReader() {
        List<String> switches = new ArrayList<>();
        for (String name : PROPERTIES.keySet()) {
            if (!name.startsWith(PREFIX) || SettingNames.all().stream().anyMatch(s -> EnvironmentSettings.property(s).equals(name))
                    || name.equals(PREFIX + "params") || PROPERTIES.get(name).path("deprecation").has("replacement")) {
                continue;
            }
            switches.add(name);
            String variable = name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
            io.github.embeddable4j.core.EmbeddableConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.github.embeddable4j.core.EmbeddableConfigException.class,
                    () -> EmbeddableConfig.fromEnvironment(Map.of(variable, "1")));
            assertThat(e).as("%s read by core", variable).isNotNull();
            assertThat(e.problems()).as("%s read by core", variable).singleElement().extracting(ConfigProblem::message)
                    .isEqualTo("'" + variable + "' is a switch of the Spring Boot starter, which reads it; this"
                            + " configuration holds the widget's settings only.");
        }
        assertThat(switches).contains(PREFIX + "enabled", PREFIX + "inject.exclude-paths", PREFIX + "bridge.rate-limit.window",
                PREFIX + "login.server-key", PREFIX + "setup-page.role");
    }

    @Test
    void everyPropertyInTheMetadataIsOneTheStarterReads() {
        MockEnvironment environment = new MockEnvironment();
        PROPERTIES.keySet().forEach(name -> environment.setProperty(name.equals(PREFIX + "params") ? name + ".x" : name, "1"));
        assertThat(EnvironmentSettings.read(environment).unknownProperties()).isEmpty();
    }
}

package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.Hosting;
import io.github.embeddable4j.core.WidgetParameter;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;

class EmbeddablePropertiesTest {

    private static final String PREFIX = "ringcentral.embeddable.";

    @Test
    void defaultValuesAreConsistent() {
        // Like Micrometer's DatadogPropertiesTests: the starter's defaults are core's defaults, never a second opinion.
        EmbeddableProperties properties = new EmbeddableProperties();
        EmbeddableConfig defaults = EmbeddableConfig.defaults();
        assertThat(properties.toConfig()).isEqualTo(defaults);
        assertThat(properties.getHosting()).isEqualTo(Hosting.latest().toString());
        assertThat(properties.getAppServer()).isEqualTo(AppServer.PRODUCTION.name());
        assertThat(properties.isRequireClientId()).isEqualTo(defaults.requireClientId());
        assertThat(properties.isAllowSecretsInMarkup()).isEqualTo(defaults.allowSecretsInMarkup());
        BeanWrapperImpl bean = new BeanWrapperImpl(properties);
        for (WidgetParameter p : WidgetParameter.values()) {
            String property = camel(p.kebabName());
            assertThat(bean.isReadableProperty(property)).as("property for %s", p).isTrue();
            Object value = bean.getPropertyValue(property);
            if (p.type().isBoolean()) {
                assertThat(value).as("default of %s", p).isEqualTo(defaults.isOn(p));
            } else if (p != WidgetParameter.APP_SERVER) {
                assertThat(value).as("default of %s", p).isNull();
            }
        }
        InjectionRules rules = properties.toInjectionRules();
        InjectionRules coreRules = InjectionRules.defaults();
        assertThat(rules.enabled()).isEqualTo(coreRules.enabled());
        assertThat(rules.includes()).isEqualTo(coreRules.includes());
        assertThat(rules.excludes()).isEqualTo(coreRules.excludes());
        assertThat(rules.errorPages()).isEqualTo(coreRules.errorPages());
        assertThat(rules.injectedHeader()).isEqualTo(coreRules.injectedHeader());
        assertThat(rules.point()).isEqualTo(coreRules.point());
    }

    @Test
    void metadataListsEveryKeyWithADescriptionAndHintsForClosedSets() throws Exception {
        URL url = getClass().getClassLoader().getResource("META-INF/spring-configuration-metadata.json");
        assertThat(url).as("generated metadata").isNotNull();
        if (Boolean.getBoolean("embeddable.metadata.inJar")) {
            assertThat(url.getProtocol()).isEqualTo("jar"); // the Boot 4 suite runs against the packaged jar
        }
        JsonNode metadata;
        try (InputStream in = url.openStream()) {
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(properties).as("metadata for %s", p).containsKey(PREFIX + p.kebabName());
        }
        for (String key : new String[] {"enabled", "inject.enabled", "hosting", "require-client-id", "allow-secrets-in-markup",
            "params", "nonce-attribute", "inject.include-paths", "inject.exclude-paths", "inject.error-pages",
            "inject.injected-header", "redirect-page.path"}) {
            assertThat(properties).as("metadata for %s", key).containsKey(PREFIX + key);
        }
        properties.forEach((name, p) -> assertThat(p.path("description").asText()).as("description of %s", name).isNotBlank());
        assertThat(properties.get(PREFIX + "hosting").path("defaultValue").asText()).isEqualTo("latest");
        assertThat(properties.get(PREFIX + "disable-glip").path("defaultValue").asBoolean()).isTrue();
        Map<String, JsonNode> hints = new HashMap<>();
        metadata.get("hints").forEach(h -> hints.put(h.get("name").asText(), h));
        assertThat(hints.get(PREFIX + "app-server").get("values")).extracting(v -> v.get("value").asText())
                .contains("production", "sandbox");
        assertThat(hints.get(PREFIX + "default-call-with").get("values")).extracting(v -> v.get("value").asText())
                .containsExactly("browser", "jupiter", "softphone", "ringout");
        assertThat(hints.get(PREFIX + "default-direction").get("values")).hasSize(2);
        assertThat(hints.get(PREFIX + "brand").get("values")).hasSize(7);
    }

    private static String camel(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}

package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A widget setting that is a list (the frame origins) may be written as a list, as the IDE metadata's type suggests:
 * YAML items, indexed keys or indexed environment variables give every item, as a comma-separated value does. Only the
 * first item was read before (a Kotlin trial's YAML), silently. Real {@code SpringApplication} runs.
 */
class ListSettingsTest {

    @Test
    void aYamlListGivesEveryItem() {
        assertThat(frameOrigins(Map.of(), "--spring.config.location=classpath:/lists/frame-origins.yml"))
                .contains("https://a.example.com").contains("https://b.example.com");
    }

    @Test
    void indexedKeysAndEnvironmentVariablesGiveEveryItem() {
        assertThat(frameOrigins(Map.of(), "--ringcentral.embeddable.frame-origins[0]=https://a.example.com",
                "--ringcentral.embeddable.frame-origins[1]=https://b.example.com"))
                .contains("https://a.example.com").contains("https://b.example.com");
        assertThat(frameOrigins(Map.of("RINGCENTRAL_EMBEDDABLE_FRAMEORIGINS_0", "https://a.example.com",
                "RINGCENTRAL_EMBEDDABLE_FRAMEORIGINS_1", "https://b.example.com")))
                .contains("https://a.example.com").contains("https://b.example.com");
        // The widget-style spelling, which Spring does not map to the property.
        assertThat(frameOrigins(Map.of("RINGCENTRAL_EMBEDDABLE_FRAME_ORIGINS_1", "https://b.example.com",
                "RINGCENTRAL_EMBEDDABLE_FRAME_ORIGINS_0", "https://a.example.com")))
                .contains("https://a.example.com").contains("https://b.example.com");
    }

    @Test
    void aCommaSeparatedValueStillGivesEveryItem() {
        assertThat(frameOrigins(Map.of(), "--ringcentral.embeddable.frame-origins=https://a.example.com,https://b.example.com"))
                .contains("https://a.example.com").contains("https://b.example.com");
    }

    /**
     * As Spring binds a list: the first source that has it, in any form, wins. A review's YAML items in a later config
     * location, and an indexed variable, lost to a comma value in application.properties below them. The other way
     * round, the text above the items wins.
     */
    @Test
    void aListInASourceAboveTextWinsAsSpringBindsOne() {
        assertThat(frameOrigins(Map.of(), "--spring.config.location=classpath:/lists/text-below.properties,classpath:/lists/items-above.yml"))
                .as("the later location wins").contains("https://c.example.com", "https://d.example.com")
                .doesNotContain("https://a.example.com");
        assertThat(frameOrigins(Map.of("RINGCENTRAL_EMBEDDABLE_FRAMEORIGINS_0", "https://c.example.com"),
                "--spring.config.location=classpath:/lists/text-below.properties"))
                .as("variables come before application properties").contains("https://c.example.com")
                .doesNotContain("https://a.example.com");
        assertThat(frameOrigins(Map.of(), "--spring.config.location=classpath:/lists/items-above.yml,classpath:/lists/text-below.properties"))
                .as("the text above").contains("https://a.example.com").doesNotContain("https://c.example.com");
    }

    private static java.util.List<String> frameOrigins(Map<String, Object> variables, String... args) {
        try (ConfigurableApplicationContext context = UnknownPropertiesTest.run(variables, args)) {
            return context.getBean(Embeddable.class).config().frameOrigins();
        }
    }
}

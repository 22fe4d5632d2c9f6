package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot 3.2 manages Jackson 2.15, which lacks classes embeddable4j's JSON uses: a trial's application started,
 * its pages had the widget, and every bridge request was a 500 (ClassNotFoundException: JsonRecyclerPools). The check
 * makes that a start-up failure with the fix.
 */
class JacksonCheckTest {

    @Test
    void jackson215AsSpringBoot32ManagesItIsRefusedWithTheVersionsAndTheFix() {
        ConfigProblem problem = JacksonCheck.problem(version(2, 15, 4), version(2, 15, 4));

        assertThat(problem.message()).contains("needs Jackson 2.16 or later",
                "jackson-core 2.15.4 and jackson-databind 2.15.4");
        assertThat(problem.fix()).contains("<jackson-bom.version>2.17.3</jackson-bom.version>", "Spring Boot 3.3 or later");
    }

    @Test
    void anOldCoreOrAnOldDatabindAloneIsRefused() {
        assertThat(JacksonCheck.problem(version(2, 15, 2), version(2, 20, 1)).message()).contains("jackson-core 2.15.2");
        assertThat(JacksonCheck.problem(version(2, 20, 1), version(2, 15, 4)).message()).contains("jackson-databind 2.15.4");
    }

    @Test
    void jackson216AndLaterWillDo() {
        assertThat(JacksonCheck.problem(version(2, 16, 0), version(2, 16, 2))).isNull();
        assertThat(JacksonCheck.problem(version(2, 17, 0), version(2, 17, 3))).isNull();
        assertThat(JacksonCheck.problem(version(2, 22, 3), version(2, 22, 3))).isNull();
    }

    @Test
    void thisClassPathsJacksonPassesAndAWidgetIsMade() {
        assertThat(JacksonCheck.problem(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION)).isNull();
        assertThat(Embeddable.of(EmbeddableConfig.builder().build()).scriptTag()).contains("<script");
    }

    private static Version version(int major, int minor, int patch) {
        return new Version(major, minor, patch, null, "com.fasterxml.jackson.core", "jackson-core");
    }
}

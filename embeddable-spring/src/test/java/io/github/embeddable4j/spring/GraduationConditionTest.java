package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Graduation is counted, unless set otherwise, wherever the widget runs on the sandbox, however the setting spells it:
 * a review found {@code devtest} and an origin in capitals run on the sandbox with nothing counted.
 */
class GraduationConditionTest {

    @TempDir
    Path dir;

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class));

    @ParameterizedTest(name = "app-server={0}")
    @CsvSource({"sandbox, true", "devtest, true", " DevTest , true", "https://PLATFORM.DEVTEST.RINGCENTRAL.COM, true",
            "https://platform.devtest.ringcentral.com, true", "production, false", "https://platform.ringcentral.com, false"})
    void everySpellingOfTheSandboxCountsGraduation(String server, boolean counted) {
        web.withPropertyValues("ringcentral.embeddable.client-id=graduation-condition",
                "ringcentral.embeddable.app-server=" + server,
                "ringcentral.embeddable.graduation.file=" + dir.resolve("graduation.json")).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Embeddable.class).config().appServer().equals(AppServer.SANDBOX)).isEqualTo(counted);
                    assertThat(context.getBeansOfType(GraduationTracker.class)).as("a tracker").hasSize(counted ? 1 : 0);
                });
    }
}

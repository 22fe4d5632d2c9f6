package io.github.embeddable4j.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.WidgetParameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ConfigTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validSettingsPrintChecklistMarkupAndPolicies() {
        assertThat(run("--client-id=abc", "--app-server=sandbox", "disableMessages=true", "--nonce", "n0nce")).isZero();
        assertThat(stdout())
                .contains("Configuration: valid (1 warning)")
                .contains("appServer: the sandbox server is for development")
                .contains("Auth:          3-legged OAuth flow authorization code")
                .contains("<script src=\"https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/adapter.js?clientId=abc&amp;appServer=https%3A%2F%2Fplatform.devtest.ringcentral.com&amp;disableMessages=1\" nonce=\"n0nce\" async=\"\"></script>")
                .contains("<iframe src=\"https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/app.html?clientId=abc")
                .contains("loader: script-src https://apps.ringcentral.com; frame-src https://apps.ringcentral.com https://ringcentral.github.io")
                .contains("With the event bridge (on with the Spring Boot starter; EmbeddableFilter.withEventBridge otherwise),"
                        + " add connect-src 'self' (CspSources.withEventBridge)")
                .contains("microphone=(self \"https://apps.ringcentral.com\" \"https://ringcentral.github.io\"")
                .contains("ringcentral.embeddable.client-id=abc")
                .contains("ringcentral.embeddable.disable-messages=true");
    }

    @Test
    void invalidSettingsListEveryProblemAndExitWithTwo() {
        assertThat(run("--client-id=abc", "--app-server=ftp://x", "--defaultCalWith=ringout")).isEqualTo(2);
        assertThat(stdout()).contains("Configuration: INVALID (2 problems)")
                .contains("app-server: 'ftp://x' does not use https.") // as it was typed
                .contains("Did you mean 'defaultCallWith'?")
                .doesNotContain("<script");
    }

    @Test
    void readsPropertiesAndJsonFiles(@TempDir Path dir) throws IOException {
        Path props = dir.resolve("rc.properties");
        Files.writeString(props, "ringcentral.embeddable.client-id=fromprops\nringcentral.embeddable.hosting=2.x\n");
        assertThat(run("--properties", props.toString())).isZero();
        assertThat(stdout()).contains("ringcentral-embeddable/2.x/adapter.js?clientId=fromprops");

        out.reset();
        Path json = dir.resolve("rc.json");
        Files.writeString(json, "{\"clientId\": \"fromjson\", \"disableGlip\": false}");
        assertThat(run("--json=" + json, "--client-id=override")).isZero();
        assertThat(stdout()).contains("adapter.js?clientId=override&amp;disableGlip=false")
                .contains("TeamMessaging (for team messaging");

        out.reset();
        assertThat(run("--json", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void helpListsEverySetting() {
        assertThat(run("--help")).isZero();
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(stdout()).contains("  " + p.kebabName() + " ");
        }
        assertThat(stdout()).contains("hosting").contains("require-client-id").contains("allow-secrets-in-markup")
                .contains("params.<name>").contains("Exit status: 0");
    }

    @Test
    void badCommandLinesExitWithTwo() {
        assertThat(run("--client-id")).isEqualTo(2);
        assertThat(run("--properties")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--properties needs a value");
    }
}

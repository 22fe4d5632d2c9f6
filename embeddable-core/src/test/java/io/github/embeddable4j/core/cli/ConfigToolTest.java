package io.github.embeddable4j.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.WidgetParameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
                .contains("ringcentral.embeddable.app-server: the sandbox server is for development") // as its properties below
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

    /**
     * An application's own properties file and environment, as an operations trial gave them: the tool refused the
     * starter's own properties ('ringcentral.embeddable.bridge.rate-limit.requests' is not a setting), took no
     * environment (an http:// redirect URI set there came back valid), and read ${RINGCENTRAL_CLIENT_ID:} literally.
     */
    @Test
    void readsAnApplicationsPropertiesAndEnvironmentAsTheApplicationDoes(@TempDir Path dir) throws IOException {
        Path props = dir.resolve("application.properties");
        Files.writeString(props, """
                spring.application.name=crm
                server.port=8080
                ringcentral.embeddable.client-id=${RINGCENTRAL_CLIENT_ID:}
                ringcentral.embeddable.app-server=${RINGCENTRAL_APP_SERVER:sandbox}
                ringcentral.embeddable.require-client-id=true
                ringcentral.embeddable.bridge.rate-limit.requests=30
                ringcentral.embeddable.redirect-page.path=/ringcentral/redirect
                ringcentral.embeddable.setup-page.enabled=true
                """);
        Map<String, String> environment = Map.of("RINGCENTRAL_CLIENT_ID", "AbC123xyz", "PATH", "/usr/bin");
        assertThat(ConfigTool.run(new String[] {"--properties", props.toString()}, environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(stdout()).contains("adapter.js?clientId=AbC123xyz&amp;appServer=https%3A%2F%2Fplatform.devtest.ringcentral.com");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Left out: 2 properties of " + props + " without the ringcentral.embeddable. prefix.")
                .contains("Not checked here (the starter's own properties, checked when it starts): ringcentral.embeddable."
                        + "bridge.rate-limit.requests, ringcentral.embeddable.redirect-page.path, ringcentral.embeddable.setup-page.enabled");

        // --env: the environment over the file, named as it was set; arguments over both.
        out.reset();
        Map<String, String> bad = Map.of("RINGCENTRAL_CLIENT_ID", "AbC123xyz",
                "RINGCENTRAL_EMBEDDABLE_REDIRECT_URI", "http://crm.example.com/redirect.html", "RINGCENTRAL_APP_SERVER", "production");
        assertThat(ConfigTool.run(new String[] {"--properties", props.toString(), "--env"}, bad,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(stdout()).contains("RINGCENTRAL_EMBEDDABLE_REDIRECT_URI").contains("https");
        out.reset();
        assertThat(ConfigTool.run(new String[] {"--properties", props.toString(), "--env",
                "--redirect-uri=https://crm.example.com/redirect.html"}, bad,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(stdout()).contains("clientId=AbC123xyz").doesNotContain("devtest"); // production, from the environment
        // Without --env, the environment only fills the file's placeholders.
        out.reset();
        assertThat(ConfigTool.run(new String[] {"--properties", props.toString()}, bad,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
    }

    /**
     * A review's cases: the starter's own variables set aside with --env as in a file; the short RINGCENTRAL_CLIENT_ID
     * not read over the file (the starter reads it only through a placeholder); placeholders from the file's own
     * properties, by a variable's form of their name, and nested defaults, as Spring resolves them.
     */
    @Test
    void readsTheEnvironmentAndPlaceholdersAsTheStarterDoes(@TempDir Path dir) throws IOException {
        Path props = dir.resolve("application.properties");
        Files.writeString(props, "ringcentral.embeddable.client-id=FileId123\n");
        assertThat(run(Map.of("RINGCENTRAL_EMBEDDABLE_GRADUATION_FILE", "/data/graduation.json",
                "RINGCENTRAL_EMBEDDABLE_BRIDGE_RATE_LIMIT_REQUESTS", "30", "RINGCENTRAL_CLIENT_ID", "ShellId456"),
                "--properties", props.toString(), "--env")).isZero();
        assertThat(stdout()).contains("adapter.js?clientId=FileId123\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not checked here (the starter's own variables, checked when it"
                + " starts): RINGCENTRAL_EMBEDDABLE_BRIDGE_RATE_LIMIT_REQUESTS, RINGCENTRAL_EMBEDDABLE_GRADUATION_FILE");

        for (String file : new String[] {
            "ringcentral.embeddable.client-id=${RC_ID:${RINGCENTRAL_CLIENT_ID:AbC123xyz}}\n",
            "crm.ringcentral.client-id=AbC123xyz\nringcentral.embeddable.client-id=${crm.ringcentral.client-id}\n",
            "crm.ringcentral.client-id=FromFile\nringcentral.embeddable.client-id=${crm.ringcentral.client-id:x}\n"}) {
            out.reset();
            Files.writeString(props, file);
            // the environment over the file, by the variable's form of the property's name, as Spring ranks them
            Map<String, String> environment = file.contains("FromFile") ? Map.of("CRM_RINGCENTRAL_CLIENT_ID", "AbC123xyz") : Map.of();
            assertThat(run(environment, "--properties", props.toString())).as(file).isZero();
            assertThat(stdout()).as(file).contains("adapter.js?clientId=AbC123xyz\"");
        }
        out.reset();
        Files.writeString(props, "ringcentral.embeddable.client-id=${LOOP}\nLOOP=${LOOP}\n");
        assertThat(run(Map.of(), "--properties", props.toString())).isEqualTo(2); // left for the check, which names it
        assertThat(stdout()).contains("is a placeholder nobody replaced");
    }

    /**
     * Secrets that allowSecretsInMarkup lets into the pages are printed as ****: the tool's output goes to terminals
     * and CI logs (a log audit found them printed, from --env too). The pages still carry them.
     */
    @Test
    void secretsAreNotPrinted() {
        Map<String, String> environment = Map.of("RINGCENTRAL_EMBEDDABLE_CLIENT_SECRET", "S3CRETfromEnv",
                "RINGCENTRAL_EMBEDDABLE_CLIENT_ID", "AbC123xyz", "RINGCENTRAL_EMBEDDABLE_ALLOW_SECRETS_IN_MARKUP", "true");
        assertThat(run(environment, "--env")).isZero();
        assertThat(stdout()).contains("clientSecret=%2A%2A%2A%2A").contains("client-secret=****")
                .contains("Secrets are shown as ****").doesNotContain("S3CRETfromEnv");
        assertThat(io.github.embeddable4j.core.Embeddable.of(io.github.embeddable4j.core.EmbeddableConfig.fromEnvironment(environment))
                .scriptTag()).as("the page's tag").contains("clientSecret=S3CRETfromEnv");
    }

    private int run(Map<String, String> environment, String... args) {
        return ConfigTool.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
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

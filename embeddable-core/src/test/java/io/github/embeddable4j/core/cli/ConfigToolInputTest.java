package io.github.embeddable4j.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config tool where a review found it wrong: a value with control characters drove the terminal, and a setting
 * with Spring's prefix did not override the JSON file's (each test failed before).
 */
class ConfigToolInputTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ConfigTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A properties file written with \\u escapes puts terminal control sequences into what the tool prints. */
    @Test
    void controlCharactersFromAPropertiesFileReachTheTerminalRaw(@TempDir Path dir) throws IOException {
        Path props = dir.resolve("rc.properties");
        // plain ASCII on disk; Properties.load turns the escape into ESC: "clear screen" and an OSC window title
        Files.writeString(props, "ringcentral.embeddable.hosting=\\u001b[2J\\u001b]0;owned\\u0007x\n");
        int status = run("--properties", props.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(2);
        assertThat(printed).contains("hosting"); // the problem is reported...
        assertThat(printed).as("ESC/BEL in the tool's output").doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("\\u001b]0;owned\\u0007x"); // the reader trims the leading one
    }

    /** "arguments override the file", and names are relaxed (ringcentral.embeddable.client-id is clientId). */
    @Test
    void aPrefixedArgumentOverridesTheJsonFile(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("rc.json");
        Files.writeString(json, "{\"clientId\": \"fromjson\"}");
        int status = run("--json=" + json, "--ringcentral.embeddable.client-id=override");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("adapter.js?clientId=override");
        assertThat(status).isZero();
    }
}

package io.github.embeddable4j.servlet.sharedlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One copy of embeddable4j serving several web applications: jars in a standalone Tomcat's {@code lib} folder (a
 * trial's operations team did this to save memory). The copy's classes are shared, so whatever they keep in static
 * fields is too: loggers kept by a class belonged to the first application that used it, and once that application was
 * reloaded Tomcat's per-application logging dropped every line of every application (start-up lines, listeners'
 * failures); warnings said once per class were said for the first application only.
 */
class SharedLibraryTest {

    @Test
    void eachApplicationOfASharedCopyHasItsLinesLoggedAfterReloadsAndItsOwnOnceOnlyWarnings() throws Exception {
        List<String> output = run();
        String all = String.join("\n", output);

        // The set-up is what it claims: each application has a loader of its own, over the copy's.
        assertThat(output).as(all).contains("STEP start sales shared", "STEP start support shared", "STEP done");
        assertThat(output).as(all).contains("STEP get /sales/gzipped 200", "STEP get /support/gzipped 200");

        // Both applications started twice (deployed, then redeployed in turn).
        assertThat(output.stream().filter(l -> l.startsWith("LOG ") && l.contains("client ID SalesClientId00001 on")))
                .as(all).hasSize(2);
        assertThat(output.stream().filter(l -> l.startsWith("LOG ") && l.contains("client ID SupportClientId0002 on")))
                .as(all).hasSize(2);
        // Each application's filter says once that its compressed pages get no widget: each start's filter, here four.
        assertThat(output.stream().filter(l -> l.startsWith("LOG ") && l.contains("already encoded (Content-Encoding: gzip)")))
                .as(all).hasSize(4);
    }

    private static List<String> run() throws Exception {
        // As a standalone Tomcat's conf/logging.properties, with records printed as "LOG <level> <message>".
        Path config = Files.createTempFile("embeddable4j-logging", ".properties");
        Files.writeString(config, "handlers = java.util.logging.ConsoleHandler\n.handlers = java.util.logging.ConsoleHandler\n"
                + "java.util.logging.SimpleFormatter.format = LOG %4$s %5$s%n\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + config,
                "-cp", System.getProperty("java.class.path"), SharedLibraryServer.class.getName())
                .redirectErrorStream(true).start();
        try {
            List<String> lines;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lines = out.lines().toList();
            }
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
            return lines;
        } finally {
            child.destroyForcibly();
            Files.delete(config);
        }
    }
}

package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.WIDGET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as most browser tests see it: the stand-in widget (loader and frame on two origins) on the sandbox
 * server, so the graduation tracker counts, into a file of its own. Every test class extending this one shares one
 * Spring context (the same property source method, inherited), so the Vaadin application starts once for all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OpenerPolicyOffOnRequest.class)
abstract class StandInWidgetContext {

    /** The graduation counts of this context; the folder is deleted when the tests' JVM exits. */
    static final Path GRADUATION_FILE = graduationFile();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void standInWidget(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
        registry.add("ringcentral.embeddable.client-id", () -> "vaadin-browser-test");
        registry.add("ringcentral.embeddable.app-server", () -> "sandbox");
        registry.add("ringcentral.embeddable.graduation.file", GRADUATION_FILE::toString);
    }

    String appUrl(String path) {
        return "http://localhost:" + port + path;
    }

    private static Path graduationFile() {
        try {
            Path folder = Files.createTempDirectory("embeddable4j-vaadin-graduation");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // best effort
                }
            }));
            return folder.resolve("graduation.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

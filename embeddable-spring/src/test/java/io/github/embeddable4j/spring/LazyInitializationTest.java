package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.spring.app.AdaContacts;
import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applications that start faster with {@code spring.main.lazy-initialization=true}, which makes every bean lazy that
 * does not say otherwise: the starter's checks still run at start-up. A trial's graduation file that could not be kept
 * started such an application, and every page was then a 500 naming the graduation store (the actuator's health, on
 * its own port, said UP).
 */
@ExtendWith(OutputCaptureExtension.class)
class LazyInitializationTest {

    private static final List<String> LAZY = List.of("--server.port=0", "--spring.main.banner-mode=off",
            "--spring.main.lazy-initialization=true", "--ringcentral.embeddable.graduation.enabled=true");

    @Test
    void aGraduationFileThatCannotBeKeptStopsTheStart(@TempDir Path dir, CapturedOutput output) throws Exception {
        Path aFile = Files.writeString(dir.resolve("home"), "a file, not a folder");
        Throwable failure = catchThrowable(() -> run(List.of(TestApplication.class),
                "--ringcentral.embeddable.graduation.file=" + aFile.resolve("graduation.json")).close());

        assertThat(failure).as("the start failed").isNotNull().rootCause().isInstanceOfSatisfying(EmbeddableConfigException.class,
                e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.property()).isEqualTo("ringcentral.embeddable.graduation.file")));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").doesNotContain("Tomcat started on port");
    }

    @Test
    void theDefaultFileThatCannotBeKeptIsWarnedAboutWhileStarting(@TempDir Path dir, CapturedOutput output) throws Exception {
        Path aFile = Files.writeString(dir.resolve("home"), "a file, not a folder");
        String home = System.getProperty("user.home");
        System.setProperty("user.home", aFile.toString());
        try (ConfigurableApplicationContext context = run(List.of(TestApplication.class))) {
            String log = output.getAll();
            int warning = log.indexOf("Graduation progress will not be counted");
            assertThat(warning).as("warned").isNotNegative();
            assertThat(warning).as("before the server started").isLessThan(log.indexOf("Tomcat started on port"));
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void twoContactProvidersStopTheStart(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> run(List.of(TestApplication.class, TwoContactProviders.class)).close());

        assertThat(failure).as("the start failed").isNotNull().rootCause().isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("ContactProvider");
        assertThat(output.getAll()).doesNotContain("Tomcat started on port");
    }

    /** And the lazy application serves its pages with the widget, and the glue script, as an eager one does. */
    @Test
    void aLazyApplicationServesTheWidget(@TempDir Path dir) throws Exception {
        try (ConfigurableApplicationContext context = run(List.of(TestApplication.class),
                "--ringcentral.embeddable.graduation.file=" + dir.resolve("graduation.json"),
                "--ringcentral.embeddable.inject.anonymous=true")) { // this application's pages are public
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class); // Boot 3.5 and 4
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/thymeleaf"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("adapter.js");
            HttpResponse<String> glue = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/embeddable4j/embeddable4j.js")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(glue.statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext run(List<Class<?>> sources, String... args) {
        List<String> all = new ArrayList<>(LAZY);
        all.addAll(List.of(args));
        return new SpringApplication(sources.toArray(Class<?>[]::new)).run(all.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoContactProviders {
        @Bean
        ContactProvider ada() {
            return new AdaContacts();
        }

        @Bean
        ContactProvider anotherAda() {
            return new AdaContacts();
        }
    }
}

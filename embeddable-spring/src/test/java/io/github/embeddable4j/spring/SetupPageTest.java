package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The setup page in a Spring application: on when enabled, for localhost, with the tracker's graduation progress. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=setup-test", "ringcentral.embeddable.app-server=sandbox",
    "ringcentral.embeddable.setup-page.enabled=true", "ringcentral.embeddable.inject.anonymous=true"})
class SetupPageTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.graduation.file", () -> dir.resolve("graduation.json").toString());
    }

    @LocalServerPort
    int port;

    @Test
    void theSetupPageShowsTheConfigurationAndGraduationProgressToLocalhost() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/embeddable4j/setup")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("setup-test").contains("ringcentral.embeddable.app-server=sandbox")
                .contains("Send more than 5 SMS").doesNotContain("<script"); // shown as text, never loaded: no widget on the setup page
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> forwarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/embeddable4j/setup")).header("X-Forwarded-For", "203.0.113.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forwarded.statusCode()).isEqualTo(404);
    }
}

package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code inject.error-pages=true} in a WebFlux application: Spring Boot's error pages, which WebFlux renders after the
 * filter chain has ended, get the widget as a servlet container's error pages do (a 404, and a handler's failure), while
 * a JSON client's error stays as Boot writes it. Without the setting they get none ({@link WebFluxInjectionTest}).
 */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.client-id=webflux-app", "ringcentral.embeddable.inject.anonymous=true",
            "ringcentral.embeddable.inject.error-pages=true", "ringcentral.embeddable.inject.injected-header=X-Embeddable-Injected"})
class WebFluxErrorPagesTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Embeddable embeddable;

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bootsErrorPagesGetTheWidget() throws Exception {
        HttpResponse<String> notFound = get("/no-such-page", "text/html");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("Whitelabel Error Page")
                .containsOnlyOnce(embeddable.scriptTag()).contains(embeddable.scriptTag() + "<body>");
        assertThat(notFound.headers().firstValue("X-Embeddable-Injected")).hasValue("1");

        HttpResponse<String> failed = get("/fails", "text/html");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("Whitelabel Error Page").containsOnlyOnce(embeddable.scriptTag());

        // a filter of the application's that throws rather than signalling its error: WebFlux's error page all the same
        HttpResponse<String> thrown = get("/throws-in-filter", "text/html");
        assertThat(thrown.statusCode()).isEqualTo(500);
        assertThat(thrown.body()).contains("Whitelabel Error Page").containsOnlyOnce(embeddable.scriptTag());
    }

    @Test
    void aJsonClientsErrorIsLeftAsBootWritesIt() throws Exception {
        HttpResponse<String> json = get("/no-such-page", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.body()).contains("\"status\":404").doesNotContain("adapter.js");
        assertThat(json.headers().firstValue("X-Embeddable-Injected")).isEmpty();
    }
}

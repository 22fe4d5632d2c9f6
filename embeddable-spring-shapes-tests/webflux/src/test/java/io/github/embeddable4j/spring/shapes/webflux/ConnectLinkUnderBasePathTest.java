package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reactive dialect's {@code rc:connect} in an application under a base path ({@code spring.webflux.base-path}):
 * the connect path and the way back are both under it, as the servlet dialect's are under the context path.
 */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConnectLinkUnderBasePathTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/crm/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("base-path", CALLBACK);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("spring.webflux.base-path", () -> "/crm");
        registry.add("ringcentral.embeddable.client-id", () -> "base-path");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> Base64.getEncoder().encodeToString(
                "webflux-base-path-key-of-32-bytes-or-more".getBytes(StandardCharsets.US_ASCII)));
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @Test
    void theLinkAndTheWayBackAreUnderTheBasePath() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/crm/connect-links?x=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<a id=\"here\" href=\"/crm/ringcentral/connect?return=%2Fcrm%2Fconnect-links%3Fx%3D1\">")
                .contains("<a id=\"there\" href=\"/crm/ringcentral/connect?return=%2Fcrm%2Fpublic%3Ftab%3Dcalls\">");

        HttpResponse<String> connect = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                        + "/crm/ringcentral/connect?return=%2Fcrm%2Fconnect-links%3Fx%3D1"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connect.statusCode()).as("the connect path takes the link: %s", connect.body()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to)
                .startsWith(RINGCENTRAL.url("/restapi/oauth/authorize")));
    }
}

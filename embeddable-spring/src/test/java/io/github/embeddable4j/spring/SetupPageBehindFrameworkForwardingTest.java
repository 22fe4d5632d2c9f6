package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With {@code server.forward-headers-strategy=framework}, Spring takes the request's address from the first
 * {@code X-Forwarded-For} entry, which the visitor writes, and removes the headers: through a proxy on the same host
 * that appends the visitor's real address, "X-Forwarded-For: 127.0.0.1" looked like this machine, and a red-team trial
 * opened the setup page from outside. There the page is for its role only.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=setup-test", "ringcentral.embeddable.setup-page.enabled=true",
    "ringcentral.embeddable.inject.anonymous=true", "server.forward-headers-strategy=framework"})
class SetupPageBehindFrameworkForwardingTest {

    @LocalServerPort
    int port;

    @Test
    void aForgedLoopbackEntryDoesNotOpenTheSetupPage() throws Exception {
        // what nginx's $proxy_add_x_forwarded_for sends for a visitor at 203.0.113.9 who wrote X-Forwarded-For: 127.0.0.1
        assertThat(get("127.0.0.1, 203.0.113.9").statusCode()).isEqualTo(404);
        assertThat(get(null).statusCode()).as("this machine cannot be told here either").isEqualTo(404);
    }

    private HttpResponse<String> get(String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/embeddable4j/setup"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

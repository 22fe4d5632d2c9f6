package io.github.embeddable4j.servlet.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An event batch posted to a bridge as a page's bridge script posts it: JSON, from the page's own origin. No servlet
 * type, so WebFlux tests use it too.
 *
 * <pre>{@code HttpResponse<String> r = BridgePosts.ring(HttpClient.newHttpClient(), "http://localhost:8080", "X-Tenant", "acme");}</pre>
 */
public final class BridgePosts {

    /** A widget's inbound ring, as the widget posts it. */
    public static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550101\","
            + "\"direction\":\"Inbound\"}}";

    private BridgePosts() {
    }

    /**
     * Posts a batch of one ring to {@code origin}'s {@code /embeddable4j/events}, with {@code Origin: origin} and the
     * extra headers given as name, value pairs (a CSRF header, a tenant header).
     */
    public static HttpResponse<String> ring(HttpClient client, String origin, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(origin + "/embeddable4j/events"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + RING + "]}"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            post.header(headers[i], headers[i + 1]);
        }
        return client.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }
}

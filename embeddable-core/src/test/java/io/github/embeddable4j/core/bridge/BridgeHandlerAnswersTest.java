package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BridgeHandler} against what the servlet bridge answers and the docs' recipe (a review found each of these
 * wrong): a HEAD of the script says the GET's length, a bridge without events refuses them as the servlet's script-only
 * bridge does, and the recipe on the JDK's own server answers a second request on the same connection.
 */
class BridgeHandlerAnswersTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("handler").build());
    private static final String RING = "{\"events\":[{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\"}}]}";

    private static BridgeHandler.Answer answer(BridgeHandler bridge, BridgeHandler.Call.Builder call) throws Exception {
        return bridge.handle(call.build()).get(10, TimeUnit.SECONDS);
    }

    /** As BridgeServlet, a HEAD says the script's length: written "as it is", an empty body would say 0. */
    @Test
    void aHeadAnswerGivesTheScriptsLength() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).build();
        BridgeHandler.Answer get = answer(bridge, BridgeHandler.Call.builder("GET", "/embeddable4j.js"));
        BridgeHandler.Answer head = answer(bridge, BridgeHandler.Call.builder("HEAD", "/embeddable4j.js"));
        assertThat(head.body()).isEmpty();
        assertThat(head.headers()).as("HEAD must announce the GET's length, as BridgeServlet does")
                .containsEntry("Content-Length", String.valueOf(get.body().length));
    }

    /** Without events or a service, only the script is served: the event endpoint answers 404 (BridgeServlet.scriptOnly). */
    @Test
    void withoutEventsOrServiceOnlyTheScriptIsServed() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).build();
        byte[] body = RING.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("content-type", "application/json", "host", "localhost:8080",
                "origin", "http://localhost:8080", "content-length", String.valueOf(body.length));
        BridgeHandler.Answer events = answer(bridge, BridgeHandler.Call.builder("POST", "/events")
                .headers(name -> headers.get(name.toLowerCase(java.util.Locale.ROOT))).sessionId("s")
                .body(new ByteArrayInputStream(body)));
        assertThat(events.status()).as(events.bodyText()).isEqualTo(404);
    }

    /**
     * docs/frameworks.md's recipe, verbatim: two requests on one keep-alive connection are both answered (without
     * closing the exchange, the second got no answer), and a HEAD on the JDK's server carries the script's length.
     */
    @Test
    void theDocsRecipeAnswersTwoRequestsOnOneConnection() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/embeddable4j/", exchange -> {
            String pathUnderMount = exchange.getRequestURI().getPath().substring("/embeddable4j".length());
            // ---- docs/frameworks.md, "In a framework without an adapter" ----
            BridgeHandler.Answer answer = bridge.handle(BridgeHandler.Call.builder(exchange.getRequestMethod(), pathUnderMount)
                    .headers(exchange.getRequestHeaders()::getFirst)
                    .sessionId(null)
                    .user(null)
                    .address(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .body(exchange.getRequestBody())
                    .build()).join();
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) { // closed, or the connection's next request gets no answer
                out.write(answer.body());
            }
            // ---- end of the recipe ----
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI script = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/embeddable4j/embeddable4j.js");
            for (int i = 1; i <= 2; i++) {
                HttpResponse<String> response;
                try {
                    response = client.send(HttpRequest.newBuilder(script).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.net.http.HttpTimeoutException e) {
                    throw new AssertionError("request " + i + " got no answer within 5 s", e);
                }
                assertThat(response.statusCode()).as("request " + i).isEqualTo(200);
            }
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(script).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(BridgeHandler.builder(EMBEDDABLE)
                    .build().handle(BridgeHandler.Call.builder("GET", "/embeddable4j.js").build()).join().body().length));
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}

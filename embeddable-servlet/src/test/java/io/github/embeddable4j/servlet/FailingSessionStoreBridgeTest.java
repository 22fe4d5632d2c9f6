package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * A session store that fails (Spring Session with its Redis down, say) while a bridge request is refused: the refusal
 * still answers the bridge's short JSON, not the container's 500. Whom the refused body's drain counts against was
 * asked of the session again in the refusal's own handling, and that second failure escaped it (a review).
 */
class FailingSessionStoreBridgeTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("failing-store").build());

    @Test
    void aRequestWhoseSessionCannotBeHadIsRefusedInJson() throws Exception {
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(event -> { }).build();
        TestServer server = TestServer.jetty((classes, ctx) -> {
            Filter failingStore = (request, response, chain) -> chain.doFilter(new HttpServletRequestWrapper(
                    (HttpServletRequest) request) {
                @Override
                public HttpSession getSession(boolean create) {
                    throw new IllegalStateException("the session store is down");
                }

                @Override
                public HttpSession getSession() {
                    throw new IllegalStateException("the session store is down");
                }
            }, response);
            ctx.addFilter("failing-store", failingStore).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            BridgeServlet.register(ctx, new BridgeServlet(EMBEDDABLE, dispatcher), BridgeEndpoints.DEFAULT_MOUNT);
        });
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.url("/embeddable4j/events")))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Sec-Fetch-Site", "same-origin")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).startsWith("{\"error\":\"unprocessable\"");
        } finally {
            server.close();
            dispatcher.close();
        }
    }
}

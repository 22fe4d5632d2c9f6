package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.containers.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A filter whose event types are known only after the server has started (a Spring application learns its
 * {@code @EventListener} methods then): they are asked for once, at the first page, and decide the bridge.
 */
class DeferredBridgeTypesTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("deferred").build());
    private final HttpClient client = HttpClient.newHttpClient();

    private String page(TestServer server) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url("/page"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theTypesAreAskedForOnceWhenTheFirstPageIsServed() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<Set<String>> types = new AtomicReference<>(Set.of());
        try (TestServer server = TestServer.jetty((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE).withBridge("/embeddable4j", () -> {
                asked.incrementAndGet();
                return types.get();
            }, false, CsrfTokenResolver.none()));
            ctx.addServlet("page", new PageServlet()).addMapping("/page");
        })) {
            assertThat(asked).as("asked while the server started").hasValue(0);
            types.set(Set.of("rc-call-ring-notify")); // known by the time a page is served
            String first = page(server);
            assertThat(first).contains("data-endpoint=\"/embeddable4j/events\"").contains("rc-call-ring-notify");
            types.set(Set.of());
            assertThat(page(server)).contains("data-endpoint=\"/embeddable4j/events\"");
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void aMountThatIsNoPathIsRefusedWhenTheFilterIsConfiguredNotAtTheFirstPage() {
        assertThatThrownBy(() -> new EmbeddableFilter(EMBEDDABLE).withBridge("/bad mount", List::of, false, CsrfTokenResolver.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mount '/bad mount' is not a path on the application's origin");
        assertThatThrownBy(() -> new EmbeddableFilter(EMBEDDABLE).withBridge("//evil.example", List.of("x"), false,
                CsrfTokenResolver.none())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noTypesMeansNoBridge() throws Exception {
        try (TestServer server = TestServer.jetty((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE).withBridge("/embeddable4j", List::of, false,
                    CsrfTokenResolver.none()));
            ctx.addServlet("page", new PageServlet()).addMapping("/page");
        })) {
            assertThat(page(server)).contains("adapter.js").doesNotContain("embeddable4j.js");
        }
    }
}

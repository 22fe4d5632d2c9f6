package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.setup.SetupAccess;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An empty entry in a forwarding header is a client elsewhere for core and the servlet, and now in WebFlux too: the
 * setup page opened there (found by a review).
 */
class SetupPageForwardedEntriesTest {

    @Test
    void anEmptyEntryBesideALoopbackOneKeepsThePageClosed() {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("setup-abc").build());
        EmbeddableSetupPageWebFilter filter = new EmbeddableSetupPageWebFilter(embeddable, null, null, "/embeddable4j/setup");
        for (String[] header : new String[][] {{"X-Forwarded-For", "127.0.0.1, "}, {"X-Forwarded-For", ", 127.0.0.1"},
                {"Forwarded", "for=127.0.0.1,"}}) {
            // Core's rule (as the servlet applies it, with the header's raw value): an empty entry is a client elsewhere.
            assertThat(SetupAccess.fromLocalhost("127.0.0.1", name -> name.equalsIgnoreCase(header[0]) ? List.of(header[1]) : List.of()))
                    .as("core: %s: %s", header[0], header[1]).isFalse();
            ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/embeddable4j/setup")
                    .remoteAddress(new InetSocketAddress("127.0.0.1", 50000)).header(header[0], header[1]).build());
            filter.filter(exchange, e -> Mono.empty()).block();
            assertThat(exchange.getResponse().getStatusCode()).as("WebFlux: %s: %s (not served: passed on)", header[0], header[1]).isNull();
        }
    }
}

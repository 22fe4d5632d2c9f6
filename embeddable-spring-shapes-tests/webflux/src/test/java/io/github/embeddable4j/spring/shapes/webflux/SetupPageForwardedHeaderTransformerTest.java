package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.EmbeddableAutoConfiguration;
import io.github.embeddable4j.spring.webflux.EmbeddableSetupPageWebFilter;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import reactor.core.publisher.Mono;

/**
 * An application's own {@code ForwardedHeaderTransformer} bean (WebFlux applies it before every filter) makes the first
 * {@code X-Forwarded-For} entry the remote address, whoever wrote it: the starter turns the setup page's same-machine
 * rule off for it, as for {@code server.forward-headers-strategy} (a review opened the page with "127.0.0.1").
 */
class SetupPageForwardedHeaderTransformerTest {

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddableAutoConfiguration.class))
            .withPropertyValues("ringcentral.embeddable.client-id=setup-abc", "ringcentral.embeddable.setup-page.enabled=true");

    @Test
    void aVisitorsOwnForwardedForIsNotThisMachine() {
        ForwardedHeaderTransformer transformer = new ForwardedHeaderTransformer();
        MockServerHttpRequest fromElsewhere = MockServerHttpRequest.get("http://localhost:8080/embeddable4j/setup")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 50000)).header("X-Forwarded-For", "127.0.0.1").build();
        assertThat(transformer.apply(fromElsewhere).getRemoteAddress().getHostString())
                .as("the attack: a visitor's own header makes it this machine").isEqualTo("127.0.0.1");
        reactive.run(context -> assertThat(served(context.getBean(EmbeddableSetupPageWebFilter.class), transformer, fromElsewhere))
                .as("a transformer the starter does not know of (here applied by hand): the visitor gets the page").isTrue());
        reactive.withBean(ForwardedHeaderTransformer.class, () -> transformer).run(context -> {
            EmbeddableSetupPageWebFilter page = context.getBean(EmbeddableSetupPageWebFilter.class);
            assertThat(served(page, transformer, fromElsewhere)).as("the transformed request").isFalse();
            MockServerHttpRequest here = MockServerHttpRequest.get("http://localhost:8080/embeddable4j/setup")
                    .remoteAddress(new InetSocketAddress("127.0.0.1", 50000)).build();
            assertThat(served(page, transformer, here)).as("nor is this machine told apart").isFalse();
        });
    }

    /** Whether the page answered the request as WebFlux hands it on (after the transformer), rather than passing it on. */
    private static boolean served(EmbeddableSetupPageWebFilter page, ForwardedHeaderTransformer transformer,
            MockServerHttpRequest request) {
        AtomicInteger chained = new AtomicInteger();
        ServerWebExchange exchange = MockServerWebExchange.from(request).mutate().request(transformer.apply(request)).build();
        page.filter(exchange, e -> Mono.fromRunnable(chained::incrementAndGet)).block();
        return chained.get() == 0 && exchange.getResponse().getStatusCode() != null;
    }
}

package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two page filters with disjoint rules (one widget under /sales, another under /support), as a servlet
 * application registers two EmbeddableFilters: the one-filter-an-exchange guard, set before the first filter looked at
 * its rules, kept the second from its own pages (a review). Now a filter takes an exchange only when its rules do,
 * as the servlet filter defers only to a registration that wrapped the response.
 */
class TwoPageFiltersTest {

    private static final Embeddable SALES = Embeddable.of(EmbeddableConfig.builder().prefix("sales").build());
    private static final Embeddable SUPPORT = Embeddable.of(EmbeddableConfig.builder().prefix("support").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";

    private static Mono<Void> write(ServerWebExchange page) {
        page.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
        return page.getResponse().writeWith(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(PAGE.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theSecondFilterInjectsOnThePagesOnlyItsRulesCover() {
        EmbeddableWebFilter sales = new EmbeddableWebFilter(SALES, InjectionRules.builder().include("/sales/**").build(), List.of());
        EmbeddableWebFilter support = new EmbeddableWebFilter(SUPPORT, InjectionRules.builder().include("/support/**").build(), List.of());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/support/inbox")
                .accept(MediaType.TEXT_HTML).build());
        sales.filter(exchange, first -> support.filter(first, TwoPageFiltersTest::write)).block();

        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).as("the support filter's rules cover /support/inbox; the sales filter's do not")
                .contains(SUPPORT.scriptTag()).doesNotContain(SALES.scriptTag());
    }

    @Test
    void aPageBothFiltersTakeGetsTheFirstsWidgetOnce() {
        EmbeddableWebFilter first = new EmbeddableWebFilter(SALES, InjectionRules.defaults(), List.of());
        EmbeddableWebFilter second = new EmbeddableWebFilter(SUPPORT, InjectionRules.defaults(), List.of());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/inbox")
                .accept(MediaType.TEXT_HTML).build());
        first.filter(exchange, e -> second.filter(e, TwoPageFiltersTest::write)).block();
        assertThat(exchange.getResponse().getBodyAsString().block()).contains(SALES.scriptTag())
                .doesNotContain(SUPPORT.scriptTag()).containsOnlyOnce("adapter.js");
    }
}

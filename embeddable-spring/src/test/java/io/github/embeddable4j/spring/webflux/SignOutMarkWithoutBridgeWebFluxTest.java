package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sign-out mark on a WebFlux page without the bridge's script (sign in once on, the bridge off: the starter's
 * {@code bridge.enabled=false}). Nothing on the page can tell the widget to log out, so the mark must wait, as the
 * servlet filter lets it wait ("the mark is used up either way, by a page whose bridge script can act on it (without
 * one it waits)"). Every tenant's page takes the mark, so a tenant without sign in once too.
 */
class SignOutMarkWithoutBridgeWebFluxTest {

    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final Embeddable DEMO = Embeddable.of(EmbeddableConfig.builder().prefix("dm").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(ACME)
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();

    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block();

    private static Mono<Void> write(ServerWebExchange page) {
        page.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
        return page.getResponse().writeWith(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(PAGE.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "demo"})
    void aPageWithoutTheBridgeLeavesTheMarkWaiting(String tenant) {
        EmbeddableLoginWebFilter login = new EmbeddableLoginWebFilter(ENDPOINTS, exchange -> Mono.just("ada"));
        EmbeddableWebFilter filter = new EmbeddableWebFilter(ACME, InjectionRules.defaults(), List.of())
                .withLoginHandoff(login).withSelector(exchange -> tenant.equals("demo") ? DEMO : ACME);
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/inbox")
                .accept(MediaType.TEXT_HTML).cookie(new HttpCookie("SESSION", "s"), new HttpCookie(WidgetLogoutCookie.NAME, "1"))
                .build()).sessionManager(e -> Mono.just(session)).build();
        filter.filter(exchange, page -> login.filter(page, SignOutMarkWithoutBridgeWebFluxTest::write)).block();

        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).contains("adapter.js").doesNotContain("data-logout");
        assertThat(exchange.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE))
                .as("no script on the page can log the widget out: the mark must not be cleared")
                .doesNotContain(WidgetLogoutCookie.clearCookieHeader(false));
    }
}

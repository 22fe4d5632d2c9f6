package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.core.login.LoginEndpoints;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The page side of sign in once in WebFlux, without a server: what the page filter does when looking for a handoff
 * fails or has nothing to look in. The whole flow runs on Netty with Spring Security in the WebFlux shapes tests.
 */
class EmbeddableLoginWebFilterTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>b</body></html>";
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(EMBEDDABLE)
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();
    private static final ReactiveAppUserResolver ADA = exchange -> Mono.just("ada");

    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block();
    private final AtomicInteger sessionLookups = new AtomicInteger();

    private MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        // counted when subscribed: the exchange asks its manager for the (lazy) Mono as soon as it is made
        return MockServerWebExchange.builder(request.build()).sessionManager(e -> Mono.fromSupplier(() -> {
            sessionLookups.incrementAndGet();
            return session;
        })).build();
    }

    /** Connects as ada and answers the callback, so a handoff waits in the session. */
    private void connectAda() {
        EmbeddableLoginWebFilter login = new EmbeddableLoginWebFilter(ENDPOINTS, ADA);
        MockServerWebExchange connect = exchange(MockServerHttpRequest.get("/ringcentral/connect?return=/inbox"));
        login.filter(connect, e -> Mono.error(new AssertionError("not for the chain"))).block();
        URI authorize = connect.getResponse().getHeaders().getLocation();
        String state = authorize.getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        MockServerWebExchange callback = exchange(MockServerHttpRequest.get("/ringcentral/redirect?code=the-code&state=" + state));
        login.filter(callback, e -> Mono.error(new AssertionError("not for the chain"))).block();
        assertThat(callback.getResponse().getStatusCode().value()).isEqualTo(303);
        assertThat(ENDPOINTS.hasWaitingHandoff(new WebSessionAttributes(session))).isTrue();
    }

    private String page(EmbeddableLoginWebFilter login, MockServerHttpRequest.BaseBuilder<?> request) {
        EmbeddableWebFilter filter = new EmbeddableWebFilter(EMBEDDABLE, InjectionRules.defaults(), List.of())
                .withLoginHandoff(login);
        MockServerWebExchange exchange = exchange(request.accept(MediaType.TEXT_HTML));
        // as after Spring Security: the login filter runs inside the page filter's chain, then the handler writes
        filter.filter(exchange, page -> login.filter(page, written -> write(written))).block();
        return exchange.getResponse().getBodyAsString().block();
    }

    private static Mono<Void> write(ServerWebExchange page) {
        page.getResponse().getHeaders().setContentType(MediaType.TEXT_HTML);
        return page.getResponse().writeWith(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(PAGE.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aUserResolverThatFailsLeavesThePageItsWidgetAndTheHandoffWaiting() {
        connectAda();
        EmbeddableLoginWebFilter failing = new EmbeddableLoginWebFilter(ENDPOINTS,
                exchange -> Mono.error(new IllegalStateException("the user store is down")));
        String page = page(failing, MockServerHttpRequest.get("/inbox").cookie(new org.springframework.http.HttpCookie("SESSION", "s")));
        assertThat(page).isEqualTo(PAGE.replace("</head>", EMBEDDABLE.scriptTag() + "</head>"));
        assertThat(ENDPOINTS.hasWaitingHandoff(new WebSessionAttributes(session))).isTrue();

        String carried = page(new EmbeddableLoginWebFilter(ENDPOINTS, ADA),
                MockServerHttpRequest.get("/inbox").cookie(new org.springframework.http.HttpCookie("SESSION", "s")));
        assertThat(carried).contains("authorizationCode=the-code");
        assertThat(ENDPOINTS.hasWaitingHandoff(new WebSessionAttributes(session))).isFalse();
    }

    @Test
    void aPageRequestWithoutCookiesIsMadeNoSession() {
        connectAda();
        int before = sessionLookups.get();
        String page = page(new EmbeddableLoginWebFilter(ENDPOINTS, ADA), MockServerHttpRequest.get("/inbox"));
        assertThat(page).isEqualTo(PAGE.replace("</head>", EMBEDDABLE.scriptTag() + "</head>"));
        assertThat(sessionLookups.get()).as("WebFlux would make a session for it, on another pool").isEqualTo(before);

        page(new EmbeddableLoginWebFilter(ENDPOINTS, ADA),
                MockServerHttpRequest.get("/inbox").cookie(new org.springframework.http.HttpCookie("SESSION", "s")));
        assertThat(sessionLookups.get()).as("with a cookie, it is looked up").isGreaterThan(before);
    }

    /** Behind Spring Security a POST meets the CSRF check first; here the filter's own answer is seen. */
    @Test
    void anotherMethodThanGetGetsA405WithShortJsonAndNothingStarts() {
        EmbeddableLoginWebFilter login = new EmbeddableLoginWebFilter(ENDPOINTS, ADA);
        for (var request : List.of(MockServerHttpRequest.post("/ringcentral/connect?return=/inbox"),
                MockServerHttpRequest.post("/ringcentral/redirect?code=c&state=e4j.x"),
                MockServerHttpRequest.post("/ringcentral/redirect?code=c&state=widget-own"),
                MockServerHttpRequest.method(org.springframework.http.HttpMethod.HEAD, "/ringcentral/connect"))) {
            MockServerWebExchange exchange = exchange(request);
            login.filter(exchange, e -> Mono.error(new AssertionError("not for the chain"))).block();
            assertThat(exchange.getResponse().getStatusCode().value()).as(request.build().getURI().toString()).isEqualTo(405);
            String allow = exchange.getResponse().getHeaders().getFirst("Allow");
            assertThat(allow).isIn("GET", "GET, HEAD");
            assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/json;charset=UTF-8");
            assertThat(exchange.getResponse().getBodyAsString().block())
                    .isEqualTo("{\"error\":\"method-not-allowed\",\"message\":\"This path answers " + allow + " only.\"}");
        }
        assertThat(sessionLookups.get()).as("no sign-in was started").isZero();
        assertThat(session.getAttributes()).isEmpty();
    }

    /**
     * Connect on login for the application's own sign-ins ({@code signedIn} with {@code connect}): a marked session's
     * page navigation goes to the connect path once; a user resolver that fails leaves the page served (a 500 would
     * turn a user store's hiccup into every page failing) and the mark waiting.
     */
    @Test
    void theConnectMarkSendsOneNavigationToConnectAndAFailingLookupLetsThePageThrough() {
        EmbeddableLoginWebFilter login = new EmbeddableLoginWebFilter(ENDPOINTS, ADA);
        login.setConnectOnLogin(true);
        MockServerWebExchange signIn = exchange(MockServerHttpRequest.post("/signin"));
        assertThat(login.signedIn(signIn, "ada", true).block()).as("nobody before: an expired session's login, if any, goes unless connected").isTrue();
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isTrue();

        EmbeddableLoginWebFilter failing = new EmbeddableLoginWebFilter(ENDPOINTS,
                exchange -> Mono.error(new IllegalStateException("the user store is down")));
        failing.setConnectOnLogin(true);
        MockServerWebExchange served = navigation();
        failing.filter(served, EmbeddableLoginWebFilterTest::write).block();
        assertThat(served.getResponse().getBodyAsString().block()).as("the page, served").isEqualTo(PAGE);
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).as("still waiting").isTrue();

        MockServerWebExchange visit = navigation();
        login.filter(visit, e -> Mono.error(new AssertionError("not for the chain"))).block();
        assertThat(visit.getResponse().getStatusCode().value()).isEqualTo(302);
        assertThat(visit.getResponse().getHeaders().getFirst("Location")).isEqualTo("/ringcentral/connect?return=%2Finbox");
        MockServerWebExchange again = navigation();
        login.filter(again, EmbeddableLoginWebFilterTest::write).block();
        assertThat(again.getResponse().getBodyAsString().block()).as("once").isEqualTo(PAGE);

        MockServerWebExchange grace = exchange(MockServerHttpRequest.post("/signin"));
        assertThat(login.signedIn(grace, "grace", false).block()).as("another user over ada's session").isTrue();
        assertThat(grace.getResponse().getHeaders().getValuesAsList("Set-Cookie"))
                .containsExactly(io.github.embeddable4j.core.login.WidgetLogoutCookie.setCookieHeader(false));
    }

    /**
     * The user store goes down between the connect and RingCentral's answer: both answer a 503 page (not a 500 with
     * the application's exception), and a reload of the callback once the store is back still completes the sign-in.
     */
    @Test
    void aUserLookupThatFailsGetsA503PageAndTheSignInStaysOpen() {
        EmbeddableLoginWebFilter login = new EmbeddableLoginWebFilter(ENDPOINTS, ADA);
        MockServerWebExchange connect = exchange(MockServerHttpRequest.get("/ringcentral/connect?return=/inbox"));
        login.filter(connect, e -> Mono.error(new AssertionError("not for the chain"))).block();
        String state = connect.getResponse().getHeaders().getLocation().getRawQuery().replaceAll(".*state=([^&]+).*", "$1");

        EmbeddableLoginWebFilter failing = new EmbeddableLoginWebFilter(ENDPOINTS,
                exchange -> Mono.error(new IllegalStateException("the user store is down")));
        for (String path : List.of("/ringcentral/redirect?code=the-code&state=" + state, "/ringcentral/connect")) {
            MockServerWebExchange answered = exchange(MockServerHttpRequest.get(path));
            failing.filter(answered, e -> Mono.error(new AssertionError("not for the chain"))).block();
            assertThat(answered.getResponse().getStatusCode().value()).as(path).isEqualTo(503);
            assertThat(answered.getResponse().getBodyAsString().block()).contains("Reload this page")
                    .doesNotContain("user store");
        }
        EmbeddableLoginWebFilter throwing = new EmbeddableLoginWebFilter(ENDPOINTS, exchange -> {
            throw new IllegalStateException("the user store is down");
        });
        MockServerWebExchange thrown = exchange(MockServerHttpRequest.get("/ringcentral/connect"));
        throwing.filter(thrown, e -> Mono.error(new AssertionError("not for the chain"))).block();
        assertThat(thrown.getResponse().getStatusCode().value()).as("a resolver that throws, not errors").isEqualTo(503);

        MockServerWebExchange reloaded = exchange(MockServerHttpRequest.get("/ringcentral/redirect?code=the-code&state=" + state));
        login.filter(reloaded, e -> Mono.error(new AssertionError("not for the chain"))).block();
        assertThat(reloaded.getResponse().getStatusCode().value()).isEqualTo(303);
        assertThat(ENDPOINTS.hasWaitingHandoff(new WebSessionAttributes(session))).isTrue();
    }

    /**
     * The servlet filter keeps a page carrying the code no-store whatever the application sets (its wrapper ignores
     * later cache headers, CDN ones included: HandoffCdnCacheTest). In WebFlux an application may decide its headers
     * on the final response, at commit: a review's CDN policy set there won.
     */
    @Test
    void aPageCarryingTheCodeStaysNoStoreForCdnsWhateverTheApplicationSetsAtCommit() {
        connectAda();
        EmbeddableLoginWebFilter login = new EmbeddableLoginWebFilter(ENDPOINTS, ADA);
        EmbeddableWebFilter filter = new EmbeddableWebFilter(EMBEDDABLE, InjectionRules.defaults(), List.of())
                .withLoginHandoff(login);
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/inbox").accept(MediaType.TEXT_HTML)
                .cookie(new org.springframework.http.HttpCookie("SESSION", "s")));
        filter.filter(exchange, page -> login.filter(page, written -> {
            // the application's CDN policy for its HTML pages, decided on the final response
            written.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
                written.getResponse().getHeaders().set("CDN-Cache-Control", "public, max-age=600");
                written.getResponse().getHeaders().set("Cache-Control", "public, max-age=600");
            }));
            return write(written);
        })).block();
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("authorizationCode=the-code");
        assertThat(exchange.getResponse().getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
        assertThat(exchange.getResponse().getHeaders().getFirst("CDN-Cache-Control")).as("CDN-Cache-Control of the page with the code")
                .isEqualTo("no-store");
    }

    private MockServerWebExchange navigation() {
        return exchange(MockServerHttpRequest.get("/inbox").accept(MediaType.TEXT_HTML).header("Sec-Fetch-Mode", "navigate")
                .cookie(new org.springframework.http.HttpCookie("SESSION", "s")));
    }
}

package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import reactor.core.publisher.Mono;

/**
 * How the WebFlux filter tells the application's sign-ins and sign-outs from its other requests, without a server:
 * the chain here does what Spring Security's form login and logout do to the session. The whole flow, with Spring
 * Security itself, runs on Netty in the WebFlux shapes tests ({@code webfluxform}).
 */
class SpringSecuritySignInWebFilterTest {

    private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(Embeddable.of(EmbeddableConfig.builder()
            .clientId("abc").redirectUri("https://crm.example.com/ringcentral/redirect").build()))
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();
    private static final String[] NAVIGATION = {"Accept", "text/html", "Sec-Fetch-Mode", "navigate"};

    private final SpringSecuritySignInWebFilter filter = new SpringSecuritySignInWebFilter(ENDPOINTS, true, true);
    private final WebSession session = new InMemoryWebSessionStore().createWebSession().block();
    private final AtomicInteger sessionLookups = new AtomicInteger();
    private final AtomicInteger chainCalls = new AtomicInteger();

    private static SecurityContextImpl signedIn(String user) {
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
    }

    private MockServerWebExchange exchange(String path, boolean cookie, String... headers) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path);
        if (cookie) {
            request.cookie(new HttpCookie("SESSION", "s"));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return MockServerWebExchange.builder(request.build()).sessionManager(e -> Mono.fromSupplier(() -> {
            sessionLookups.incrementAndGet();
            return session;
        })).build();
    }

    /** Runs a request whose handling (Spring Security's, here) does {@code handling} to the session, then redirects. */
    private MockServerWebExchange run(MockServerWebExchange exchange, java.util.function.Consumer<WebSession> handling) {
        WebFilterChain chain = e -> e.getSession().flatMap(s -> {
            chainCalls.incrementAndGet();
            handling.accept(s);
            e.getResponse().setStatusCode(HttpStatus.FOUND);
            return e.getResponse().setComplete();
        });
        filter.filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void aSignInMarksTheSessionAndTheNextNavigationGoesToConnectOnce() {
        run(exchange("/login", true), s -> s.getAttributes().put(CONTEXT, signedIn("ada")));
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isTrue();
        session.getAttributes().remove("io.github.embeddable4j.login.connect-at-next-page");
        run(exchange("/login", true), s -> s.getAttributes().put(CONTEXT, signedIn("grace"))); // another user: again
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isTrue();

        run(exchange("/inbox", true, "Accept", "text/html", "Sec-Fetch-Mode", "cors"), s -> { });
        assertThat(chainCalls).as("a script's fetch goes on to the application").hasValue(3);
        MockServerWebExchange page = run(exchange("/inbox?tab=1", true, NAVIGATION), s -> { });
        assertThat(page.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(page.getResponse().getHeaders().getFirst(HttpHeaders.LOCATION))
                .isEqualTo("/ringcentral/connect?return=%2Finbox%3Ftab%3D1");
        assertThat(page.getResponse().getHeaders().getFirst("Referrer-Policy")).as("as every sign in once redirect")
                .isEqualTo("no-referrer");
        assertThat(page.getResponse().getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
        assertThat(chainCalls).as("the navigation never reached the application").hasValue(3);
        run(exchange("/inbox", true, NAVIGATION), s -> { });
        assertThat(chainCalls).as("once").hasValue(4);
    }

    @Test
    void anotherUserSigningInOverTheFirstIsTheFirstOnesSignOut() {
        session.getAttributes().put(CONTEXT, signedIn("ada"));
        MockServerWebExchange over = run(exchange("/login", true), s -> s.getAttributes().put(CONTEXT, signedIn("grace")));
        assertThat(over.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE))
                .containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).as("and grace's sign-in").isTrue();
    }

    @Test
    void theSameUserSavedAgainOrAnAnonymousOneIsNoSignIn() {
        session.getAttributes().put(CONTEXT, signedIn("ada"));
        MockServerWebExchange again = run(exchange("/inbox", true), s -> s.getAttributes().put(CONTEXT, signedIn("ada")));
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isFalse();
        assertThat(again.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE)).isEmpty();

        session.getAttributes().remove(CONTEXT);
        run(exchange("/public", true), s -> s.getAttributes().put(CONTEXT, new SecurityContextImpl(new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))));
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isFalse();
    }

    @Test
    void aSignOutSetsTheWidgetLogoutMarkOnceAndForgetsTheSessionsSignIn() {
        session.getAttributes().put(CONTEXT, signedIn("ada"));
        ENDPOINTS.connectAtNextPage(new WebSessionAttributes(session));
        MockServerWebExchange out = run(exchange("/logout", true), s -> s.getAttributes().remove(CONTEXT));
        assertThat(out.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE))
                .containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isFalse();

        // An application that also set it from its own logout handler (as the docs showed) gets it once.
        session.getAttributes().put(CONTEXT, signedIn("ada"));
        MockServerWebExchange handled = run(exchange("/logout", true), s -> s.getAttributes().remove(CONTEXT));
        // (the handler's header, added before the response commits, as EmbeddableLoginWebFilter.logOutWidget does)
        assertThat(handled.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE)).hasSize(1);
        session.getAttributes().put(CONTEXT, signedIn("ada"));
        MockServerWebExchange both = exchange("/logout", true);
        filter.filter(both, e -> e.getSession().flatMap(s -> {
            s.getAttributes().remove(CONTEXT);
            return EmbeddableLoginWebFilter.logOutWidget(e).then(e.getResponse().setComplete());
        })).block();
        assertThat(both.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE)).as("the handler's, once")
                .containsExactly(WidgetLogoutCookie.setCookieHeader(false));
    }

    @Test
    void switchedOffItNeitherConnectsNorLogsOut() {
        SpringSecuritySignInWebFilter off = new SpringSecuritySignInWebFilter(ENDPOINTS, false, false);
        MockServerWebExchange in = exchange("/login", true);
        off.filter(in, e -> e.getSession().flatMap(s -> {
            s.getAttributes().put(CONTEXT, signedIn("ada"));
            return e.getResponse().setComplete();
        })).block();
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isFalse();
        MockServerWebExchange out = exchange("/logout", true);
        off.filter(out, e -> e.getSession().flatMap(s -> {
            s.getAttributes().remove(CONTEXT);
            return e.getResponse().setComplete();
        })).block();
        assertThat(out.getResponse().getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE)).isEmpty();
    }

    @Test
    void aRequestWithoutCookiesThatIsNoRedirectIsNotMadeASession() {
        MockServerWebExchange plain = exchange("/hello", false);
        filter.filter(plain, e -> e.getResponse().setComplete()).block();
        assertThat(sessionLookups).hasValue(0);

        // A sign-in without a session cookie (CSRF off) ends in a redirect, and is seen.
        run(exchange("/login", false), s -> s.getAttributes().put(CONTEXT, signedIn("ada")));
        assertThat(ENDPOINTS.isConnectPending(new WebSessionAttributes(session))).isTrue();
    }

    @Test
    void aSessionStoreThatFailsAtTheEndLetsTheResponseGoOut() {
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.post("/login").build())
                .sessionManager(e -> Mono.error(new IllegalStateException("the store is down"))).build();
        filter.filter(exchange, e -> {
            e.getResponse().setStatusCode(HttpStatus.FOUND);
            return e.getResponse().setComplete();
        }).block();
        assertThat(exchange.getResponse().isCommitted()).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
    }
}

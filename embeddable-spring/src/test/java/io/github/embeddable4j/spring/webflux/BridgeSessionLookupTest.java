package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * Which session a bridge request belongs to. WebFlux's session manager makes a new session for a request that has
 * none, and its in-memory store makes it on another thread (boundedElastic): asked for every event batch of a
 * visitor without a session, that hop to another thread and back was ~40% of the endpoint's CPU per request
 * (BENCHMARKS.md). A session can reach the bridge only in a cookie, so without any cookie the manager is not asked.
 */
class BridgeSessionLookupTest {

    private final InMemoryWebSessionStore store = new InMemoryWebSessionStore();
    private final AtomicInteger asked = new AtomicInteger();
    private final io.github.embeddable4j.core.bridge.AppUserLookup lookup =
            new io.github.embeddable4j.core.bridge.AppUserLookup("ReactiveAppUserResolver", "test");
    /** As WebFlux's own: the exchange takes the Mono when it is made, and the work happens when it is subscribed. */
    private final WebSessionManager manager = exchange -> Mono.defer(() -> {
        asked.incrementAndGet();
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst("SESSION");
        return (cookie == null ? Mono.<WebSession>empty() : store.retrieveSession(cookie.getValue()))
                .switchIfEmpty(store.createWebSession());
    });

    @Test
    void withoutACookieTheSessionManagerIsNotAsked() {
        BridgeEndpoints.Request request = describe(MockServerHttpRequest.post("/embeddable4j/events").build());
        assertThat(asked).hasValue(0);
        assertThat(request.sessionId()).isNull();
        assertThat(request.method()).isEqualTo("POST");
    }

    @Test
    void withACookieTheStartedSessionIsFound() {
        WebSession session = store.createWebSession().block();
        session.start();
        session.save().block();
        BridgeEndpoints.Request request = describe(MockServerHttpRequest.post("/embeddable4j/events")
                .cookie(new HttpCookie("SESSION", session.getId())).build());
        assertThat(asked).hasValue(1);
        assertThat(request.sessionId()).isEqualTo(session.getId());
    }

    @Test
    void aCookieOfAnotherKindFindsNoSessionAndStartsNone() {
        BridgeEndpoints.Request request = describe(MockServerHttpRequest.post("/embeddable4j/events")
                .cookie(new HttpCookie("theme", "dark")).build());
        assertThat(asked).hasValue(1);
        assertThat(request.sessionId()).isNull(); // made by the manager, but not started: no session
    }

    /**
     * An application's own sign-in names the user where the exchange's principal names nobody: its resolver is asked
     * only where a user could be (a cookie; the shortcut above stays), after the principal, and a failing one names
     * nobody rather than failing the request (a review of the starter handing its bean to the bridge).
     */
    @Test
    void theResolverIsAskedAfterThePrincipalOnlyWithACookieAndFailsToNobody() {
        AtomicInteger resolved = new AtomicInteger();
        ReactiveAppUserResolver ada = exchange -> Mono.fromSupplier(() -> {
            resolved.incrementAndGet();
            return "ada";
        });
        MockServerHttpRequest withCookie = MockServerHttpRequest.post("/embeddable4j/events").cookie(new HttpCookie("theme", "dark")).build();
        assertThat(describe(MockServerHttpRequest.post("/embeddable4j/events").build(), ada).user()).isNull();
        assertThat(resolved).as("no cookie: not asked").hasValue(0);
        assertThat(describe(withCookie, ada).user().getName()).isEqualTo("ada");
        assertThat(describe(withCookie, exchange -> Mono.just(" ")).user()).as("a blank id").isNull();

        java.security.Principal grace = () -> "grace";
        MockServerWebExchange signedIn = MockServerWebExchange.builder(withCookie).sessionManager(manager).principal(grace).build();
        assertThat(EmbeddableBridgeWebFilter.describe(signedIn, null, ada, lookup).block().user()).isSameAs(grace);

        ReactiveAppUserResolver down = exchange -> Mono.error(new IllegalStateException("user store down"));
        assertThat(describe(withCookie, down).user()).isNull();
        ReactiveAppUserResolver throwing = exchange -> {
            throw new IllegalStateException("user store down");
        };
        assertThat(describe(withCookie, throwing).user()).isNull();
    }

    private BridgeEndpoints.Request describe(MockServerHttpRequest request, ReactiveAppUserResolver users) {
        return EmbeddableBridgeWebFilter.describe(MockServerWebExchange.builder(request).sessionManager(manager).build(), null, users, lookup).block();
    }

    private BridgeEndpoints.Request describe(MockServerHttpRequest request) {
        return EmbeddableBridgeWebFilter.describe(MockServerWebExchange.builder(request).sessionManager(manager).build(), null, null, lookup).block();
    }
}

package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.core.setup.SetupPage;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The setup page in WebFlux, with the servlet's rules ({@code SetupPageServletTest}): the same machine or a role sees
 * it, everyone else goes on as if nothing were here; GET and HEAD only; bounded, decodable queries. On Netty through
 * the starter: WebFluxApplicationTest.
 */
class EmbeddableSetupPageWebFilterTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("setup-abc").build());
    private static final InetSocketAddress HERE = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress ELSEWHERE = new InetSocketAddress("203.0.113.9", 50000);

    private final AtomicInteger chained = new AtomicInteger();

    private ServerWebExchange run(EmbeddableSetupPageWebFilter filter, MockServerHttpRequest request, Principal user) {
        ServerWebExchange exchange = MockServerWebExchange.from(request);
        if (user != null) {
            exchange = exchange.mutate().principal(Mono.just(user)).build();
        }
        filter.filter(exchange, e -> Mono.fromRunnable(chained::incrementAndGet)).block();
        return exchange;
    }

    private static String body(ServerWebExchange exchange) {
        return ((org.springframework.mock.http.server.reactive.MockServerHttpResponse) exchange.getResponse()).getBodyAsString().block();
    }

    @Test
    void theSameMachineSeesThePageAndNoOneElse() {
        EmbeddableSetupPageWebFilter filter = new EmbeddableSetupPageWebFilter(EMBEDDABLE, null, null, "/embeddable4j/setup");
        ServerWebExchange here = run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(HERE).build(), null);
        assertThat(here.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(body(here)).isEqualTo(SetupPage.of(EMBEDDABLE).render(Map.of())).contains("setup-abc");
        SetupPage.headers().forEach((name, value) -> assertThat(here.getResponse().getHeaders().getFirst(name)).as(name).isEqualTo(value));
        assertThat(here.getAttributes()).containsEntry(InjectionRules.SKIP_ATTRIBUTE, Boolean.TRUE);
        assertThat(chained).hasValue(0);

        // Behind a proxy on this machine the proxy names the real client: closed. From elsewhere: closed.
        ServerWebExchange proxied = run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(HERE)
                .header("X-Forwarded-For", "203.0.113.9").build(), null);
        ServerWebExchange far = run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(ELSEWHERE).build(),
                new TestingAuthenticationToken("ada", null, "ROLE_ops"));
        assertThat(proxied.getResponse().getStatusCode()).isNull();
        assertThat(far.getResponse().getStatusCode()).as("no role was configured").isNull();
        assertThat(chained).as("both went on as if nothing were here").hasValue(2);
        assertThat(run(filter, MockServerHttpRequest.get("/embeddable4j/other").remoteAddress(HERE).build(), null)
                .getResponse().getStatusCode()).isNull();
    }

    /**
     * An empty forwarding header is a client elsewhere, as core's rule says: Spring's getValuesAsList drops empty
     * values, and a red-team trial's empty X-Forwarded-For read as no header (200); and the same machine can be turned
     * off, where the remote address comes from headers (the starter does it for forward-headers-strategy=framework).
     */
    @Test
    void anEmptyForwardingHeaderIsElsewhereAndTheSameMachineCanBeTurnedOff() {
        EmbeddableSetupPageWebFilter filter = new EmbeddableSetupPageWebFilter(EMBEDDABLE, null, null, "/embeddable4j/setup");
        for (String header : new String[] {"X-Forwarded-For", "X-Real-IP", "Forwarded"}) {
            for (String value : new String[] {"", " , "}) {
                run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(HERE).header(header, value).build(), null);
            }
        }
        assertThat(chained).as("each refused").hasValue(6);
        filter.setSameMachineAccess(false);
        run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(HERE).build(), null);
        assertThat(chained).hasValue(7);
    }

    @Test
    void aUserInTheRoleSeesItFromAnywhere() {
        EmbeddableSetupPageWebFilter filter = new EmbeddableSetupPageWebFilter(EMBEDDABLE, null, "ops", "/embeddable4j/setup");
        TestingAuthenticationToken ops = new TestingAuthenticationToken("ada", null, "ROLE_ops");
        assertThat(run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(ELSEWHERE).build(), ops)
                .getResponse().getStatusCode().value()).isEqualTo(200);
        TestingAuthenticationToken other = new TestingAuthenticationToken("bob", null, "ROLE_sales");
        TestingAuthenticationToken unauthenticated = new TestingAuthenticationToken("eve", null, "ROLE_ops");
        unauthenticated.setAuthenticated(false);
        assertThat(run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(ELSEWHERE).build(), other)
                .getResponse().getStatusCode()).isNull();
        assertThat(run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(ELSEWHERE).build(), unauthenticated)
                .getResponse().getStatusCode()).isNull();
        assertThat(run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(ELSEWHERE).build(), null)
                .getResponse().getStatusCode()).isNull();
        assertThat(chained).hasValue(3);
    }

    @Test
    void badRequestsGetShortJsonErrors() {
        Supplier<GraduationProgress> failing = () -> {
            throw new IllegalStateException("disk full");
        };
        EmbeddableSetupPageWebFilter filter = new EmbeddableSetupPageWebFilter(EMBEDDABLE, failing, null, "/embeddable4j/setup");
        ServerWebExchange post = run(filter, MockServerHttpRequest.post("/embeddable4j/setup").remoteAddress(HERE).build(), null);
        assertThat(post.getResponse().getStatusCode().value()).isEqualTo(405);
        assertThat(post.getResponse().getHeaders().getFirst("Allow")).isEqualTo("GET, HEAD");
        assertThat(body(post)).isEqualTo("{\"error\":\"method-not-allowed\",\"message\":\"This path answers GET, HEAD only.\"}");

        ServerWebExchange head = run(filter, MockServerHttpRequest.method(HttpMethod.HEAD, "/embeddable4j/setup").remoteAddress(HERE).build(), null);
        assertThat(head.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(body(head)).isEmpty();

        ServerWebExchange longQuery = run(filter, MockServerHttpRequest.get("/embeddable4j/setup?x=" + "a".repeat(4100))
                .remoteAddress(HERE).build(), null);
        assertThat(longQuery.getResponse().getStatusCode().value()).isEqualTo(414);
        assertThat(body(longQuery)).startsWith("{\"error\":\"query-too-long\"");

        // A store that cannot be read: the rest of the page is still shown, saying so.
        ServerWebExchange unreadable = run(filter, MockServerHttpRequest.get("/embeddable4j/setup").remoteAddress(HERE).build(), null);
        assertThat(unreadable.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(body(unreadable)).contains("Graduation progress could not be read").doesNotContain("disk full"); // in the log

        assertThatThrownBy(() -> new EmbeddableSetupPageWebFilter(EMBEDDABLE, null, " ", "/embeddable4j/setup"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmbeddableSetupPageWebFilter(EMBEDDABLE, null, null, "embeddable4j/setup"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

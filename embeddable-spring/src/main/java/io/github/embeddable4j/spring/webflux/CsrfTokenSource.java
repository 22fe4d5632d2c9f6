package io.github.embeddable4j.spring.webflux;

import java.util.Objects;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the CSRF token a WebFlux application's POSTs need, so the bridge script sends it with its own: asked only for
 * a page that gets the bridge, when its body is first written. The starter uses {@link #springSecurity()} when Spring
 * Security is present. A source that fails leaves the page its widget and the bridge without a token.
 *
 * <pre>{@code CsrfTokenSource source = exchange -> Mono.just(new CsrfTokenSource.Token("X-CSRF-TOKEN", token(exchange)));}</pre>
 */
@FunctionalInterface
public interface CsrfTokenSource {

    /** The token for this exchange, or empty when its POSTs need none. */
    Mono<Token> token(ServerWebExchange exchange);

    /** No token: the application checks none (or the bridge's paths are exempt). */
    static CsrfTokenSource none() {
        return exchange -> Mono.empty();
    }

    /**
     * Reactive Spring Security's token: the {@code Mono<CsrfToken>} its {@code CsrfWebFilter} puts on the exchange,
     * subscribed (which makes and saves the token) only for a page that gets the bridge; none where the attribute is
     * missing (CSRF off, or a path outside the security chain). Needs {@code spring-security-web} on the class path.
     *
     * <pre>{@code pageFilter.withBridge("/embeddable4j", dispatcher::subscribedTypes, false, CsrfTokenSource.springSecurity())}</pre>
     */
    static CsrfTokenSource springSecurity() {
        return ReactiveSecurityCsrf.SOURCE;
    }

    /** A token and the request header that carries it. */
    record Token(String headerName, String value) {
        public Token {
            Objects.requireNonNull(headerName, "headerName");
            Objects.requireNonNull(value, "value");
        }

        /** Without the token's value, which a log line would otherwise keep. */
        @Override
        public String toString() {
            return "Token[headerName=" + headerName + ", value=****]";
        }
    }
}

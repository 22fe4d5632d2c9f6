package io.github.embeddable4j.spring.webflux;

import org.springframework.security.web.server.csrf.CsrfToken;
import reactor.core.publisher.Mono;

/**
 * Reads reactive Spring Security's CSRF token from the exchange (where its {@code CsrfWebFilter} puts a
 * {@code Mono<CsrfToken>}), so the bridge script sends it with its POSTs. Subscribing makes and saves the token, which
 * only a page that gets the bridge does. An exchange without the attribute (CSRF off, or a path outside the security
 * chain) has no token. Only loaded when Spring Security's web module is present ({@link CsrfTokenSource#springSecurity()}).
 */
final class ReactiveSecurityCsrf {

    static final CsrfTokenSource SOURCE = exchange -> {
        Object attribute = exchange.getAttribute(CsrfToken.class.getName());
        if (attribute instanceof Mono<?> token) {
            return token.ofType(CsrfToken.class)
                    .map(t -> new CsrfTokenSource.Token(t.getHeaderName(), t.getToken()));
        }
        return Mono.empty();
    };

    private ReactiveSecurityCsrf() {
    }
}

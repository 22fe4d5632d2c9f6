package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import java.security.Principal;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@link AnonymousVisitors} for WebFlux: {@link Before} (before Spring Security's {@code WebFilterChainProxy}) marks
 * every exchange "no widget"; {@link After} (after it, where the exchange's principal is the visitor's) lifts the mark
 * for a signed-in visitor. A page Spring Security answers itself (the sign-in page) never reaches {@link After}.
 */
final class ReactiveAnonymousVisitors {

    /** Set by {@link Before} when it set the skip attribute, so {@link After} lifts only its own mark. */
    static final String MARK = ReactiveAnonymousVisitors.class.getName() + ".MARK";
    /** Spring Security's {@code WebFilterChainProxy} order (WebFluxSecurityConfiguration's, in 6 and 7). */
    static final int SECURITY_ORDER = -100;

    private ReactiveAnonymousVisitors() {
    }

    /** Whether a principal is a signed-in visitor's: any principal but an anonymous or unauthenticated Spring Security one. */
    static boolean signedIn(Principal principal) {
        return !(principal instanceof Authentication authentication)
                || (authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken));
    }

    /** Before Spring Security: no widget unless the exchange turns out to be a signed-in visitor's. */
    static final class Before implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (exchange.getAttribute(InjectionRules.SKIP_ATTRIBUTE) == null) {
                EmbeddableWebFilter.skipForVisitor(exchange);
                exchange.getAttributes().put(MARK, Boolean.TRUE);
            }
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return EmbeddableAutoConfiguration.FILTER_ORDER + 1;
        }
    }

    /** After Spring Security: a signed-in visitor gets the widget back. */
    static final class After implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (exchange.getAttribute(MARK) == null) {
                return chain.filter(exchange);
            }
            return exchange.getPrincipal().filter(ReactiveAnonymousVisitors::signedIn).hasElement().flatMap(signedIn -> {
                if (signedIn) {
                    exchange.getAttributes().remove(InjectionRules.SKIP_ATTRIBUTE);
                    exchange.getAttributes().remove(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE);
                    exchange.getAttributes().remove(MARK);
                }
                return chain.filter(exchange);
            });
        }

        @Override
        public int getOrder() {
            return SECURITY_ORDER + 1;
        }
    }
}

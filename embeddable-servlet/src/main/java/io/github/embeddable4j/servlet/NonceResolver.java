package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.inject.PageRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the CSP nonce of the current request, so the injected loader tag carries it. The default looks at the
 * request attributes {@code _csp_nonce} (the name Spring Security's proposal uses) and {@code cspNonce}. When the
 * page's own {@code Content-Security-Policy} header is set before its first byte and gives scripts a nonce, that nonce
 * wins over the resolver's: it is the one the browser checks.
 *
 * <pre>{@code new EmbeddableFilter(embeddable, rules, NonceResolver.requestAttributes("myNonce"))}</pre>
 */
@FunctionalInterface
public interface NonceResolver {

    /** The nonce, or null when the request has none. */
    @Nullable String resolve(HttpServletRequest request);

    /** Looks at {@code _csp_nonce}, then {@code cspNonce}. */
    static NonceResolver defaults() {
        return requestAttributes();
    }

    /**
     * Looks at the given request attributes first, then at the defaults. An attribute may hold the nonce as text,
     * as a {@link java.util.function.Supplier} of it (a deferred token), or as any object whose {@code toString()} is the nonce.
     */
    static NonceResolver requestAttributes(@Nullable String... names) {
        List<String> order = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                order.add(name.trim());
            }
        }
        List<String> configured = List.copyOf(order);
        return request -> PageRequests.nonce(configured, request::getAttribute);
    }

    /** Never adds a nonce. */
    static NonceResolver none() {
        return request -> null;
    }
}

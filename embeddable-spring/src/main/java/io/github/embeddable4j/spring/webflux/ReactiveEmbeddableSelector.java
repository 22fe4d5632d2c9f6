package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which widget an exchange's page gets, for a WebFlux application that serves several tenants from one deployment,
 * each with its own RingCentral app or widget settings, usually told apart by host name: the servlet module's
 * {@code EmbeddableSelector} for WebFlux. {@link EmbeddableWebFilter#withSelector},
 * {@link EmbeddableRedirectPageWebFilter#withSelector}, {@link EmbeddableLoginWebFilter#withSelector} and
 * {@link EmbeddableBridgeWebFilter#withSelector} ask it once per exchange ({@link EmbeddableWebFilter#selected}); in
 * Spring Boot, declare it as a bean. Return the same instance for the same tenant, built and validated when the
 * tenant's settings are loaded or change, and null for an exchange that gets no widget. The bridge asks it with its
 * own path and answers 404 where it gets null: pick by host or user, not by the page's path. It runs on the exchange's
 * thread: look the tenant up in memory, do not block.
 *
 * <pre>{@code ReactiveEmbeddableSelector selector = exchange -> tenants.embeddableFor(exchange.getRequest().getURI().getHost());}</pre>
 */
@FunctionalInterface
public interface ReactiveEmbeddableSelector {

    /** The widget for this exchange's page, or null for none. */
    @Nullable Embeddable select(ServerWebExchange exchange);
}

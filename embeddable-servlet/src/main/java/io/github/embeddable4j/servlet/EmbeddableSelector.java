package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Which widget a request's page gets, for an application that serves several tenants from one deployment, each with
 * its own RingCentral app or widget settings (a client ID, the sandbox, a brand), usually told apart by host name.
 * {@link EmbeddableFilter#withSelector}, {@link RedirectPageServlet#withSelector} and {@link BridgeServlet#withSelector}
 * ask it for every request; in Spring Boot, declare it as a bean. Return the same instance for the same tenant, built
 * and validated when the tenant's settings are loaded or change, and null for a request that gets no widget (a tenant
 * without RingCentral, an unknown host). The bridge asks it with its own path ({@code /embeddable4j/events}) and
 * answers 404 where it gets null: pick by host or user, not by the page's path.
 *
 * <pre>{@code EmbeddableSelector selector = request -> tenants.embeddableFor(request.getServerName()); // null: none}</pre>
 */
@FunctionalInterface
public interface EmbeddableSelector {

    /** The widget for this request's page, or null for none. Called for every page: look it up, do not build it. */
    @Nullable Embeddable select(HttpServletRequest request);
}

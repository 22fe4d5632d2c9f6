/**
 * The widget in a WebFlux application: {@link io.github.embeddable4j.spring.webflux.EmbeddableWebFilter} streams each
 * HTML page through the core injector (with the bridge script when the bridge is on, and error pages with
 * {@code inject.error-pages}); {@link io.github.embeddable4j.spring.webflux.EmbeddableBridgeWebFilter} serves the
 * bridge's script, event endpoint and CRM relay; {@link io.github.embeddable4j.spring.webflux.CsrfTokenSource} finds
 * the CSRF token the bridge's POSTs need. The starter registers all three in a reactive web application.
 */
@NullMarked
package io.github.embeddable4j.spring.webflux;

import org.jspecify.annotations.NullMarked;

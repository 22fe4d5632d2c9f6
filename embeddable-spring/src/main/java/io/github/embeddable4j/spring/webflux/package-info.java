/**
 * The widget on every HTML page of a WebFlux application: {@link io.github.embeddable4j.spring.webflux.EmbeddableWebFilter},
 * which the starter registers in a reactive web application, streams each page through the core injector.
 */
@NullMarked
package io.github.embeddable4j.spring.webflux;

import org.jspecify.annotations.NullMarked;

/**
 * {@link io.github.embeddable4j.vaadin.RingCentralEmbeddable}, a Vaadin Flow component for the widget: floating or
 * inline, commands from Java, typed server-side events (in {@link io.github.embeddable4j.vaadin.event}), the
 * third-party service through the component's own channel. No npm bundle; the public API has no elemental or Jackson
 * type, so one jar serves Vaadin 24 and 25. Classes annotated {@link io.github.embeddable4j.core.Internal} are public
 * only for Vaadin.
 */
@NullMarked
package io.github.embeddable4j.vaadin;

import org.jspecify.annotations.NullMarked;

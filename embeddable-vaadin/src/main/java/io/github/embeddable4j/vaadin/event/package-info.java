/**
 * The server-side events of {@link io.github.embeddable4j.vaadin.RingCentralEmbeddable}: one typed event per widget
 * message the component knows ({@link io.github.embeddable4j.vaadin.event.CallRingEvent}, {@link
 * io.github.embeddable4j.vaadin.event.LoginStatusEvent}, ...), the generic {@link
 * io.github.embeddable4j.vaadin.event.WidgetMessageEvent} for every message, and the component's own {@link
 * io.github.embeddable4j.vaadin.event.CommandDroppedEvent} and {@link
 * io.github.embeddable4j.vaadin.event.FrameRejectedEvent}. They come from the user's browser: treat them as user input.
 */
@NullMarked
package io.github.embeddable4j.vaadin.event;

import org.jspecify.annotations.NullMarked;

/**
 * For the application's own unit tests of views that hold a
 * {@link io.github.embeddable4j.vaadin.RingCentralEmbeddable} (Karibu-Testing, or any test with a UI and no browser):
 * {@link io.github.embeddable4j.vaadin.testing.SimulatedWidget} delivers what the widget would send.
 */
@NullMarked
package io.github.embeddable4j.vaadin.testing;

import org.jspecify.annotations.NullMarked;

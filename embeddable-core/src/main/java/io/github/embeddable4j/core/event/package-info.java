/**
 * Widget events received on the server: {@link io.github.embeddable4j.core.event.ReceivedWidgetEvent} (the event,
 * the browser session and user it came from) and {@link io.github.embeddable4j.core.event.WidgetEventDispatcher},
 * which hands them to {@link io.github.embeddable4j.core.event.WidgetEventListener}s off the request thread. Events
 * come from the user's own browser: treat their content as user input.
 *
 * <p>The records here model messages and values that grow as the widget does: a later minor version may add
 * components. Read them by their accessors; their canonical constructors and record patterns listing every component
 * are not stable API (their other constructors and their factories, such as {@code of(...)}, are).
 */
@NullMarked
package io.github.embeddable4j.core.event;

import org.jspecify.annotations.NullMarked;

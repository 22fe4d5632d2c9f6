/**
 * Widget events received on the server: {@link io.github.embeddable4j.core.event.ReceivedWidgetEvent} (the event,
 * the browser session and user it came from) and {@link io.github.embeddable4j.core.event.WidgetEventDispatcher},
 * which hands them to {@link io.github.embeddable4j.core.event.WidgetEventListener}s off the request thread. Events
 * come from the user's own browser: treat their content as user input.
 */
@NullMarked
package io.github.embeddable4j.core.event;

import org.jspecify.annotations.NullMarked;

package io.github.embeddable4j.core.event;

import java.util.Set;

/**
 * Receives widget events on the server, from every adapter: the servlet bridge, the Spring starter (which also
 * publishes them as application events) and the Vaadin component. Called on a worker thread of
 * {@link WidgetEventDispatcher}, never on a request thread; a listener that throws or takes longer than the dispatcher's
 * timeout is logged and skipped, and never fails a request or delays another listener.
 *
 * <pre>{@code WidgetEventListener calls = e -> { if (e.event() instanceof WidgetEvent.CallEvent c) log(c.call().from()); };}</pre>
 */
@FunctionalInterface
public interface WidgetEventListener {

    /** Handles one event. */
    void onWidgetEvent(ReceivedWidgetEvent event);

    /**
     * The event types this listener wants, such as {@code rc-call-ring-notify}; the browser forwards only the types some
     * listener wants. Empty (the default) means {@link WidgetEventTypes#HOST_EVENTS}.
     */
    default Set<String> eventTypes() {
        return Set.of();
    }
}

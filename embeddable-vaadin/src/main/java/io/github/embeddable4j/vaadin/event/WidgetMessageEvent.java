package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * Any message the widget posted, parsed ({@link #getEvent()}), with its type and JSON. Fired for every well-formed
 * message, after the typed events. The browser only forwards messages from the widget's own frame on an allowed
 * origin, and the server drops what does not parse as a widget message; but, like any event from the client, the
 * user's own browser could forge one: treat the content as user input.
 */
public final class WidgetMessageEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetEvent event;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public WidgetMessageEvent(RingCentralEmbeddable source, boolean fromClient, WidgetEvent event) {
        super(source, fromClient);
        this.event = event;
    }

    /** The message type, such as {@code rc-call-ring-notify}. */
    public String getType() {
        return event.type();
    }

    /** The whole message as JSON. */
    public String getJson() {
        return event.json();
    }

    /** The message parsed by core's message model. */
    public WidgetEvent getEvent() {
        return event;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "WidgetMessageEvent[type=" + event.type() + ", " + event.json().length() + " chars of JSON, fromClient="
                + isFromClient() + "]";
    }
}

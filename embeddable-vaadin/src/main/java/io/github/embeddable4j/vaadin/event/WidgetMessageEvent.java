package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * Any message the widget posted, as its type and its JSON. Fired for every message (the typed events are fired
 * besides). The browser only forwards messages from the widget's origin and frame, but, like any event from the
 * client, the user's own browser could forge one: treat the content as user input.
 */
@DomEvent("rc-message")
public class WidgetMessageEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final String type;
    private final String json;

    public WidgetMessageEvent(RingCentralEmbeddable source, boolean fromClient,
            @EventData("event.detail.type") String type, @EventData("event.detail.json") String json) {
        super(source, fromClient);
        this.type = type;
        this.json = json;
    }

    /** The message type, such as {@code rc-call-ring-notify}. */
    public String getType() {
        return type;
    }

    /** The whole message as JSON. */
    public String getJson() {
        return json;
    }
}

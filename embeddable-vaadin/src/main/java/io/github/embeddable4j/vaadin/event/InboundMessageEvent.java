package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetMessage;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** {@code rc-inbound-message-notify}: a new inbound SMS, voicemail or fax. */
public final class InboundMessageEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetMessage message;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public InboundMessageEvent(RingCentralEmbeddable source, boolean fromClient, WidgetMessage message) {
        super(source, fromClient);
        this.message = message;
    }

    /** The message. */
    public WidgetMessage getMessage() {
        return message;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "InboundMessageEvent[message=" + message + ", fromClient=" + isFromClient() + "]";
    }
}

package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetCall;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** {@code rc-call-start-notify}: an inbound browser call was answered, or an outbound one connected. */
public final class CallStartEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetCall call;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public CallStartEvent(RingCentralEmbeddable source, boolean fromClient, WidgetCall call) {
        super(source, fromClient);
        this.call = call;
    }

    /** The call. */
    public WidgetCall getCall() {
        return call;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "CallStartEvent[call=" + call + ", fromClient=" + isFromClient() + "]";
    }
}

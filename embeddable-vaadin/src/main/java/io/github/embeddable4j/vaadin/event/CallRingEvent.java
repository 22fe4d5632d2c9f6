package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetCall;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** {@code rc-call-ring-notify}: an inbound browser call is ringing. */
public final class CallRingEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetCall call;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public CallRingEvent(RingCentralEmbeddable source, boolean fromClient, WidgetCall call) {
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
        return "CallRingEvent[call=" + call + ", fromClient=" + isFromClient() + "]";
    }
}

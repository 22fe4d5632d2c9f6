package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.ActiveCall;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** {@code rc-ringout-call-notify}: a call in RingOut mode changed. */
public final class RingOutCallEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final ActiveCall call;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public RingOutCallEvent(RingCentralEmbeddable source, boolean fromClient, ActiveCall call) {
        super(source, fromClient);
        this.call = call;
    }

    /** The call. */
    public ActiveCall getCall() {
        return call;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "RingOutCallEvent[call=" + call + ", fromClient=" + isFromClient() + "]";
    }
}

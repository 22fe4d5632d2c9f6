package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** {@code rc-dialer-status-notify}: whether the dialer can place calls. */
public final class DialerReadyEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final boolean ready;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public DialerReadyEvent(RingCentralEmbeddable source, boolean fromClient, boolean ready) {
        super(source, fromClient);
        this.ready = ready;
    }

    /** Whether calls can be placed now. */
    public boolean isReady() {
        return ready;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "DialerReadyEvent[ready=" + ready + ", fromClient=" + isFromClient() + "]";
    }
}

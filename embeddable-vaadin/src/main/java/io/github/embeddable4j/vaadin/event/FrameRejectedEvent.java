package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * The widget's frame runs on an origin that is not one of the configuration's widget origins, so its messages are
 * ignored and no command is sent to it. Add the origin with {@code frameOrigins} if you trust it. Fired once per
 * origin per component; the server also logs it once.
 */
public final class FrameRejectedEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final String origin;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public FrameRejectedEvent(RingCentralEmbeddable source, boolean fromClient, String origin) {
        super(source, fromClient);
        this.origin = origin;
    }

    /** The frame's origin, as the browser reported it. */
    public String getOrigin() {
        return origin;
    }

    /** For logs: what the event carries. */
    @Override
    public String toString() {
        return "FrameRejectedEvent[origin=" + origin + ", fromClient=" + isFromClient() + "]";
    }
}

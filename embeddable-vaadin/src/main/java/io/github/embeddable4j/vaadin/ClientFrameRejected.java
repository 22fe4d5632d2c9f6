package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import io.github.embeddable4j.core.Internal;

/** Internal: the client glue found the widget's frame on an origin that is not allowed. */
@Internal("Vaadin, which creates it from the client glue's DOM event")
@DomEvent("rc-frame-rejected")
public final class ClientFrameRejected extends ComponentEvent<RingCentralEmbeddable> {

    private final String origin;

    /** Called by Vaadin. */
    public ClientFrameRejected(RingCentralEmbeddable source, boolean fromClient,
            @EventData("event.detail.origin") String origin) {
        super(source, fromClient);
        this.origin = origin;
    }

    String origin() {
        return origin;
    }
}

package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;

/** The page's glue found the widget's frame on an origin that is not allowed (see {@link PageMessageRelay}). */
final class ClientFrameRejected extends ComponentEvent<RingCentralEmbeddable> {

    private final String origin;

    ClientFrameRejected(RingCentralEmbeddable source, boolean fromClient, String origin) {
        super(source, fromClient);
        this.origin = origin;
    }

    String origin() {
        return origin;
    }
}

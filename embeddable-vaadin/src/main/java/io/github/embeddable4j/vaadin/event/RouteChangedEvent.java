package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** {@code rc-route-changed-notify}: the widget navigated. */
public class RouteChangedEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final String path;

    public RouteChangedEvent(RingCentralEmbeddable source, boolean fromClient, String path) {
        super(source, fromClient);
        this.path = path;
    }

    /** The widget route, such as {@code /dialer}. */
    public String getPath() {
        return path;
    }
}

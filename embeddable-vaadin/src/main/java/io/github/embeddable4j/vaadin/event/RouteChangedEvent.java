package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import org.jspecify.annotations.Nullable;

/** {@code rc-route-changed-notify}: the widget navigated. */
public final class RouteChangedEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final @Nullable String path;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public RouteChangedEvent(RingCentralEmbeddable source, boolean fromClient, @Nullable String path) {
        super(source, fromClient);
        this.path = path;
    }

    /** The widget route, such as {@code /dialer}, or null when the widget did not say. */
    public @Nullable String getPath() {
        return path;
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "RouteChangedEvent[path=" + path + ", fromClient=" + isFromClient() + "]";
    }
}

package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Internal;
import org.jspecify.annotations.Nullable;

/** The page's glue found a host's widget frame on an origin that is not allowed (see {@link PageMessageRelay}). */
@Internal("Vaadin, which creates it from the page glue's event on the UI's element")
@DomEvent("embeddable4j-frame-rejected")
public final class PageFrameRejected extends ComponentEvent<UI> {

    private final @Nullable String host;
    private final @Nullable String origin;

    /** Called by Vaadin. */
    public PageFrameRejected(UI source, boolean fromClient, @EventData("event.detail.host") @Nullable String host,
            @EventData("event.detail.origin") @Nullable String origin) {
        super(source, fromClient);
        this.host = host;
        this.origin = origin;
    }

    @Nullable String host() {
        return host;
    }

    @Nullable String origin() {
        return origin;
    }
}

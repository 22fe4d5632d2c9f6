package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Internal;
import org.jspecify.annotations.Nullable;

/**
 * What the page's glue asks of a host's component on the UI's element (see {@link PageMessageRelay}): its CRM
 * answers ({@code answers}), or, from the expiry timer, to drop the commands that waited too long ({@code expire}), or
 * to say that the page has the servlet filter's widget too ({@code filtered-page}). A call of the component's own
 * {@code $server} is dropped while Vaadin holds the component hidden.
 */
@Internal("Vaadin, which creates it from the page glue's event on the UI's element")
@DomEvent("embeddable4j-request")
public final class PageHostRequest extends ComponentEvent<UI> {

    private final @Nullable String host;
    private final @Nullable String kind;

    /** Called by Vaadin. */
    public PageHostRequest(UI source, boolean fromClient, @EventData("event.detail.host") @Nullable String host,
            @EventData("event.detail.kind") @Nullable String kind) {
        super(source, fromClient);
        this.host = host;
        this.kind = kind;
    }

    @Nullable String host() {
        return host;
    }

    @Nullable String kind() {
        return kind;
    }
}

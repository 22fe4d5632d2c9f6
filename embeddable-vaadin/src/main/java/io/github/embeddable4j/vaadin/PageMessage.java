package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Internal;
import org.jspecify.annotations.Nullable;

/**
 * What the page's glue dispatches on the UI's element for a component's host: its widget's message as JSON text
 * (see {@link PageMessageRelay}). A Vaadin event, so that Vaadin maps its data on each of its lines (its JSON types
 * changed in 25).
 */
@Internal("Vaadin, which creates it from the page glue's event on the UI's element")
@DomEvent("embeddable4j-message")
public final class PageMessage extends ComponentEvent<UI> {

    private final @Nullable String host;
    private final @Nullable String json;
    private final boolean keptForHandoff;
    private final boolean tooLarge;
    private final @Nullable Integer seq;
    private final boolean pageTold;
    private final boolean pageRegistered;

    /** Called by Vaadin. */
    public PageMessage(UI source, boolean fromClient, @EventData("event.detail.host") @Nullable String host,
            @EventData("event.detail.json") @Nullable String json,
            @EventData("event.detail.keptForHandoff") boolean keptForHandoff,
            @EventData("event.detail.tooLarge") boolean tooLarge, @EventData("event.detail.seq") @Nullable Integer seq,
            @EventData("event.detail.pageTold") boolean pageTold,
            @EventData("event.detail.pageRegistered") boolean pageRegistered) {
        super(source, fromClient);
        this.host = host;
        this.json = json;
        this.keptForHandoff = keptForHandoff;
        this.tooLarge = tooLarge;
        this.seq = seq;
        this.pageTold = pageTold;
        this.pageRegistered = pageRegistered;
    }

    @Nullable String host() {
        return host;
    }

    /** The message as the component takes it, from its host's page. */
    @Nullable ClientMessage toClientMessage(RingCentralEmbeddable component) {
        return json == null ? null : new ClientMessage(component, isFromClient(), json, keptForHandoff, tooLarge, seq,
                pageTold, pageRegistered);
    }
}

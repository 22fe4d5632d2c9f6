package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Internal;
import org.jspecify.annotations.Nullable;

/**
 * The page's timer asks a host's component, on the UI's element, to drop the commands that waited too long (see
 * {@link PageMessageRelay}): a call of the component's own {@code $server} is dropped while Vaadin holds it hidden.
 */
@Internal("Vaadin, which creates it from the page glue's event on the UI's element")
@DomEvent("embeddable4j-expire")
public final class PageExpiryRequest extends ComponentEvent<UI> {

    private final @Nullable String host;

    /** Called by Vaadin. */
    public PageExpiryRequest(UI source, boolean fromClient, @EventData("event.detail.host") @Nullable String host) {
        super(source, fromClient);
        this.host = host;
    }

    @Nullable String host() {
        return host;
    }
}

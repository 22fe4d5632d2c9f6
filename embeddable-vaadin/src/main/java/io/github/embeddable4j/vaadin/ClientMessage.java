package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import io.github.embeddable4j.core.Internal;
import org.jspecify.annotations.Nullable;

/**
 * What the client glue forwards from the widget's frame: the message as JSON text. Internal: the component checks
 * it (the user's own browser could send anything here) before any listener sees a {@code WidgetMessageEvent}.
 */
@Internal("Vaadin, which creates it from the client glue's DOM event, and SimulatedWidget in tests")
@DomEvent("rc-message")
public final class ClientMessage extends ComponentEvent<RingCentralEmbeddable> {

    private final String json;
    private final boolean keptForHandoff;
    private final boolean tooLarge;
    private final @Nullable Integer seq;

    /** Called by Vaadin. */
    public ClientMessage(RingCentralEmbeddable source, boolean fromClient, @EventData("event.detail.json") String json,
            @EventData("event.detail.keptForHandoff") boolean keptForHandoff,
            @EventData("event.detail.tooLarge") boolean tooLarge, @EventData("event.detail.seq") @Nullable Integer seq) {
        super(source, fromClient);
        this.json = json;
        this.keptForHandoff = keptForHandoff;
        this.tooLarge = tooLarge;
        this.seq = seq;
    }

    /**
     * The page's number for the widget's message (each floating component of the page gets a copy under the same
     * number); null from another version's glue, or a test's own event.
     */
    @Nullable Integer seq() {
        return seq;
    }

    /**
     * Whether the widget's message was over the component's limit: a call-out then comes as its id, path and trigger
     * only, to be answered "too-large"; any other message is dropped.
     */
    boolean tooLarge() {
        return tooLarge;
    }

    String json() {
        return json;
    }

    /**
     * Whether the page's glue found the login this message reports to be one the widget restored and keeps for the
     * handoff its frame carries (the same user's): a component waiting for that login ends the sign-out mark. A
     * claim of the user's own browser: it can only end that browser's own mark.
     */
    boolean keptForHandoff() {
        return keptForHandoff;
    }
}

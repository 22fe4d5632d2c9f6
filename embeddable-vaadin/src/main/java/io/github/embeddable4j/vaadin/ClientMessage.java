package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.Internal;
import org.jspecify.annotations.Nullable;

/**
 * What the client glue forwards from the widget's frame: the message as JSON text. Internal: the component checks
 * it (the user's own browser could send anything here) before any listener sees a {@code WidgetMessageEvent}.
 */
@Internal("the component's relay of the page's events, and SimulatedWidget in tests")
public final class ClientMessage extends ComponentEvent<RingCentralEmbeddable> {

    private final String json;
    private final boolean keptForHandoff;
    private final boolean tooLarge;
    private final @Nullable Integer seq;
    private final boolean pageTold;
    private final boolean pageRegistered;

    /** Called by SimulatedWidget: a message the widget sends now. */
    public ClientMessage(RingCentralEmbeddable source, boolean fromClient, String json, boolean keptForHandoff,
            boolean tooLarge, @Nullable Integer seq) {
        this(source, fromClient, json, keptForHandoff, tooLarge, seq, false, false);
    }

    /**
     * Called by the relay of the page's events. {@code pageTold}, {@code pageRegistered}: a login status the page heard
     * before this component's host was there, handed to it late, which the page's own bridge (the servlet filter's
     * script) already told the server, or answered by registering its CRM service with the widget.
     */
    public ClientMessage(RingCentralEmbeddable source, boolean fromClient, String json, boolean keptForHandoff,
            boolean tooLarge, @Nullable Integer seq, boolean pageTold, boolean pageRegistered) {
        super(source, fromClient);
        this.json = json;
        this.keptForHandoff = keptForHandoff;
        this.tooLarge = tooLarge;
        this.seq = seq;
        this.pageTold = pageTold;
        this.pageRegistered = pageRegistered;
    }

    /**
     * Whether the page's bridge already told the server this message (a login status handed late): the component's own
     * listeners hear it, the application's event dispatcher does not again. A claim of the user's own browser: it can
     * only keep that browser's own event from the dispatcher, which the page's bridge already gave it.
     */
    boolean pageTold() {
        return pageTold;
    }

    /** Whether the page's bridge registered a CRM service with the widget at this login status: none again. */
    boolean pageRegistered() {
        return pageRegistered;
    }

    /**
     * Whether the page has the component's host, so that its glue hands it a floating widget's messages: it shows, or
     * showed at its attach's response, or has heard the page since (a phone hidden after it showed still hears it).
     * For SimulatedWidget, which hands a floating message to each such phone as the page does.
     */
    public static boolean hostInPage(RingCentralEmbeddable component) {
        return component.hostInPage();
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

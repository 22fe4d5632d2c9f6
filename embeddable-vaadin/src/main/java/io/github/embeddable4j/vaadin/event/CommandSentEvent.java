package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * A command left the component for the page, which posts it to the widget in this round trip: at once, or when the
 * widget became ready and logged in for a queued one. The counterpart of {@link CommandDroppedEvent}; a unit test,
 * where no browser runs, sees what the view sent by it (a testing trial could see only that the queue emptied).
 *
 * <pre>{@code phone.addCommandSentListener(e -> sent.add(e.getCommand()));}</pre>
 */
public final class CommandSentEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetCommand command;

    /** Fired by the component when {@code command} is sent. */
    public CommandSentEvent(RingCentralEmbeddable source, WidgetCommand command) {
        super(source, false);
        this.command = command;
    }

    /** The command sent. */
    public WidgetCommand getCommand() {
        return command;
    }

    /** For logs: what the event carries. */
    @Override
    public String toString() {
        return "CommandSentEvent[command=" + command + "]";
    }
}

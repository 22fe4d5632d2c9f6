package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * A queued command was dropped without reaching the widget: it waited longer than the command timeout (the widget
 * never became ready, or no user logged in for a command that needs one), or the queue was full and it was the
 * oldest.
 */
public final class CommandDroppedEvent extends ComponentEvent<RingCentralEmbeddable> {

    /** Why a command was dropped. */
    public enum Reason {
        /** It waited longer than {@link RingCentralEmbeddable#setCommandTimeout(java.time.Duration)}. */
        EXPIRED,
        /** The queue held {@link RingCentralEmbeddable#setCommandQueueLimit(int)} commands and this was the oldest. */
        QUEUE_FULL
    }

    private final WidgetCommand command;
    private final Reason reason;

    /** Fired by the component when {@code command} is dropped for {@code reason}. */
    public CommandDroppedEvent(RingCentralEmbeddable source, WidgetCommand command, Reason reason) {
        super(source, false);
        this.command = command;
        this.reason = reason;
    }

    /** The command that was not sent. */
    public WidgetCommand getCommand() {
        return command;
    }

    /** Why it was dropped. */
    public Reason getReason() {
        return reason;
    }

    /** For logs: what the event carries. */
    @Override
    public String toString() {
        return "CommandDroppedEvent[reason=" + reason + ", command=" + command + "]";
    }
}

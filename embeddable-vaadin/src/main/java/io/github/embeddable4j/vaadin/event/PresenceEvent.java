package io.github.embeddable4j.vaadin.event;

import com.vaadin.flow.component.ComponentEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import org.jspecify.annotations.Nullable;

/** {@code rc-adapter-syncPresence}: the user's presence changed. */
public final class PresenceEvent extends ComponentEvent<RingCentralEmbeddable> {

    private final WidgetEvent.Presence presence;

    /** Fired by the component; {@code fromClient} is true when the widget's message came from the browser. */
    public PresenceEvent(RingCentralEmbeddable source, boolean fromClient, WidgetEvent.Presence presence) {
        super(source, fromClient);
        this.presence = presence;
    }

    /** {@code Available}, {@code Busy} or {@code Offline}; null when the widget did not say. */
    public @Nullable String getUserStatus() {
        return presence.userStatus();
    }

    /** Do-not-disturb status, such as {@code TakeAllCalls}; null when the widget did not say. */
    public @Nullable String getDndStatus() {
        return presence.dndStatus();
    }

    /** Such as {@code NoCall} or {@code Ringing}; null when the widget did not say. */
    public @Nullable String getTelephonyStatus() {
        return presence.telephonyStatus();
    }

    /** For logs: what the event carries, as the widget's message was parsed. */
    @Override
    public String toString() {
        return "PresenceEvent[userStatus=" + presence.userStatus() + ", dndStatus=" + presence.dndStatus()
                + ", telephonyStatus=" + presence.telephonyStatus() + ", fromClient=" + isFromClient() + "]";
    }
}

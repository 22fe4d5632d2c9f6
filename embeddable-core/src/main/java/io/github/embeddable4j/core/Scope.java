package io.github.embeddable4j.core;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An application scope (permission) to add to the RingCentral app in the Developer Console. Scopes are not a
 * widget parameter: they are part of the app registration, listed by {@link Embeddable#registrationChecklist()}.
 */
public enum Scope {
    CALL_CONTROL("Call Control", null),
    EDIT_MESSAGE("Edit Message", null),
    EDIT_PRESENCE("Edit Presence", null),
    INTERNAL_MESSAGES("Internal Messages", null),
    READ_ACCOUNTS("Read Accounts", null),
    READ_CALL_LOG("Read Call Log", null),
    READ_CONTACTS("Read Contacts", null),
    READ_MESSAGES("Read Messages", null),
    READ_PRESENCE("Read Presence", null),
    RINGOUT("RingOut", null),
    SMS("SMS", null),
    WEBSOCKET_SUBSCRIPTION("WebSocketSubscription", null),
    VOIP_CALLING("VoIP Calling", null),
    /** Optional: call recordings in the call history (widget 2.x and later). */
    READ_CALL_RECORDING("Read Call Recording", "call recordings in the call history (on unless disableCallHistory or disableCall)"),
    /** Optional: meetings. */
    VIDEO("Video", "meetings (on unless disableMeeting)"),
    /** Optional: team messaging (Glip), on when {@code disableGlip=false}. */
    TEAM_MESSAGING("TeamMessaging", "team messaging (disableGlip=false)"),
    /** Optional: SMS templates ({@code enableSMSTemplate}). */
    EDIT_EXTENSIONS("Edit Extensions", "SMS templates (enableSMSTemplate)");

    private final String displayName;
    private final @Nullable String feature;

    Scope(String displayName, @Nullable String feature) {
        this.displayName = displayName;
        this.feature = feature;
    }

    /** The scope's name as the Developer Console shows it, such as {@code "VoIP Calling"}. */
    public String displayName() {
        return displayName;
    }

    /** Whether every Embeddable app needs this scope; the others are needed only by the feature they serve. */
    public boolean isRequired() {
        return feature == null;
    }

    /** The feature an optional scope serves, or an empty string for required scopes. */
    public String feature() {
        return feature == null ? "" : feature;
    }

    /** The scopes every Embeddable app registers. */
    public static List<Scope> required() {
        return Arrays.stream(values()).filter(Scope::isRequired).toList();
    }

    @Override
    public String toString() {
        return displayName;
    }
}

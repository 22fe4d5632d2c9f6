package io.github.embeddable4j.core.crm;

import org.jspecify.annotations.Nullable;

/** Why the widget asks to log a call ({@code triggerType}). */
public enum CallLogTrigger {
    /** The user pressed "Log" on a call not logged yet. */
    CREATE_LOG("createLog", true),
    /** The user pressed "Edit log" on a logged call. */
    EDIT_LOG("editLog", true),
    /** The user pressed "View log" on a logged call. */
    VIEW_LOG("viewLog", true),
    /** The user saved the widget's call-log form ({@code formData} holds the fields). */
    LOG_FORM("logForm", true),
    /** Auto-log: a call started, changed or ended. */
    PRESENCE_UPDATE("presenceUpdate", false),
    /** Auto-log: a call found while syncing call history. */
    CALL_LOG_SYNC("callLogSync", false),
    /** Auto-log: the user picked another matched contact for a logged call. */
    CONTACT_UPDATED("contactUpdated", false),
    /** A log the user asked for, where the widget did not say which button (its library's default trigger). */
    MANUAL("manual", true),
    /** A trigger this version does not know (see the request's JSON). */
    OTHER("", false);

    private final String wire;
    private final boolean userAction;

    CallLogTrigger(String wire, boolean userAction) {
        this.wire = wire;
        this.userAction = userAction;
    }

    /** The value on the wire, such as {@code createLog} (empty for {@link #OTHER}). */
    public String wireValue() {
        return wire;
    }

    /** Whether a user pressed something (so a failure is worth telling them about), rather than auto-logging. */
    public boolean userAction() {
        return userAction;
    }

    static CallLogTrigger fromWire(@Nullable String value) {
        for (CallLogTrigger t : values()) {
            if (t != OTHER && t.wire.equals(value)) {
                return t;
            }
        }
        return OTHER;
    }
}

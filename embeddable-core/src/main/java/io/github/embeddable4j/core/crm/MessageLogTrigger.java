package io.github.embeddable4j.core.crm;

import org.jspecify.annotations.Nullable;

/** Why the widget asks to log messages ({@code triggerType}). */
public enum MessageLogTrigger {
    /** The user pressed "Log" on a conversation. */
    MANUAL("manual", true),
    /** Auto-log: a message was created or updated. */
    AUTO("auto", false),
    /** The user saved the widget's message-log form ({@code formData} holds the fields). */
    LOG_FORM("logForm", true),
    /** Widget 3.x: the user logged selected messages. */
    SELECTED_LOG("selectedLog", true),
    /** Widget 3.x: the user opened an existing log. */
    OPEN_LOG("openLog", true),
    /** A trigger this version does not know (see the request's JSON). */
    OTHER("", false);

    private final String wire;
    private final boolean userAction;

    MessageLogTrigger(String wire, boolean userAction) {
        this.wire = wire;
        this.userAction = userAction;
    }

    /** The value on the wire, such as {@code manual} (empty for {@link #OTHER}). */
    public String wireValue() {
        return wire;
    }

    /** Whether a user pressed something, rather than auto-logging. */
    public boolean userAction() {
        return userAction;
    }

    static MessageLogTrigger fromWire(@Nullable String value) {
        for (MessageLogTrigger t : values()) {
            if (t != OTHER && t.wire.equals(value)) {
                return t;
            }
        }
        return OTHER;
    }
}

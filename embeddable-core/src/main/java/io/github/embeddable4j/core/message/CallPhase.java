package io.github.embeddable4j.core.message;

import org.jspecify.annotations.Nullable;

/** The moment of a web-phone call an event reports. */
public enum CallPhase {
    /** {@code rc-call-ring-notify}: an inbound call is ringing. */
    RING("rc-call-ring-notify"),
    /** {@code rc-call-init-notify}: an outbound call was created. */
    INIT("rc-call-init-notify"),
    /** {@code rc-call-start-notify}: answered (inbound) or connected (outbound). */
    START("rc-call-start-notify"),
    /** {@code rc-call-hold-notify}. */
    HOLD("rc-call-hold-notify"),
    /** {@code rc-call-resume-notify}. */
    RESUME("rc-call-resume-notify"),
    /** {@code rc-call-mute-notify}. */
    MUTE("rc-call-mute-notify"),
    /** {@code rc-call-end-notify}. */
    END("rc-call-end-notify");

    private final String type;

    CallPhase(String type) {
        this.type = type;
    }

    /** The message type. */
    public String type() {
        return type;
    }

    static @Nullable CallPhase ofType(String type) {
        for (CallPhase p : values()) {
            if (p.type.equals(type)) {
                return p;
            }
        }
        return null;
    }
}

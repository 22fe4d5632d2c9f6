package io.github.embeddable4j.core.message;

import org.jspecify.annotations.Nullable;

/**
 * A web-phone call as the widget reports it (its normalised session). Browser-call payloads carry no
 * {@code sessionId}; {@link #telephonySessionId()} (from {@code partyData.sessionId}) correlates with call logs.
 * Every field is null when the widget left it out.
 *
 * @param id                 the session id
 * @param direction          {@code Inbound} or {@code Outbound}
 * @param from               the caller's number
 * @param to                 the callee's number
 * @param fromName           the caller's name, if known
 * @param toName             the callee's name, if known
 * @param callStatus         such as {@code webphone-session-connected}
 * @param telephonySessionId {@code partyData.sessionId}, or null
 * @param startTime          epoch milliseconds, or null
 * @param endTime            epoch milliseconds (on the end event), or null
 * @param onMute             the widget's {@code isOnMute}: which way a {@link CallPhase#MUTE} event went, or null
 * @param onHold             the widget's {@code isOnHold}, or null
 * @param recordStatus       the widget's {@code recordStatus} (such as {@code recording}), or null
 */
public record WidgetCall(@Nullable String id, @Nullable String direction, @Nullable String from, @Nullable String to,
        @Nullable String fromName, @Nullable String toName, @Nullable String callStatus, @Nullable String telephonySessionId,
        @Nullable Long startTime, @Nullable Long endTime, @Nullable Boolean onMute, @Nullable Boolean onHold,
        @Nullable String recordStatus) {

    /** Whether the call came in. */
    public boolean inbound() {
        return "Inbound".equalsIgnoreCase(direction);
    }
}

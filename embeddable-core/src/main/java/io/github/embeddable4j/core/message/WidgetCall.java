package io.github.embeddable4j.core.message;

/**
 * A web-phone call as the widget reports it (its normalised session). Browser-call payloads carry no
 * {@code sessionId}; {@link #telephonySessionId()} (from {@code partyData.sessionId}) correlates with call logs.
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
 */
public record WidgetCall(String id, String direction, String from, String to, String fromName, String toName,
        String callStatus, String telephonySessionId, Long startTime, Long endTime) {

    /** Whether the call came in. */
    public boolean inbound() {
        return "Inbound".equalsIgnoreCase(direction);
    }
}

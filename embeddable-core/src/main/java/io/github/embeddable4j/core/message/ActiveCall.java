package io.github.embeddable4j.core.message;

/**
 * A call as presence reports it ({@code rc-active-call-notify}, {@code rc-ringout-call-notify}), on any device.
 *
 * @param sessionId          the call's session id
 * @param telephonySessionId the telephony session id
 * @param direction          {@code Inbound} or {@code Outbound}
 * @param from               the caller's number ({@code from.phoneNumber})
 * @param to                 the callee's number ({@code to.phoneNumber})
 * @param fromName           the caller's name, if known
 * @param toName             the callee's name, if known
 * @param telephonyStatus    such as {@code Ringing}, {@code CallConnected}, {@code NoCall}
 * @param startTime          epoch milliseconds, or null
 */
public record ActiveCall(String sessionId, String telephonySessionId, String direction, String from, String to,
        String fromName, String toName, String telephonyStatus, Long startTime) {
}

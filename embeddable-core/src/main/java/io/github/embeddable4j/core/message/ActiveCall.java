package io.github.embeddable4j.core.message;

import org.jspecify.annotations.Nullable;

/**
 * A call as presence reports it ({@code rc-active-call-notify}, {@code rc-ringout-call-notify}), on any device.
 * Every field is null when the widget left it out.
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
public record ActiveCall(@Nullable String sessionId, @Nullable String telephonySessionId, @Nullable String direction,
        @Nullable String from, @Nullable String to, @Nullable String fromName, @Nullable String toName,
        @Nullable String telephonyStatus, @Nullable Long startTime) {
}

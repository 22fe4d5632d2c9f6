package io.github.embeddable4j.core.graduation;

/**
 * What a {@link GraduationStore} counts: distinct keys per counter. Every counted {@link GraduationCriterion} has one
 * counter of its own name, except {@link GraduationCriterion#LOGINS_AND_LOGOUTS}, which counts logins and logouts
 * apart and takes the smaller. The names are stored, so they never change.
 *
 * <pre>{@code int sent = store.counts(scope).getOrDefault(GraduationCounter.SMS_SENT, 0);}</pre>
 */
public enum GraduationCounter {
    /** Outbound SMS, by message id. */
    SMS_SENT,
    /** Outbound Pager (internal) messages, by message id. */
    INTERNAL_MESSAGES_SENT,
    /** Inbound messages reported as read, by message id. */
    INBOUND_MESSAGES_READ,
    /** Presence changes, one key per change seen. */
    PRESENCE_CHANGES,
    /** Fresh logins, one key per login seen. */
    LOGINS,
    /** Logouts, one key per logout seen. */
    LOGOUTS,
    /** Outbound browser calls, by call id. */
    OUTBOUND_BROWSER_CALLS,
    /** Inbound browser calls, by call id. */
    INBOUND_BROWSER_CALLS,
    /** RingOut calls, by session id. */
    RINGOUT_CALLS
}

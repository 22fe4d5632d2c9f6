package io.github.embeddable4j.core.graduation;

import java.util.List;
import java.util.Set;

/**
 * What RingCentral wants a sandbox app to have done before it may go to production, and how embeddable4j sees it in
 * the widget's events: the one list a setup page renders. "More than 5" is a {@link #target()} of 6, "5" of 5.
 * Criteria the widget gives no sign of are {@link Confidence#NOT_OBSERVABLE}: shown as "check by hand", never counted.
 *
 * <pre>{@code for (GraduationCriterion c : GraduationCriterion.values()) page.row(c.requirement(), c.target(), c.counting());}</pre>
 */
public enum GraduationCriterion {

    SMS_SENT("Send more than 5 SMS", 6,
            "rc-message-updated-notify with message type SMS and direction Outbound", Confidence.INFERRED,
            "distinct message ids (the event fires on every update of a message)",
            Set.of("rc-message-updated-notify"), GraduationCounter.SMS_SENT),

    INTERNAL_MESSAGES_SENT("Send more than 5 internal messages (SMS to an extension of the account)", 6,
            "rc-message-updated-notify with message type Pager (internal texts) and direction Outbound",
            Confidence.INFERRED, "distinct message ids",
            Set.of("rc-message-updated-notify"), GraduationCounter.INTERNAL_MESSAGES_SENT),

    INBOUND_MESSAGES_READ("Read more than 5 unread inbound messages", 6,
            "rc-message-updated-notify with direction Inbound and readStatus Read", Confidence.INFERRED,
            "distinct message ids", Set.of("rc-message-updated-notify"), GraduationCounter.INBOUND_MESSAGES_READ),

    PRESENCE_CHANGES("Change presence more than 5 times on the settings page", 6,
            "rc-adapter-syncPresence", Confidence.OBSERVED_IN_SOURCE,
            "changes of (userStatus, dndStatus) from the last value seen in the same browser session; the first value"
                    + " a session sends (at widget start-up) is not a change",
            Set.of("rc-adapter-syncPresence"), GraduationCounter.PRESENCE_CHANGES),

    CONTACTS_REFRESHES("Refresh contacts (contacts page, refresh button) more than 5 times", 6,
            "none: the widget posts no event for it (visiting /contacts is not a refresh)", Confidence.NOT_OBSERVABLE,
            "not counted: check by hand", Set.of()),

    LOGINS_AND_LOGOUTS("Log in and log out more than 5 times", 6,
            "rc-login-status-notify", Confidence.OBSERVED_IN_SOURCE,
            "the smaller of logins (loggedIn true with isFreshLogin true; a session restored at page load is not one)"
                    + " and logouts (loggedIn false after loggedIn true in the same browser session)",
            Set.of("rc-login-status-notify"), GraduationCounter.LOGINS, GraduationCounter.LOGOUTS),

    OUTBOUND_BROWSER_CALLS("Make 5 outbound browser (web phone) calls", 5,
            "rc-call-init-notify or rc-call-start-notify with direction Outbound", Confidence.OBSERVED_IN_SOURCE,
            "distinct call ids", Set.of("rc-call-init-notify", "rc-call-start-notify"),
            GraduationCounter.OUTBOUND_BROWSER_CALLS),

    INBOUND_BROWSER_CALLS("Receive 5 inbound browser (web phone) calls", 5,
            "rc-call-ring-notify with direction Inbound", Confidence.OBSERVED_IN_SOURCE,
            "distinct call ids", Set.of("rc-call-ring-notify"), GraduationCounter.INBOUND_BROWSER_CALLS),

    RINGOUT_CALLS("Make 5 RingOut calls", 5,
            "rc-ringout-call-notify", Confidence.OBSERVED_IN_SOURCE,
            "distinct call session ids of the Outbound legs (each RingOut call also has an Inbound leg, the call back"
                    + " to the user's phone)", Set.of("rc-ringout-call-notify"), GraduationCounter.RINGOUT_CALLS),

    RINGOUT_CALL_CONTROLS("Control (end or hold) a RingOut call in the widget more than 5 times", 6,
            "none: status changes in RingOut and active-call events look the same when the call is controlled from"
                    + " another device", Confidence.NOT_OBSERVABLE, "not counted: check by hand", Set.of());

    /** How sure embeddable4j is that the signal shows the requirement. */
    public enum Confidence {
        /** The widget's source posts this event for this action. */
        OBSERVED_IN_SOURCE,
        /** The event very likely shows it, but that was inferred, not read in the source. */
        INFERRED,
        /** The widget posts nothing that shows it: the developer checks it by hand. */
        NOT_OBSERVABLE
    }

    private final String requirement;
    private final int target;
    private final String signal;
    private final Confidence confidence;
    private final String counting;
    private final Set<String> eventTypes;
    private final List<GraduationCounter> counters;

    GraduationCriterion(String requirement, int target, String signal, Confidence confidence, String counting,
            Set<String> eventTypes, GraduationCounter... counters) {
        this.requirement = requirement;
        this.target = target;
        this.signal = signal;
        this.confidence = confidence;
        this.counting = counting;
        this.eventTypes = eventTypes;
        this.counters = List.of(counters);
    }

    /** RingCentral's requirement, in words. */
    public String requirement() {
        return requirement;
    }

    /** How many are needed: 6 for "more than 5", 5 for "5". */
    public int target() {
        return target;
    }

    /** Which widget event shows it, or why none does. */
    public String signal() {
        return signal;
    }

    /** How sure the signal is. */
    public Confidence confidence() {
        return confidence;
    }

    /** How the signal is counted. */
    public String counting() {
        return counting;
    }

    /** Whether embeddable4j counts it; false means "check by hand". */
    public boolean counted() {
        return confidence != Confidence.NOT_OBSERVABLE;
    }

    /** The widget events it is counted from; empty when it is not counted. */
    public Set<String> eventTypes() {
        return eventTypes;
    }

    /** The store counters it is counted with; its count is the smallest of theirs. Empty when it is not counted. */
    public List<GraduationCounter> counters() {
        return counters;
    }
}

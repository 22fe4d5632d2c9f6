package io.github.embeddable4j.core.crm;

import java.time.Duration;

/**
 * The call-outs the widget makes to a third-party service, each with the registration field that names its path, the
 * path {@link ThirdPartyService} registers by default (the ones RingCentral's documentation uses), and how long the
 * widget waits for an answer before giving up (read from its source).
 */
public enum Callout {
    /** Contacts tab: a page of contacts. */
    CONTACTS("contactsPath", "/contacts", 60_000, "load contacts", true),
    /** Dialer search. */
    CONTACT_SEARCH("contactSearchPath", "/contacts/search", 30_000, "search contacts", true),
    /** Caller names for numbers. */
    CONTACT_MATCH("contactMatchPath", "/contacts/match", 30_000, "match phone numbers to contacts", true),
    /** "View contact details" on a matched contact. */
    VIEW_CONTACT("viewMatchedContactPath", "/contacts/view", 3_000, "open the contact", false),
    /** Log a call. */
    CALL_LOGGER("callLoggerPath", "/callLogger", 15_000, "log the call", false),
    /** Which calls are logged. */
    CALL_LOG_MATCH("callLogEntityMatcherPath", "/callLogger/match", 30_000, "check which calls are logged", true),
    /** Log messages. */
    MESSAGE_LOGGER("messageLoggerPath", "/messageLogger", 15_000, "log the messages", false),
    /** Which conversations are logged. */
    MESSAGE_LOG_MATCH("messageLogEntityMatcherPath", "/messageLogger/match", 30_000, "check which messages are logged", true),
    /** Before a call or SMS. */
    DO_NOT_CONTACT("doNotContactPath", "/doNotContact", 3_000, "check the Do Not Contact list", true),
    /** The authorize/unauthorize button. */
    AUTHORIZATION("authorizationPath", "/authorize", 3_000, "change the connection", false),
    /** A contact's activities. */
    ACTIVITIES("activitiesPath", "/activities", 3_000, "load the activities", true),
    /** A click on an activity. */
    ACTIVITY("activityPath", "/activity", 3_000, "open the activity", false);

    private final String registrationField;
    private final String defaultPath;
    private final Duration widgetTimeout;
    private final String action;
    private final boolean readsOnly;

    Callout(String registrationField, String defaultPath, long widgetTimeoutMillis, String action, boolean readsOnly) {
        this.registrationField = registrationField;
        this.defaultPath = defaultPath;
        this.widgetTimeout = Duration.ofMillis(widgetTimeoutMillis);
        this.action = action;
        this.readsOnly = readsOnly;
    }

    /**
     * Whether the call-out only reads the CRM (contacts, searches, matches, activities, the Do Not Contact list), so
     * the page sends it again after a proxy's 502 or 504 (a node stopping or restarting behind it). One that writes
     * or acts (logs a call, opens a page, changes the connection) is not: a 504 can come after the server did it, and
     * a second call log would be a duplicate in the CRM.
     */
    public boolean readsOnly() {
        return readsOnly;
    }

    /** The field of the registration message that carries the path, such as {@code contactMatchPath}. */
    String registrationField() {
        return registrationField;
    }

    /** The path registered unless you choose another, such as {@code /contacts/match}. */
    public String defaultPath() {
        return defaultPath;
    }

    /** How long the widget waits for the answer; after that it gives up ("Time out") and goes on without it. */
    public Duration widgetTimeout() {
        return widgetTimeout;
    }

    /**
     * How long {@link ThirdPartyService} lets a provider run by default: the widget's timeout less 10% (at least
     * 0.5 s), so the error answer still reaches the widget across the network: 2.5 s of 3, 13.5 of 15, 27 of 30, 54
     * of 60.
     */
    public Duration defaultDeadline() {
        Duration margin = widgetTimeout.dividedBy(10);
        return widgetTimeout.minus(margin.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : margin);
    }

    /** What the call-out does, for messages: "log the call". */
    String action() {
        return action;
    }
}

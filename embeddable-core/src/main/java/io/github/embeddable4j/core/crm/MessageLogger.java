package io.github.embeddable4j.core.crm;

/**
 * Logs SMS, voicemail and fax conversations into your CRM: the widget's "Log" button, its log form and auto-log. Add
 * a {@link MessageLogMatcher} so the widget can show which conversations are logged.
 *
 * <pre>{@code MessageLogger logger = (request, caller) -> acme.saveMessages(caller.userName().orElseThrow(), request.conversation());}</pre>
 *
 * Runs under a deadline a little shorter than the widget's 15 s; make it idempotent per
 * {@link Conversation#conversationLogId()} (auto-log sends a conversation again when it grows).
 */
@FunctionalInterface
public interface MessageLogger {

    /** Logs (or updates the log of) the conversation. */
    void log(MessageLogRequest request, Caller caller);
}

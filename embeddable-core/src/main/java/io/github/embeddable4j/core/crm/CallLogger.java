package io.github.embeddable4j.core.crm;

/**
 * Logs calls into your CRM: the widget's "Log" button, its log form, and auto-log (when the user turned it on). Add
 * a {@link CallLogMatcher} so the widget can show which calls are logged.
 *
 * <pre>{@code CallLogger logger = (request, caller) -> acme.saveCall(caller.userName().orElseThrow(), request.call().sessionId(), request.note());}</pre>
 *
 * Runs on a worker thread under a deadline a little shorter than the widget's 15 s. Auto-log calls the logger several
 * times for one call (start, updates, end): make it idempotent per {@link CallRecord#sessionId()}.
 */
@FunctionalInterface
public interface CallLogger {

    /** Logs (or updates the log of) the call; throw {@link CrmException} to tell the user why it failed. */
    void log(CallLogRequest request, Caller caller);
}

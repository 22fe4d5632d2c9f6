package io.github.embeddable4j.core.crm;

/**
 * A provider's failure whose message may be shown to the widget's user, such as "Your Acme session expired; sign in
 * again in Settings." Any other exception a provider throws is logged on the server and answered with a generic
 * sentence, so internal details never reach the browser. The message is logged too, on one line (once per kind of
 * call-out, then at debug), with the cause's stack trace when there is one: keep what the widget sent (a search, a
 * page token) out of it.
 *
 * <pre>{@code throw new CrmException("Acme CRM is down for maintenance until 18:00.");}</pre>
 */
public class CrmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param userMessage one sentence for the user, shown in the widget */
    public CrmException(String userMessage) {
        super(userMessage);
    }

    /** @param userMessage one sentence for the user; the cause is logged on the server only */
    public CrmException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}

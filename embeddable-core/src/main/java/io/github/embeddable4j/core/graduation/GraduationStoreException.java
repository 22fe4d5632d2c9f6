package io.github.embeddable4j.core.graduation;

/**
 * A {@link GraduationStore} could not read or write its counts; the message names the file or table and what to do.
 *
 * <pre>{@code try { tracker.progress(); } catch (GraduationStoreException e) { page.error(e.getMessage()); }}</pre>
 */
public class GraduationStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GraduationStoreException(String message) {
        super(message);
    }

    public GraduationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.embeddable4j.core.graduation;

/**
 * A {@link GraduationStore} could not read or write its counts; the message names the file or table and what to do.
 *
 * <pre>{@code try { tracker.progress(); } catch (GraduationStoreException e) { page.error(e.getMessage()); }}</pre>
 */
public class GraduationStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A store's failure, said in {@code message}. */
    public GraduationStoreException(String message) {
        super(message);
    }

    /** A store's failure, said in {@code message}, caused by {@code cause}. */
    public GraduationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.embeddable4j.core.crm;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a call-out was not answered by its provider. The message is one sentence for the user (it names the service
 * and what failed, and never carries a stack trace or an internal exception message); the code is for programs.
 *
 * @param code    what went wrong
 * @param message a sentence such as "Could not log the call in Acme CRM: it did not answer in time."
 */
public record ServiceError(Code code, String message) {

    public ServiceError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The kinds of failure. */
    public enum Code {
        /** The body is not JSON, or lacks a field the call-out needs. */
        BAD_REQUEST,
        /** The body breaks a {@link ServiceLimits} limit. */
        TOO_LARGE,
        /** No call-out is registered at the path. */
        UNKNOWN_PATH,
        /** The provider did not answer before the call-out's deadline. */
        TIMEOUT,
        /** The provider threw, or returned something unusable. */
        FAILED,
        /** Every worker is busy and the queue is full. */
        BUSY,
        /** The service is closed. */
        CLOSED,
        /**
         * A proxy in front of the server answered 502 or 504 for the call-out, so nobody knows whether it was done;
         * told the widget at the page's word ({@link ThirdPartyService#unanswered}).
         */
        UNANSWERED,
        /**
         * The application refused the call-out before this service saw it (a security filter's 403 once the user's
         * session ended, a redirect to a sign-in page); told the widget by the page itself, from the error answers it
         * got with the service's registration.
         */
        REFUSED;

        /** The code on the wire, such as {@code unknown-path}. */
        public String wireValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}

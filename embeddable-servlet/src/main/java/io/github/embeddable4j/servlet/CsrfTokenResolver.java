package io.github.embeddable4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Finds the request's CSRF token, for applications that protect POST requests with one (Spring Security does by
 * default): the bridge script then sends it with every batch, in the header the application expects. The Spring Boot
 * starter supplies one for Spring Security.
 *
 * <pre>{@code CsrfTokenResolver csrf = request -> new CsrfTokenResolver.Token("X-CSRF-TOKEN", tokenOf(request));}</pre>
 */
@FunctionalInterface
public interface CsrfTokenResolver {

    /** A CSRF token and the request header to send it in. */
    record Token(String headerName, String value) {

        /** Without the token's value, which a log line would otherwise keep. */
        @Override
        public String toString() {
            return "Token[headerName=" + headerName + ", value=****]";
        }
    }

    /** The request's token, or null when there is none (the bridge then sends no token). */
    @Nullable Token resolve(HttpServletRequest request);

    /** No CSRF protection to satisfy. */
    static CsrfTokenResolver none() {
        return request -> null;
    }
}

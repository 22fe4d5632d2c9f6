package io.github.embeddable4j.spring;

import io.github.embeddable4j.servlet.CsrfTokenResolver;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Reads Spring Security's CSRF token from the request (where its {@code CsrfFilter} puts it), so the bridge script
 * sends it with its POSTs. Only loaded when Spring Security's web module is present.
 */
final class SpringSecurityCsrf {

    static final CsrfTokenResolver RESOLVER = request -> {
        Object attribute = request.getAttribute(CsrfToken.class.getName());
        if (attribute instanceof CsrfToken token) {
            return new CsrfTokenResolver.Token(token.getHeaderName(), token.getToken());
        }
        return null;
    };

    private SpringSecurityCsrf() {
    }
}

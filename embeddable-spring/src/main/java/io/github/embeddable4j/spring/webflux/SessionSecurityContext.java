package io.github.embeddable4j.spring.webflux;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.WebSession;

/**
 * Reactive Spring Security's user of a {@link WebSession}: the authentication of the context its
 * {@code WebSessionServerSecurityContextRepository} keeps under {@code SPRING_SECURITY_CONTEXT} (its default name).
 * Loaded only where Spring Security is on the class path ({@link #PRESENT}).
 */
final class SessionSecurityContext {

    /** Whether Spring Security's types are there to read the context with. */
    static final boolean PRESENT = org.springframework.util.ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContext", SessionSecurityContext.class.getClassLoader());

    private SessionSecurityContext() {
    }

    /** The session's signed-in user; null for none, an anonymous or an unauthenticated one. */
    static @Nullable Principal user(WebSession session) {
        if (session.getAttribute("SPRING_SECURITY_CONTEXT") instanceof SecurityContext context) {
            Authentication user = context.getAuthentication();
            if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
                return user;
            }
        }
        return null;
    }
}

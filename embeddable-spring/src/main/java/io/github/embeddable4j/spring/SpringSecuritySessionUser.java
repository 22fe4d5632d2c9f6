package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.SessionUserReader;
import java.security.Principal;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;

/**
 * The user Spring Security keeps in the HTTP session: the authentication of the context that its
 * {@code HttpSessionSecurityContextRepository} stores under {@code SPRING_SECURITY_CONTEXT} (its default key). It is
 * the session's current user where a request's principal may be stale (Vaadin's push over a websocket keeps the
 * handshake's). Anonymous and unauthenticated contexts name nobody.
 */
final class SpringSecuritySessionUser implements SessionUserReader {

    /** {@code HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY}, without needing spring-security-web. */
    static final String CONTEXT_ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

    @Override
    public @Nullable Principal user(Function<String, @Nullable Object> sessionAttributes) {
        if (sessionAttributes.apply(CONTEXT_ATTRIBUTE) instanceof SecurityContext context) {
            Authentication user = context.getAuthentication();
            if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
                return user;
            }
        }
        return null;
    }

    /**
     * The bridge's user where the request names none: Spring Security's user of the request's session. A bridge path
     * outside the security chain ({@code securityMatcher("/app/**")}), or the servlet API integration turned off,
     * leaves the request's principal empty for a signed-in user, whom the CRM then refused (a review).
     */
    static io.github.embeddable4j.servlet.AppUserResolver appUsers() {
        SpringSecuritySessionUser reader = new SpringSecuritySessionUser();
        return request -> {
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            Principal user = session == null ? null : reader.user(session::getAttribute);
            return user == null ? null : user.getName();
        };
    }
}

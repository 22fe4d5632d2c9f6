package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Internal;
import org.springframework.security.core.Authentication;

/**
 * Who signed in, as sign in once tells one sign-in from the next (another person over a session is logged out of the
 * widget first): the authentication's name, and with {@code oauth2Login()} its client registration too, as
 * {@code sub} is unique per issuer only. A review signed in the same subject at two identity providers over one
 * session, and the second person kept the first one's RingCentral login. The servlet and WebFlux starters ask it.
 */
@Internal("the starter's Spring Security sign-in listeners (servlet and WebFlux)")
public final class SignInIdentity {

    private static final String OAUTH2_TOKEN = "org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken";

    private SignInIdentity() {
    }

    /** {@code ada}, or {@code github 4242} for an OAuth 2 sign-in through the registration {@code github}. */
    public static String of(Authentication authentication) {
        // by name and reflection: the starter does not depend on spring-security-oauth2-client
        if (authentication.getClass().getName().equals(OAUTH2_TOKEN)) {
            try {
                Object registration = authentication.getClass().getMethod("getAuthorizedClientRegistrationId").invoke(authentication);
                if (registration != null) {
                    return registration + " " + authentication.getName();
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a Spring Security without the method: the name alone, as before
            }
        }
        return authentication.getName();
    }
}

package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The start-up check of Spring Security's rules asked {@code AuthorizationManager.authorize}, which Spring Security 6.4
 * added: on Spring Boot 3.3 (Security 6.3) the call failed to link, the failure was logged at DEBUG, and the warnings
 * about protected paths never came (a trial). The check now asks {@code check} there.
 */
class AuthorizationBefore64Test {

    private final Authentication visitor = new AnonymousAuthenticationToken("key", "anonymous",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private final HttpServletRequest request = new MockHttpServletRequest("GET", "/ringcentral/redirect");

    @Test
    void aManagerThatCannotAuthorizeIsAskedThroughCheck() {
        assumeTrue(Arrays.stream(AuthorizationManager.class.getMethods()).anyMatch(m -> m.getName().equals("check")),
                "Spring Security 7 has no AuthorizationManager.check, and always has authorize");
        assertThat(SecuredPathsCheck.granted(new Before64(false), visitor, request)).isFalse();
        assertThat(SecuredPathsCheck.granted(new Before64(true), visitor, request)).isTrue();
    }

    @Test
    void aManagerWithAuthorizeIsAskedThat() {
        AuthorizationManager<HttpServletRequest> denies = (authentication, r) -> new AuthorizationDecision(false);
        assertThat(SecuredPathsCheck.granted(denies, visitor, request)).isFalse();
        AuthorizationManager<HttpServletRequest> abstains = (authentication, r) -> null;
        assertThat(SecuredPathsCheck.granted(abstains, visitor, request)).isNull();
    }

    /** A manager as on Spring Security 6.3: calling {@code authorize} fails to link, and {@code check} decides. */
    private static final class Before64 implements AuthorizationManager<HttpServletRequest> {
        private final boolean granted;

        Before64(boolean granted) {
            this.granted = granted;
        }

        // Raw: Spring Security 6 and 7 declare it with other type arguments.
        @Override
        @SuppressWarnings("rawtypes")
        public AuthorizationResult authorize(Supplier authentication, HttpServletRequest r) {
            throw new NoSuchMethodError("'AuthorizationResult AuthorizationManager.authorize(Supplier, Object)'");
        }

        // Spring Security 6's abstract method (no @Override: Spring Security 7 has no check)
        public AuthorizationDecision check(Supplier<Authentication> authentication, HttpServletRequest r) {
            return new AuthorizationDecision(granted);
        }
    }
}

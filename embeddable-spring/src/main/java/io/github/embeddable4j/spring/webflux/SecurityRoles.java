package io.github.embeddable4j.spring.webflux;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Whether a principal has a role, as Spring Security's servlet {@code isUserInRole} answers it: an authenticated
 * {@link Authentication} with the authority {@code ROLE_<role>} (or the role itself when it already starts with
 * {@code ROLE_}). Only loaded when Spring Security is present.
 */
final class SecurityRoles {

    private static final String PREFIX = "ROLE_";

    private SecurityRoles() {
    }

    static boolean hasRole(Principal principal, String role) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return false;
        }
        String authority = role.startsWith(PREFIX) ? role : PREFIX + role;
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}

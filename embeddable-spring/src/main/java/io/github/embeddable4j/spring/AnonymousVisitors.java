package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Keeps the widget off pages of visitors who have not signed in. The injecting filter runs before Spring
 * Security, and pages such as the default sign-in page are written inside Spring Security's chain, so the decision
 * is made in two steps that only use the filter's skip attribute ({@link InjectionRules#SKIP_ATTRIBUTE}):
 * {@link Before} (before Spring Security) marks every request "no widget"; {@link After} (after Spring Security,
 * where the request carries the visitor's identity) lifts the mark for a signed-in visitor. A page Spring Security
 * answers itself (the sign-in page, a redirect to it, an access-denied error) never reaches {@link After}, so it
 * keeps the mark. Explicit placements (the Thymeleaf tag) are not affected.
 */
final class AnonymousVisitors {

    /** The bean name of Spring Security's filter chain. */
    static final String SECURITY_FILTER_CHAIN = "springSecurityFilterChain";
    /** Set by {@link Before} when it set the skip attribute, so {@link After} lifts only its own mark. */
    static final String MARK = AnonymousVisitors.class.getName() + ".MARK";

    private AnonymousVisitors() {
    }

    /**
     * Whether the request names a user: what another security filter (Apache Shiro, the container's sign-in) sets, read
     * without Spring Security's classes, which such an application may not have.
     */
    static boolean hasPrincipal(HttpServletRequest request) {
        return request.getUserPrincipal() != null;
    }

    /** Whether the request is a signed-in visitor's: a principal, or a non-anonymous Spring Security authentication. */
    static boolean signedIn(HttpServletRequest request) {
        if (request.getUserPrincipal() != null) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** Before Spring Security: no widget unless the request turns out to be a signed-in visitor's. */
    static final class Before implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            if (request.getAttribute(InjectionRules.SKIP_ATTRIBUTE) == null && request.getAttribute(MARK) == null) {
                EmbeddableFilter.skipForVisitor(request);
                request.setAttribute(MARK, Boolean.TRUE);
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * After the security filters: a signed-in visitor gets the widget back. Who is signed in is Spring Security's
     * answer ({@link #signedIn}) or, for another security filter, the request's principal ({@link #hasPrincipal}).
     */
    static final class After implements Filter {
        private final java.util.function.Predicate<HttpServletRequest> signedIn;

        After(java.util.function.Predicate<HttpServletRequest> signedIn) {
            this.signedIn = signedIn;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            if (request.getAttribute(MARK) != null && request instanceof HttpServletRequest http && signedIn.test(http)) {
                request.removeAttribute(InjectionRules.SKIP_ATTRIBUTE);
                request.removeAttribute(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE);
                request.removeAttribute(MARK);
            }
            chain.doFilter(request, response);
        }
    }
}

package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The start-up check of Spring Security's rules with matchers that read more of a request than a path, as other
 * libraries' do (Vaadin's asks for the user principal, which Spring Security's own made-up request refuses: a trial's
 * Vaadin application got no warning for that reason).
 */
class AnonymousRequestTest {

    private final MockServletContext servletContext = new MockServletContext();

    /** A matcher that reads what a request of a visitor without a session has, and takes the redirect page's path. */
    private static final RequestMatcher READS_EVERYTHING = request -> {
        assertThat(request.getUserPrincipal()).isNull();
        assertThat(request.getSession(false)).isNull();
        assertThat(request.getCookies()).isNull();
        assertThat(request.getHeader("Accept")).isNull();
        assertThat(request.getHeaderNames().hasMoreElements()).isFalse();
        assertThat(request.getParameterMap()).isEmpty();
        assertThat(request.isUserInRole("USER")).isFalse();
        assertThat(request.getContentLength()).isEqualTo(-1);
        return request.getRequestURI().equals("/ringcentral/redirect");
    };

    private static List<SecurityFilterChain> rules(RequestMatcher protectedPaths) {
        AuthorizationManager<HttpServletRequest> manager = RequestMatcherDelegatingAuthorizationManager.builder()
                .add(protectedPaths, AuthenticatedAuthorizationManager.authenticated())
                .add(AnyRequestMatcher.INSTANCE, (authentication, request) -> new AuthorizationDecision(true))
                .build();
        return List.of(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE, new AuthorizationFilter(manager)));
    }

    @Test
    void rulesThatReadMoreThanThePathAreAskedAndAnswer() {
        assertThat(SecuredPathsCheck.warning(rules(READS_EVERYTHING), servletContext, "/ringcentral/redirect", null))
                .contains("auth.requestMatchers(\"/ringcentral/redirect\").permitAll()");
        assertThat(SecuredPathsCheck.warning(rules(READS_EVERYTHING), servletContext, "/oauth/callback", null))
                .as("another path, which these rules leave open").isNull();
    }

    @Test
    void theMadeUpRequestIsAnAnonymousGetOfThePathInTheContext() {
        servletContext.setContextPath("/crm");
        HttpServletRequest request = AnonymousRequest.of(servletContext, "/ringcentral/redirect", "GET");
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getContextPath()).isEqualTo("/crm");
        assertThat(request.getRequestURI()).isEqualTo("/crm/ringcentral/redirect");
        assertThat(request.getServletPath()).isEqualTo("/ringcentral/redirect");
        assertThat(request.getRemoteUser()).isNull();
        request.setAttribute("cached", "path");
        assertThat(request.getAttribute("cached")).isEqualTo("path");
        request.removeAttribute("cached");
        assertThat(request.getAttribute("cached")).isNull();
    }
}

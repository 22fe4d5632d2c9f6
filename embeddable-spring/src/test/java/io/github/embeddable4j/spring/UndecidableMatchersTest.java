package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.embeddable4j.core.ConfigProblem;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The start stops only for Spring Security's own refusal to decide whose patterns these are: another matcher that
 * cannot judge a request made up at start-up (an {@code IllegalArgumentException} of its own) is no reason to stop an
 * application, and rules that judge are none either. (The real refusal, in a running application:
 * {@code SecuredPathsCheckTest}.)
 */
class UndecidableMatchersTest {

    private static ServletContext servletContext(String dispatcherMapping) {
        Map<String, ServletRegistration> registrations = new LinkedHashMap<>();
        registrations.put("dispatcherServlet", registration("dispatcherServlet",
                "org.springframework.web.servlet.DispatcherServlet", dispatcherMapping));
        registrations.put("embeddableBridge", registration("embeddableBridge", "jakarta.servlet.http.HttpServlet", "/embeddable4j/*"));
        ServletContext context = mock(ServletContext.class);
        when(context.getContextPath()).thenReturn("");
        org.mockito.Mockito.doReturn(registrations).when(context).getServletRegistrations();
        return context;
    }

    private static ServletRegistration registration(String name, String className, String mapping) {
        ServletRegistration registration = mock(ServletRegistration.class);
        when(registration.getName()).thenReturn(name);
        when(registration.getClassName()).thenReturn(className);
        when(registration.getMappings()).thenReturn(List.of(mapping));
        return registration;
    }

    private static List<SecurityFilterChain> rulesThatThrow(RuntimeException e) {
        AuthorizationManager<jakarta.servlet.http.HttpServletRequest> manager = (authentication, request) -> {
            throw e;
        };
        return List.of(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE, new AuthorizationFilter(manager)));
    }

    @Test
    void onlySpringSecuritysRefusalStopsTheStart() {
        ConfigProblem refused = SecuredPathsCheck.undecidableMatchers(rulesThatThrow(new IllegalArgumentException(
                "This method cannot decide whether these patterns are Spring MVC patterns or not. This is because there is"
                        + " more than one mappable servlet in your servlet context")), servletContext("/app/*"));
        assertThat(refused).isNotNull();
        assertThat(refused.property()).isEqualTo("spring.mvc.servlet.path");
        assertThat(refused.message()).contains("mapped at /app/*", "embeddableBridge at /embeddable4j/*");

        assertThat(SecuredPathsCheck.undecidableMatchers(rulesThatThrow(new IllegalArgumentException("a header was expected")),
                servletContext("/app/*"))).as("another matcher's trouble").isNull();
        assertThat(SecuredPathsCheck.undecidableMatchers(List.of(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE)),
                servletContext("/app/*"))).as("rules that judge").isNull();
        assertThat(SecuredPathsCheck.undecidableMatchers(rulesThatThrow(new IllegalArgumentException(
                "This method cannot decide whether these patterns are Spring MVC patterns or not.")), servletContext("/")))
                .as("a DispatcherServlet at the root: Spring Security decides").isNull();
    }
}

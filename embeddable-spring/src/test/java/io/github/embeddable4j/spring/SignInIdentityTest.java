package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Review: docs/sign-in-once.md tells applications whose principal name is not unique (several identity providers:
 * "sub is unique per issuer only") to declare an AppUserResolver bean returning issuer and subject, "the starter uses
 * yours for sign in once". The starter's sign-in listener still compares principal names to tell another user.
 */
class SignInIdentityTest {

    private static final List<SimpleGrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));
    /** The docs' advice: issuer and subject together (here the issuer rides in the authentication's details). */
    private static final AppUserResolver ISSUER_AND_SUBJECT = request -> {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null ? null : a.getDetails() + " " + a.getName();
    };

    private final LoginHandoffFlow flow = LoginHandoffFlow.builder(Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                    .redirectUri("http://localhost/ringcentral/redirect").build()))
            .serverKey("sign-in-events-test-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII))
            .appUser(ISSUER_AND_SUBJECT).build();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/x");
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    @AfterEach
    void reset() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    private static Authentication person(String issuer, String subject) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(subject, null, USER);
        token.setDetails(issuer);
        return token;
    }

    /** As Spring Security signs a user in: the context is set, then the event is published in the request. */
    private MockHttpServletResponse signIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        EmbeddableProperties properties = new EmbeddableProperties();
        properties.getLogin().setConnectOnLogin(true);
        new SpringSecurityLogin(flow, properties, beans.getBeanProvider(EmbeddableSelector.class))
                .signedIn(new InteractiveAuthenticationSuccessEvent(authentication, getClass()));
        return response;
    }

    @Test
    void anotherPersonWithTheSameSubjectAtAnotherIssuerIsAnotherUser() {
        signIn(person("https://github.com", "4242"));
        String first = flow.externalAuthIdOf(request);
        // X leaves without signing out; Y signs in over the session through the other identity provider
        MockHttpServletResponse second = signIn(person("https://gitlab.example.com", "4242"));
        assertThat(flow.externalAuthIdOf(request)).as("sign in once itself sees two people").isNotEqualTo(first);
        assertThat(second.getHeaders("Set-Cookie")).as("the first person's RingCentral login must be logged out")
                .anyMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "=1"));
        assertThat(flow.endpoints().isConnectPending(new LoginEndpoints.Session() {
            @Override
            public Object get(String name) {
                return request.getSession().getAttribute(name);
            }

            @Override
            public void set(String name, Object value) {
                request.getSession().setAttribute(name, value);
            }

            @Override
            public void remove(String name) {
                request.getSession().removeAttribute(name);
            }
        })).as("connect-on-login connects the new person").isTrue();
    }
}

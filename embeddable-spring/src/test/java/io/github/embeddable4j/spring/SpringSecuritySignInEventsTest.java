package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** What the servlet starter makes of Spring Security's sign-in events, request by request. */
class SpringSecuritySignInEventsTest {

    private static final List<SimpleGrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    private final LoginHandoffFlow flow = LoginHandoffFlow.builder(Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                    .redirectUri("http://localhost/ringcentral/redirect").build()))
            .serverKey("sign-in-events-test-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII))
            .appUser(request -> "ada").build();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");

    @AfterEach
    void reset() {
        RequestContextHolder.resetRequestAttributes();
    }

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    private SpringSecurityLogin login() {
        EmbeddableProperties properties = new EmbeddableProperties();
        properties.getLogin().setConnectOnLogin(true);
        return new SpringSecurityLogin(flow, properties, beans.getBeanProvider(EmbeddableSelector.class));
    }

    private MockHttpServletResponse signIn(Authentication authentication) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        login().signedIn(new InteractiveAuthenticationSuccessEvent(authentication, getClass()));
        return response;
    }

    /**
     * Another user signing in over a session logs the widget out (a mark in a cookie), on every host whatever widget a
     * selector gives it (LoginHandoffTenantsTest shows a tenant's page without sign in once taking it).
     */
    @Test
    void anotherUsersSignInMarksTheSignOut() {
        signIn(UsernamePasswordAuthenticationToken.authenticated("ada", null, USER));
        assertThat(signIn(UsernamePasswordAuthenticationToken.authenticated("grace", null, USER)).getHeaders("Set-Cookie"))
                .as("the flow's own widget: the mark is set").anyMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "="));

    }

    /**
     * A first sign-in with connect-on-login marks the widget's older login (the connection brings the new one), but not
     * on a host whose widget cannot sign in once: no connection would come, and the mark would log out the login made
     * in its own popup at every new session (a review). Nor is the connect mark set there.
     */
    @Test
    void aFirstSignInWhereTheWidgetCannotSignInOnceNeitherMarksNorConnects() {
        Embeddable hooli = Embeddable.of(EmbeddableConfig.builder().clientId("hooli").build()); // its hosting's redirect page
        beans.addBean("tenantSelector", (EmbeddableSelector) r -> hooli);
        assertThat(signIn(UsernamePasswordAuthenticationToken.authenticated("ada", null, USER)).getHeaders("Set-Cookie"))
                .noneMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "="));
        assertThat(flow.endpoints().isConnectPending(new SessionView(request))).isFalse();
        assertThat(signIn(UsernamePasswordAuthenticationToken.authenticated("grace", null, USER)).getHeaders("Set-Cookie"))
                .as("another user over the session: marked, whatever the widget").anyMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "="));
    }

    @Test
    void aFirstSignInOnTheFlowsOwnHostMarksAndConnects() {
        assertThat(signIn(UsernamePasswordAuthenticationToken.authenticated("ada", null, USER)).getHeaders("Set-Cookie"))
                .anyMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "="));
        assertThat(flow.endpoints().isConnectPending(new SessionView(request))).isTrue();
    }

    @Test
    void aFormSignInConnectsAtTheNextPage() {
        signIn(UsernamePasswordAuthenticationToken.authenticated("ada", null, USER));
        assertThat(flow.endpoints().isConnectPending(new SessionView(request))).isTrue();
    }

    /**
     * Remember-me signs the same person back in after their session ended (a trial: every expiry sent them through
     * RingCentral's authorize page, for a login the widget, which kept its own, ignored).
     */
    @Test
    void aRememberMeSignInDoesNotConnect() {
        signIn(new RememberMeAuthenticationToken("key", "ada", USER));
        assertThat(flow.endpoints().isConnectPending(new SessionView(request))).isFalse();
    }

    /** The request's session as core reads it. */
    private record SessionView(MockHttpServletRequest request) implements io.github.embeddable4j.core.login.LoginEndpoints.Session {
        @Override
        public Object get(String name) {
            return request.getSession() == null ? null : request.getSession().getAttribute(name);
        }

        @Override
        public void set(String name, Object value) {
            request.getSession().setAttribute(name, value);
        }

        @Override
        public void remove(String name) {
            request.getSession().removeAttribute(name);
        }
    }
}

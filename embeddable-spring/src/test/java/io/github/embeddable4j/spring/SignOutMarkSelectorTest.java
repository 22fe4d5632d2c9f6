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
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The sign-out mark with a tenant selector, in the servlet starter: it does not depend on what the selector picks (every
 * widget takes it). A sign-out keeps it when the selector fails or picks by a user the sign-out already cleared, or
 * the signed-out user's RingCentral session stays in the widget for whoever uses the browser next (a review found both
 * dropped when the mark depended on the pick).
 */
class SignOutMarkSelectorTest {

    private static final List<SimpleGrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    private final Embeddable acme = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("http://localhost/ringcentral/redirect").build());
    private final LoginHandoffFlow flow = LoginHandoffFlow.builder(acme)
            .serverKey("sign-in-events-test-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII))
            .appUser(request -> "ada").build();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    @AfterEach
    void reset() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletResponse signOut() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        new SpringSecurityLogin(flow, new EmbeddableProperties())
                .signedOut(new LogoutSuccessEvent(UsernamePasswordAuthenticationToken.authenticated("ada", null, USER)));
        return response;
    }

    private static boolean isMark(String setCookie) {
        return setCookie.startsWith(WidgetLogoutCookie.NAME + "=");
    }

    /**
     * docs/tenants.md: "A selector that throws (a tenant store that is down) leaves that page without the widget". A
     * blip of the tenant store during the default tenant's sign-out request now also drops the sign-out mark: the
     * widget stays signed in as the user who signed out.
     */
    @Test
    void aSelectorFailingDuringTheDefaultTenantsSignOutStillMarksIt() {
        beans.addBean("tenantSelector", (EmbeddableSelector) r -> {
            throw new IllegalStateException("tenant store down");
        });
        assertThat(signOut().getHeaders("Set-Cookie")).anyMatch(SignOutMarkSelectorTest::isMark);
    }

    /**
     * A selector that picks by user (the docs: "pick by host or user"), giving signed-in acme users acme's widget and a
     * visitor who has not signed in none. Spring Security publishes LogoutSuccessEvent from the last logout handler,
     * after SecurityContextLogoutHandler cleared the context (LogoutConfigurer adds contextLogoutHandler, then
     * LogoutSuccessEventPublishingLogoutHandler): the listener asks the selector for a request whose user is gone, gets
     * null, and sets no mark, although the request's page (and the user signing out) had the flow's own widget.
     */
    @Test
    void aSelectorByUserStillMarksTheSignOutOfTheFlowsWidget() {
        beans.addBean("tenantSelector", (EmbeddableSelector) r -> {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            return user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated() ? null : acme;
        });
        SecurityContextHolder.clearContext(); // as SecurityContextLogoutHandler has done when the event is published
        assertThat(signOut().getHeaders("Set-Cookie")).anyMatch(SignOutMarkSelectorTest::isMark);
    }

    /** The default tenant picked by host gets the mark. */
    @Test
    void theDefaultTenantByHostGetsTheMark() {
        beans.addBean("tenantSelector", (EmbeddableSelector) r -> "localhost".equals(r.getServerName()) ? acme : null);
        assertThat(signOut().getHeaders("Set-Cookie")).anyMatch(SignOutMarkSelectorTest::isMark);
    }
}

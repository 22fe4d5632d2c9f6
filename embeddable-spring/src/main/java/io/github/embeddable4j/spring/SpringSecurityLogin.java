package io.github.embeddable4j.spring;

import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.jspecify.annotations.Nullable;

/**
 * "Sign in once" with Spring Security: the signed-in user is the app user (the flow derives the widget's
 * externalAuthId from the name, with the server key: stable, not guessable, never user input); with
 * {@code login.connect-on-login} the connection starts right after the application's sign-in (the filter is
 * {@link LoginBeans}'s); with
 * {@code login.logout-widget} (default) signing out also logs the widget out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
    "org.springframework.security.core.context.SecurityContextHolder"})
class SpringSecurityLogin {

    /** The signed-in user's name; the filter asks at a page's first write, on the thread Spring Security set up. */
    static final AppUserResolver APP_USERS = request -> {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return auth.getName();
    };

    /**
     * At a successful interactive sign-in: {@link LoginHandoffFlow#signedIn}, so another user over the first one's
     * session logs the widget out first (Spring Security keeps session attributes across a sign-in; a sign-out
     * invalidates the session). A remember-me sign-in does not connect: it is the same person back after their session
     * ended, whose widget kept its login in the browser, and connecting would send them through RingCentral at every
     * expiry (and replace that login with a new one of the same account).
     */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            boolean rememberMe = event.getAuthentication() instanceof RememberMeAuthenticationToken;
            flow.signedIn(attributes.getRequest(), widgetLogout(attributes), who(event.getAuthentication(), attributes),
                    connectOnLogin && !rememberMe && connectsAtSignIn(attributes.getRequest()));
        }
    }

    /**
     * Who signed in, to tell the next sign-in from this one: {@link SignInIdentity}, and the widget's externalAuthId of
     * the user your {@code AppUserResolver} bean names (the docs' issuer-and-subject resolver tells apart people whose
     * principal names are alike; a review's second person kept the first one's RingCentral login).
     */
    private String who(Authentication authentication, ServletRequestAttributes attributes) {
        String who = SignInIdentity.of(authentication);
        String external;
        try {
            external = flow.externalAuthIdOf(attributes.getRequest());
        } catch (RuntimeException e) { // the resolver failed: the sign-in is told apart by the principal alone
            external = null;
        }
        return external == null ? who : who + " " + external;
    }

    /** At sign-out, the next page tells the widget to log out too (after a restart, the session may name nobody). */
    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            flow.signedOut(attributes.getRequest(), widgetLogout(attributes));
        }
    }

    /**
     * Where the widget's logout cookie goes: nowhere with {@code login.logout-widget=false}. On every host otherwise,
     * whichever widget a selector gives its pages: a tenant's without sign in once may keep a login made in its own
     * popup (a Vaadin trial's next user kept it when the mark was left off there).
     */
    private @Nullable HttpServletResponse widgetLogout(ServletRequestAttributes attributes) {
        return logoutWidget ? attributes.getResponse() : null;
    }

    /** Whether the sign-in's host connects on login ({@link io.github.embeddable4j.core.login.LoginEndpoints#connectsAtSignIn}). */
    private boolean connectsAtSignIn(jakarta.servlet.http.HttpServletRequest request) {
        EmbeddableSelector tenants = selector.getIfAvailable();
        return tenants == null || flow.endpoints().connectsAtSignIn(EmbeddableFilter.selected(tenants, request));
    }

    private final LoginHandoffFlow flow;
    private final boolean connectOnLogin;
    private final boolean logoutWidget;
    private final ObjectProvider<EmbeddableSelector> selector;

    SpringSecurityLogin(LoginHandoffFlow flow, EmbeddableProperties properties, ObjectProvider<EmbeddableSelector> selector) {
        this.flow = flow;
        this.connectOnLogin = properties.getLogin().isConnectOnLogin();
        this.logoutWidget = properties.getLogin().isLogoutWidget();
        this.selector = selector;
    }
}

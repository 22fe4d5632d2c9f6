package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "Sign in once" with Spring Security: the signed-in user is the app user (the flow derives the widget's
 * externalAuthId from the name, with the server key: stable, not guessable, never user input); with
 * {@code login.connect-on-login} the connection starts right after the application's sign-in; with
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

    /** Who signed in last in a session: a sign-in of someone else over it is the first one's sign-out. */
    static final String SIGNED_IN_USER = SpringSecurityLogin.class.getName() + ".user";

    /**
     * At a successful interactive sign-in: {@link LoginHandoffFlow#userChanged} from whoever signed in last in this
     * session (Spring Security keeps session attributes across a sign-in; a sign-out invalidates the session, or the
     * sign-out below forgets them), so another user over the first one's session logs the widget out first. A
     * remember-me sign-in does not connect: it is the same person back after their session ended, whose widget kept
     * its login in the browser (it would ignore a login for the same user anyway), and connecting would send them
     * through RingCentral at every expiry.
     */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        String user = event.getAuthentication().getName();
        String previous = request.getSession(true).getAttribute(SIGNED_IN_USER) instanceof String name ? name : null;
        request.getSession().setAttribute(SIGNED_IN_USER, user);
        boolean rememberMe = event.getAuthentication() instanceof RememberMeAuthenticationToken;
        logOutWhen(flow.userChanged(request, previous, user, connectOnLogin && !rememberMe), attributes);
    }

    /** At sign-out, the next page tells the widget to log out too (after a restart, the session may name nobody). */
    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            String previous = session != null && session.getAttribute(SIGNED_IN_USER) instanceof String name ? name : null;
            if (session != null) {
                session.removeAttribute(SIGNED_IN_USER);
            }
            flow.userChanged(attributes.getRequest(), previous, null, false);
            logOutWhen(true, attributes);
        }
    }

    private void logOutWhen(boolean logOut, ServletRequestAttributes attributes) {
        if (logOut && logoutWidget && attributes.getResponse() != null) {
            flow.logOutWidget(attributes.getRequest(), attributes.getResponse());
        }
    }

    private final LoginHandoffFlow flow;
    private final boolean connectOnLogin;
    private final boolean logoutWidget;

    SpringSecurityLogin(LoginHandoffFlow flow, EmbeddableProperties properties) {
        this.flow = flow;
        this.connectOnLogin = properties.getLogin().isConnectOnLogin();
        this.logoutWidget = properties.getLogin().isLogoutWidget();
    }

    /** Right after Spring Security's chain: a page visit of a session marked at sign-in goes to the connect endpoint. */
    @Bean
    @ConditionalOnProperty(prefix = EmbeddableProperties.PREFIX, name = "login.connect-on-login", havingValue = "true")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(name = "embeddableConnectOnLogin")
    FilterRegistrationBean<ConnectOnLogin> embeddableConnectOnLogin(Environment environment) {
        FilterRegistrationBean<ConnectOnLogin> registration = new FilterRegistrationBean<>(new ConnectOnLogin(flow));
        registration.setName(EmbeddableFilter.FILTER_NAME + "-connect-on-login");
        registration.setOrder(environment.getProperty(AnonymousVisitorsConfiguration.SECURITY_ORDER_PROPERTY, Integer.class,
                AnonymousVisitorsConfiguration.SECURITY_ORDER_DEFAULT) + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** Sends the browser's first page visit after sign-in to the connect endpoint, returning there afterwards. */
    static final class ConnectOnLogin extends OncePerRequestFilter {
        private final LoginHandoffFlow flow;

        ConnectOnLogin(LoginHandoffFlow flow) {
            this.flow = flow;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String connect = flow.takeConnectRedirect(request);
            if (connect != null) { // a relative Location, as the connect endpoint's own: not one built from the Host header
                LoginEndpoints.REDIRECT_HEADERS.forEach(response::setHeader);
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", connect);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}

package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.ConnectOnLoginFilter;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import io.github.embeddable4j.servlet.LoginHandoffServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * "Sign in once" ({@code ringcentral.embeddable.login.enabled=true}): the login flow, its servlet at the connect path
 * and at the redirect URI (which keeps serving the widget's own redirect page), and with Spring Security the
 * signed-in user as the app user, an optional connection right after sign-in, and the widget's logout on sign-out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSwitch("login.enabled")
@Import(SpringSecurityLogin.class)
class LoginBeans {


    @Bean
    @ConditionalOnMissingBean
    LoginHandoffFlow embeddableLoginFlow(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<AppUserResolver> appUsers, org.springframework.core.env.Environment environment) {
        AppUserResolver users = appUsers.getIfAvailable(() -> defaultAppUsers());
        return LoginHandoffFlow.of(LoginSettings.endpoints(embeddable, properties.getLogin(),
                environment.getProperty("server.servlet.context-path", "")), users);
    }

    private static AppUserResolver defaultAppUsers() {
        if (ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder", LoginBeans.class.getClassLoader())) {
            return SpringSecurityLogin.APP_USERS;
        }
        return AppUserResolver.remoteUser();
    }

    /**
     * {@code login.connect-on-login=true}: a page visit of a session marked at sign-in goes to the connect endpoint,
     * right after Spring Security's chain where it is there. With Spring Security the starter marks the session at its
     * sign-ins; without it, the application's own sign-in handler does ({@code flow.signedIn(request, response, user,
     * true)}).
     */
    @Bean
    @ConditionalOnSwitch("login.connect-on-login")
    @ConditionalOnMissingBean(name = "embeddableConnectOnLogin")
    FilterRegistrationBean<ConnectOnLoginFilter> embeddableConnectOnLogin(LoginHandoffFlow flow, Environment environment,
            org.springframework.beans.factory.ObjectProvider<io.github.embeddable4j.servlet.EmbeddableSelector> selector) {
        ConnectOnLoginFilter filter = new ConnectOnLoginFilter(flow);
        selector.ifAvailable(filter::withSelector); // other tenants' pages are not sent to this flow's connect
        FilterRegistrationBean<ConnectOnLoginFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(ConnectOnLoginFilter.FILTER_NAME);
        registration.setOrder(environment.getProperty(AnonymousVisitorsConfiguration.SECURITY_ORDER_PROPERTY, Integer.class,
                AnonymousVisitorsConfiguration.SECURITY_ORDER_DEFAULT) + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** The connect endpoint and the callback at the redirect URI, loaded at startup to report problems early. */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableLogin")
    ServletRegistrationBean<LoginHandoffServlet> embeddableLogin(LoginHandoffFlow flow,
            org.springframework.core.env.Environment environment,
            org.springframework.beans.factory.ObjectProvider<io.github.embeddable4j.servlet.EmbeddableSelector> selector) {
        // A redirect URI outside the application stops it now; the mapping itself is made in the real context path.
        LoginHandoffServlet.callbackPath(flow, environment.getProperty("server.servlet.context-path", ""));
        ServletRegistrationBean<LoginHandoffServlet> registration = new CallbackRegistration(flow);
        selector.ifAvailable(registration.getServlet()::withSelector); // other tenants' redirect pages at the same path
        registration.setName("embeddableLogin");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * Maps the callback inside the context path the application really runs in, known when the container starts it:
     * a WAR's is the container's choice, and {@code server.servlet.context-path} does not apply there.
     */
    private static final class CallbackRegistration extends ServletRegistrationBean<LoginHandoffServlet> {
        private final LoginHandoffFlow flow;

        CallbackRegistration(LoginHandoffFlow flow) {
            super(new LoginHandoffServlet(flow));
            this.flow = flow;
        }

        @Override
        protected ServletRegistration.Dynamic addRegistration(String description, ServletContext servletContext) {
            setUrlMappings(List.of(flow.connectPath(), LoginHandoffServlet.callbackPath(flow, servletContext.getContextPath())));
            return super.addRegistration(description, servletContext);
        }
    }
}

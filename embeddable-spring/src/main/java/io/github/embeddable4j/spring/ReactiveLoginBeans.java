package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.spring.webflux.EmbeddableLoginWebFilter;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import io.github.embeddable4j.spring.webflux.ReactiveAppUserResolver;
import io.github.embeddable4j.spring.webflux.SpringSecuritySignInWebFilter;
import java.security.Principal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * "Sign in once" in a WebFlux application ({@code ringcentral.embeddable.login.enabled=true}): the filter that serves
 * the connect path and the callback at the redirect URI (with the widget's own redirect page there), with the
 * signed-in principal as the app user (with Spring Security, anonymous visitors are nobody). The page filter carries
 * the handoff: see {@link WebFluxBeans}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSwitch("login.enabled")
class ReactiveLoginBeans {

    @Bean
    @ConditionalOnMissingBean
    EmbeddableLoginWebFilter embeddableLoginWebFilter(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<ReactiveAppUserResolver> appUsers, ObjectProvider<ReactiveEmbeddableSelector> selector,
            org.springframework.core.env.Environment environment) {
        EmbeddableLoginWebFilter filter = new EmbeddableLoginWebFilter(LoginSettings.endpoints(embeddable,
                properties.getLogin(), environment.getProperty("spring.webflux.base-path", "")),
                appUsers.getIfAvailable(ReactiveLoginBeans::defaultAppUsers));
        selector.ifAvailable(filter::withSelector); // other tenants' redirect pages at the same path
        // for sign-ins of the application's own (EmbeddableLoginWebFilter.signedIn); Spring Security's are seen below
        filter.setConnectOnLogin(properties.getLogin().isConnectOnLogin());
        return filter;
    }

    /**
     * With reactive Spring Security: the application's sign-in starts the connection ({@code login.connect-on-login})
     * and its sign-out logs the widget out ({@code login.logout-widget}), seen in the {@code WebSession}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository",
        "org.springframework.security.core.context.SecurityContext"})
    static class SpringSecuritySignIn {

        @Bean
        @ConditionalOnMissingBean
        SpringSecuritySignInWebFilter embeddableSpringSecuritySignIn(EmbeddableLoginWebFilter login,
                EmbeddableProperties properties, ObjectProvider<ReactiveEmbeddableSelector> selector) {
            SpringSecuritySignInWebFilter filter = new SpringSecuritySignInWebFilter(login.endpoints(),
                    properties.getLogin().isConnectOnLogin(), properties.getLogin().isLogoutWidget());
            selector.ifAvailable(filter::withSelector); // a sign-in where the widget cannot sign in once is not sent to the connect
            return filter;
        }
    }

    private static ReactiveAppUserResolver defaultAppUsers() {
        if (ClassUtils.isPresent("org.springframework.security.core.Authentication", ReactiveLoginBeans.class.getClassLoader())) {
            return exchange -> exchange.getPrincipal().filter(ReactiveAnonymousVisitors::signedIn).map(Principal::getName);
        }
        return ReactiveAppUserResolver.principalName();
    }
}

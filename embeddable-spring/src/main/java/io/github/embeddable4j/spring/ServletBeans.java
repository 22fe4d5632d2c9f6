package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.servlet.CsrfTokenResolver;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import io.github.embeddable4j.servlet.NonceResolver;
import io.github.embeddable4j.servlet.RedirectPageServlet;
import io.github.embeddable4j.servlet.SetupPageServlet;
import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The servlet side: the nonce lookup, the filter and the redirect page. Only imported in servlet web applications. */
@Configuration(proxyBeanMethods = false)
class ServletBeans {

    /** See {@link ServletContextPublisher}. */
    @Bean
    @ConditionalOnMissingBean
    ServletContextPublisher embeddableServletContextPublisher(org.springframework.beans.factory.ListableBeanFactory beans) {
        return new ServletContextPublisher(beans);
    }

    @Bean
    @ConditionalOnMissingBean
    NonceResolver embeddableNonceResolver(EmbeddableProperties properties) {
        return NonceResolver.requestAttributes(properties.getNonceAttribute());
    }

    // ConditionalOnMissingFilterBean moved package between Boot 3.5 and 4; this is what it means, in a form
    // both lines read: no EmbeddableFilter bean and no FilterRegistrationBean<EmbeddableFilter>.
    @Bean
    // Also with inject.enabled=false, when its rules inject nothing: a page whose template places the widget
    // (<rc:embeddable/>) gets the bridge's script and sign in once through it (a review's tag pages got neither).
    @ConditionalOnMissingBean(value = EmbeddableFilter.class, parameterizedContainer = FilterRegistrationBean.class)
    FilterRegistrationBean<EmbeddableFilter> embeddableFilter(Embeddable embeddable, EmbeddableProperties properties,
            NonceResolver nonceResolver, ObjectProvider<WidgetEventDispatcher> dispatcher, CsrfTokenResolver csrf,
            ObjectProvider<ThirdPartyService> service, ObjectProvider<LoginHandoffFlow> login,
            ObjectProvider<EmbeddableSelector> selector) {
        InjectionRules rules = properties.toInjectionRules();
        EmbeddableFilter filter = new EmbeddableFilter(embeddable, rules, nonceResolver);
        selector.ifAvailable(filter::withSelector);
        LoginHandoffFlow flow = login.getIfAvailable();
        if (flow != null) {
            filter.withLoginHandoff(flow);
        }
        if (properties.getBridge().isEnabled()) {
            // The listeners' types are asked for when the first page is served: see WidgetListenerDetector.
            filter.withBridge(properties.getBridge().getPath(), () -> subscribedTypes(dispatcher),
                    service.getIfAvailable() != null, csrf);
        }
        FilterRegistrationBean<EmbeddableFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(EmbeddableFilter.FILTER_NAME);
        registration.setOrder(EmbeddableAutoConfiguration.FILTER_ORDER);
        registration.setAsyncSupported(true);
        // FORWARD: a forwarded page starts over in the filter (the container discarded the buffered output).
        if (rules.errorPages()) {
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.FORWARD,
                    DispatcherType.ERROR);
        } else {
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.FORWARD);
        }
        return registration;
    }

    private static Set<String> subscribedTypes(ObjectProvider<WidgetEventDispatcher> dispatcher) {
        WidgetEventDispatcher events = dispatcher.getIfAvailable();
        return events == null ? Set.of() : events.subscribedTypes();
    }

    /**
     * The bridge's script and endpoints. Whether it is on (something listens to widget events, or a third-party
     * service or the login handoff exists) is decided at its first request, once Spring knows its listeners; off, its
     * endpoints answer 404 and only its script is served.
     */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableBridge")
    @ConditionalOnSwitch(value = "bridge.enabled", matchIfMissing = true)
    ServletRegistrationBean<DeferredBridgeServlet> embeddableBridge(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<WidgetEventDispatcher> dispatcher, ObjectProvider<ThirdPartyService> service,
            ObjectProvider<LoginHandoffFlow> login, BridgeRefusals refusals, ObjectProvider<EmbeddableSelector> selector,
            ObjectProvider<AppUserResolver> appUsers) {
        BridgeLimits limits = properties.getBridge().toLimits(); // a bad limit stops the application now, not at the first request
        DeferredBridgeServlet bridge = new DeferredBridgeServlet(() -> {
            ThirdPartyService crm = service.getIfAvailable();
            WidgetEventDispatcher events = dispatcher.getIfAvailable();
            // the login handoff's pages load the glue script too, even when no event goes to the server
            if (login.getIfAvailable() == null && !BridgeEndpoints.isNeeded(events, crm)) {
                return null;
            }
            BridgeServlet servlet = new BridgeServlet(embeddable, events != null ? events : WidgetEventDispatcher.none(), crm,
                    limits, refusals);
            // the application's own sign-in names the user of its events and call-outs, as it does for sign in once
            // (without the bean, the request's principal: Spring Security's or the container's, else Spring
            // Security's user of the session, for a bridge path outside its chain)
            AppUserResolver users = appUsers.getIfAvailable();
            if (users == null && ServletContextPublisher.SPRING_SECURITY) {
                users = SpringSecuritySessionUser.appUsers();
            }
            return withSelector(users == null ? servlet : servlet.withUser(users), selector);
        }, () -> withSelector(BridgeServlet.scriptOnly(embeddable, refusals), selector));
        ServletRegistrationBean<DeferredBridgeServlet> registration = new ServletRegistrationBean<>(bridge,
                BridgeEndpoints.paths(properties.getBridge().getPath()).toArray(String[]::new)); // exactly: see paths()
        registration.setName("embeddableBridge");
        registration.setAsyncSupported(true);
        return registration;
    }

    private static BridgeServlet withSelector(BridgeServlet bridge, ObjectProvider<EmbeddableSelector> selector) {
        EmbeddableSelector tenants = selector.getIfAvailable();
        return tenants == null ? bridge : bridge.withSelector(tenants);
    }

    /** The setup page, when {@code ringcentral.embeddable.setup-page.enabled=true}; localhost or a role only. */
    @Bean
    @ConditionalOnSwitch("setup-page.enabled")
    @ConditionalOnMissingBean(name = "embeddableSetupPage")
    ServletRegistrationBean<SetupPageServlet> embeddableSetupPage(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<GraduationTracker> tracker, org.springframework.core.env.Environment environment,
            org.springframework.beans.factory.ListableBeanFactory beans) {
        GraduationTracker counts = tracker.getIfAvailable();
        java.util.function.Supplier<GraduationProgress> progress = counts == null ? null : counts::progress;
        ServletRegistrationBean<SetupPageServlet> registration = new ServletRegistrationBean<>(
                new SetupPageServlet(embeddable, progress, properties.getSetupPage().getRole())
                        .sameMachineAccess(EmbeddableAutoConfiguration.setupPageSameMachine(environment, properties, beans)),
                properties.getSetupPage().getPath());
        registration.setName("embeddableSetupPage");
        return registration;
    }

    /** Spring Security's CSRF token for the bridge's POSTs, when Spring Security guards the application. */
    @Bean
    @ConditionalOnMissingBean
    CsrfTokenResolver embeddableCsrfTokenResolver() {
        if (!org.springframework.util.ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken",
                getClass().getClassLoader())) {
            return CsrfTokenResolver.none();
        }
        return SpringSecurityCsrf.RESOLVER;
    }

    @Bean
    @Conditional(EmbeddableAutoConfiguration.RedirectPagePathSet.class)
    @ConditionalOnSwitch(value = "login.enabled", on = false, matchIfMissing = true) // with login, its servlet serves the redirect page at the redirect URI
    @ConditionalOnMissingBean(name = "embeddableRedirectPage")
    ServletRegistrationBean<RedirectPageServlet> embeddableRedirectPage(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<EmbeddableSelector> selector) {
        RedirectPageServlet page = new RedirectPageServlet(embeddable);
        selector.ifAvailable(page::withSelector);
        ServletRegistrationBean<RedirectPageServlet> registration =
                new ServletRegistrationBean<>(page, properties.getRedirectPage().getPath());
        registration.setName("embeddableRedirectPage");
        registration.setLoadOnStartup(1); // so a redirect URI it does not serve is reported at startup
        return registration;
    }
}

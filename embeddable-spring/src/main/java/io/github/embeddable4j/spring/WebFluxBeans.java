package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.spring.webflux.CsrfTokenSource;
import io.github.embeddable4j.spring.webflux.EmbeddableLoginWebFilter;
import io.github.embeddable4j.spring.webflux.EmbeddableBridgeWebFilter;
import io.github.embeddable4j.spring.webflux.EmbeddableRedirectPageWebFilter;
import io.github.embeddable4j.spring.webflux.EmbeddableSetupPageWebFilter;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import io.github.embeddable4j.spring.webflux.ReactiveAppUserResolver;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The reactive side: the filter that puts the widget on every HTML page and the bridge's endpoints. Only imported in
 * WebFlux applications.
 */
@Configuration(proxyBeanMethods = false)
class WebFluxBeans {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSwitch(value = "inject.enabled", matchIfMissing = true)
    EmbeddableWebFilter embeddableWebFilter(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<WidgetEventDispatcher> dispatcher, ObjectProvider<ThirdPartyService> service,
            ObjectProvider<CsrfTokenSource> csrf, ObjectProvider<WebExceptionHandler> exceptionHandlers,
            ObjectProvider<EmbeddableLoginWebFilter> login, ObjectProvider<ReactiveEmbeddableSelector> selector) {
        String nonceAttribute = properties.getNonceAttribute();
        EmbeddableWebFilter filter = new EmbeddableWebFilter(embeddable, properties.toInjectionRules(),
                nonceAttribute == null || nonceAttribute.isBlank() ? List.of() : List.of(nonceAttribute.trim()));
        selector.ifAvailable(filter::withSelector);
        filter.setOrder(EmbeddableAutoConfiguration.FILTER_ORDER);
        // inject.error-pages: the application's exception handlers (Boot's error page first) render inside the filter
        filter.withErrorPages(() -> exceptionHandlers.orderedStream().toList());
        EmbeddableLoginWebFilter signIn = login.getIfAvailable();
        if (signIn != null) { // sign in once: the next page carries the caught code (and the widget's logout)
            filter.withLoginHandoff(signIn);
        }
        if (properties.getBridge().isEnabled()) {
            // The listeners' types are asked for when the first page is served: see WidgetListenerDetector.
            filter.withBridge(properties.getBridge().getPath(), () -> subscribedTypes(dispatcher),
                    service.getIfAvailable() != null, csrf.getIfAvailable(CsrfTokenSource::none));
        }
        return filter;
    }

    /**
     * Says at start-up when an application's own page filter, declared as a {@code WebFilter} (which the
     * {@code @ConditionalOnMissingBean} above cannot see), runs beside the starter's: the first whose rules take a page
     * serves it, with or without the bridge and sign in once that the starter's has (a review's CRM went silent).
     */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableWebFilterPairCheck")
    static org.springframework.beans.factory.SmartInitializingSingleton embeddableWebFilterPairCheck(
            org.springframework.beans.factory.ListableBeanFactory beans) {
        return () -> {
            List<String> names = List.of(beans.getBeanNamesForType(EmbeddableWebFilter.class, false, false));
            if (!names.contains("embeddableWebFilter")) {
                // the application's own, instead of the starter's: say what the starter's would have had that it lacks
                boolean bridge = beans.getBeanNamesForType(EmbeddableBridgeWebFilter.class, false, false).length > 0;
                boolean signIn = beans.getBeanNamesForType(EmbeddableLoginWebFilter.class, false, false).length > 0;
                beans.getBeansOfType(EmbeddableWebFilter.class, false, false).forEach((name, own) -> {
                    List<String> lacks = new java.util.ArrayList<>();
                    if (bridge && !own.hasBridge()) {
                        lacks.add("no bridge script (widget events and CRM call-outs never reach the server: call"
                                + " withBridge)");
                    }
                    if (signIn && !own.hasLoginHandoff()) {
                        lacks.add("no sign in once (a caught login never reaches a page: call withLoginHandoff)");
                    }
                    if (!lacks.isEmpty()) { // a trial's own filter had neither, and nothing said so
                        org.apache.commons.logging.LogFactory.getLog(EmbeddableWebFilter.class).warn("RingCentral"
                                + " Embeddable: your page filter '" + name + "' replaces the starter's, whose pages would"
                                + " have had what yours have not: " + String.join("; ", lacks) + ".");
                    }
                });
            }
            if (names.size() > 1 && names.contains("embeddableWebFilter")) {
                org.apache.commons.logging.LogFactory.getLog(EmbeddableWebFilter.class).warn("RingCentral Embeddable:"
                        + " page filters " + names + " run together: the starter's (embeddableWebFilter) beside one of"
                        + " yours declared as a WebFilter, which the starter cannot see when it decides to make its own."
                        + " The first whose rules take a page serves it, and only the starter's has the bridge and sign"
                        + " in once from the ringcentral.embeddable.* properties. Declare yours with the return type"
                        + " EmbeddableWebFilter (the starter then makes none; give yours withBridge and withLoginHandoff"
                        + " if you need them), or remove it and set ringcentral.embeddable.inject.*.");
            }
        };
    }

    /**
     * The bridge's script and endpoints; whether it is on (something listens to widget events, or a third-party service
     * exists) is decided at its first request, once Spring knows its listeners. Off, its endpoints answer 404.
     */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableBridge")
    @ConditionalOnSwitch(value = "bridge.enabled", matchIfMissing = true)
    EmbeddableBridgeWebFilter embeddableBridge(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<WidgetEventDispatcher> dispatcher, ObjectProvider<ThirdPartyService> service,
            BridgeRefusals refusals, ObjectProvider<ReactiveEmbeddableSelector> selector,
            ObjectProvider<ReactiveAppUserResolver> appUsers) {
        // a bad limit stops the application now, not at the first request
        BridgeLimits limits = properties.getBridge().toLimits();
        EmbeddableBridgeWebFilter bridge = EmbeddableBridgeWebFilter.whenNeeded(embeddable, dispatcher::getIfAvailable,
                service::getIfAvailable, limits, properties.getBridge().getPath(), refusals);
        selector.ifAvailable(bridge::withSelector);
        appUsers.ifAvailable(bridge::withUser); // your sign-in names the events' user, as it does sign in once's
        return bridge;
    }

    /** Reactive Spring Security's CSRF token for the bridge's POSTs, when Spring Security guards the application. */
    @Bean
    @ConditionalOnMissingBean
    CsrfTokenSource embeddableCsrfTokenSource() {
        if (!ClassUtils.isPresent("org.springframework.security.web.server.csrf.CsrfToken", getClass().getClassLoader())) {
            return CsrfTokenSource.none();
        }
        return CsrfTokenSource.springSecurity();
    }

    private static Set<String> subscribedTypes(ObjectProvider<WidgetEventDispatcher> dispatcher) {
        WidgetEventDispatcher events = dispatcher.getIfAvailable();
        return events == null ? Set.of() : events.subscribedTypes();
    }

    /** The widget's OAuth redirect page at {@code redirect-page.path}; with sign in once, its filter serves it at the callback. */
    @Bean
    @Conditional(EmbeddableAutoConfiguration.RedirectPagePathSet.class)
    @ConditionalOnSwitch(value = "login.enabled", on = false, matchIfMissing = true)
    @ConditionalOnMissingBean(name = "embeddableRedirectPage")
    EmbeddableRedirectPageWebFilter embeddableRedirectPage(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<ReactiveEmbeddableSelector> selector) {
        String path = java.util.Objects.requireNonNull(properties.getRedirectPage().getPath(), "redirect-page.path"); // the condition
        EmbeddableRedirectPageWebFilter page = new EmbeddableRedirectPageWebFilter(embeddable, path);
        selector.ifAvailable(page::withSelector);
        return page;
    }

    /** The setup page, when {@code setup-page.enabled=true}; the same machine or a role only. */
    @Bean
    @ConditionalOnSwitch("setup-page.enabled")
    @ConditionalOnMissingBean(name = "embeddableSetupPage")
    EmbeddableSetupPageWebFilter embeddableSetupPage(Embeddable embeddable, EmbeddableProperties properties,
            ObjectProvider<GraduationTracker> tracker, org.springframework.core.env.Environment environment,
            org.springframework.beans.factory.ListableBeanFactory beans) {
        GraduationTracker counts = tracker.getIfAvailable();
        EmbeddableSetupPageWebFilter page = new EmbeddableSetupPageWebFilter(embeddable, counts == null ? null : counts::progress,
                properties.getSetupPage().getRole(), properties.getSetupPage().getPath());
        page.setSameMachineAccess(EmbeddableAutoConfiguration.setupPageSameMachine(environment, properties, beans));
        return page;
    }
}

package io.github.embeddable4j.spring;

import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * No widget for visitors who have not signed in, when Spring Security guards the application
 * ({@code ringcentral.embeddable.inject.anonymous=false}, the default). Two small filters around Spring Security's
 * chain decide it per request (see {@link AnonymousVisitors}); only imported in servlet web applications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
    "org.springframework.security.core.context.SecurityContextHolder"})
@ConditionalOnBean(name = AnonymousVisitors.SECURITY_FILTER_CHAIN)
@ConditionalOnSwitch(value = "inject.anonymous", on = false, matchIfMissing = true)
@ConditionalOnSwitch(value = "inject.enabled", matchIfMissing = true)
class AnonymousVisitorsConfiguration {

    /** Spring Boot's property for the order of Spring Security's filter, and its default in Boot 3.5 and 4. */
    static final String SECURITY_ORDER_PROPERTY = "spring.security.filter.order";
    static final int SECURITY_ORDER_DEFAULT = -100;

    /** Right after the injecting filter, before Spring Security: every request starts without the widget. */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableAnonymousVisitorsBefore")
    FilterRegistrationBean<AnonymousVisitors.Before> embeddableAnonymousVisitorsBefore() {
        return before();
    }

    /** Right after Spring Security's chain: a signed-in visitor gets the widget back. */
    @Bean
    @ConditionalOnMissingBean(name = "embeddableAnonymousVisitorsAfter")
    FilterRegistrationBean<AnonymousVisitors.After> embeddableAnonymousVisitorsAfter(Environment environment) {
        return after(AnonymousVisitors::signedIn,
                environment.getProperty(SECURITY_ORDER_PROPERTY, Integer.class, SECURITY_ORDER_DEFAULT) + 1);
    }

    /** The filter that marks every request "no widget", right after the injecting filter. */
    static FilterRegistrationBean<AnonymousVisitors.Before> before() {
        FilterRegistrationBean<AnonymousVisitors.Before> registration = new FilterRegistrationBean<>(new AnonymousVisitors.Before());
        registration.setName(EmbeddableFilter.FILTER_NAME + "-anonymous-before");
        registration.setOrder(EmbeddableAutoConfiguration.FILTER_ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST); // the mark stays on the request for later dispatches
        registration.setAsyncSupported(true);
        return registration;
    }

    /** The filter that lifts the mark for a signed-in visitor, at {@code order}, after the security filters. */
    static FilterRegistrationBean<AnonymousVisitors.After> after(java.util.function.Predicate<jakarta.servlet.http.HttpServletRequest> signedIn,
            int order) {
        FilterRegistrationBean<AnonymousVisitors.After> registration = new FilterRegistrationBean<>(new AnonymousVisitors.After(signedIn));
        registration.setName(EmbeddableFilter.FILTER_NAME + "-anonymous-after");
        registration.setOrder(order);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }
}

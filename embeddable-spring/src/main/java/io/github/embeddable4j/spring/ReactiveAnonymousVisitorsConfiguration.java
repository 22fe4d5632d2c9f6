package io.github.embeddable4j.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No widget for visitors who have not signed in, when reactive Spring Security guards a WebFlux application
 * ({@code ringcentral.embeddable.inject.anonymous=false}, the default), as {@link AnonymousVisitorsConfiguration} does
 * for servlet applications. Only imported in reactive web applications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.security.web.server.WebFilterChainProxy",
    "org.springframework.security.core.Authentication"})
@ConditionalOnBean(type = "org.springframework.security.web.server.WebFilterChainProxy")
@ConditionalOnSwitch(value = "inject.anonymous", on = false, matchIfMissing = true)
@ConditionalOnSwitch(value = "inject.enabled", matchIfMissing = true)
class ReactiveAnonymousVisitorsConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "embeddableReactiveAnonymousVisitorsBefore")
    ReactiveAnonymousVisitors.Before embeddableReactiveAnonymousVisitorsBefore() {
        return new ReactiveAnonymousVisitors.Before();
    }

    @Bean
    @ConditionalOnMissingBean(name = "embeddableReactiveAnonymousVisitorsAfter")
    ReactiveAnonymousVisitors.After embeddableReactiveAnonymousVisitorsAfter() {
        return new ReactiveAnonymousVisitors.After();
    }
}

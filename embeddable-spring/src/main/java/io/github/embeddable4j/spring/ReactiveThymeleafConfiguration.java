package io.github.embeddable4j.spring;

import io.github.embeddable4j.spring.webflux.EmbeddableLoginWebFilter;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableDialect;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code <a rc:connect>} for Thymeleaf templates of WebFlux applications; Boot adds every dialect bean to the reactive
 * template engine. Only imported in reactive web applications: the dialect reads the {@code ServerWebExchange}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringWebFluxTemplateEngine")
class ReactiveThymeleafConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveEmbeddableDialect reactiveEmbeddableDialect(ObjectProvider<EmbeddableLoginWebFilter> login) {
        return new ReactiveEmbeddableDialect(login::getIfAvailable);
    }
}

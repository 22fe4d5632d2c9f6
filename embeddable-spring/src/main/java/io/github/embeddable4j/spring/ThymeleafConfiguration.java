package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.NonceResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code <rc:embeddable/>} for Thymeleaf templates of servlet web applications; Boot adds every dialect bean to the
 * template engine. Only imported in servlet web applications: the dialect reads the servlet request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
class ThymeleafConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EmbeddableDialect embeddableDialect(Embeddable embeddable, NonceResolver nonceResolver,
            ObjectProvider<FilterRegistrationBean<EmbeddableFilter>> filter, ObjectProvider<EmbeddableSelector> selector) {
        return new EmbeddableDialect(embeddable, nonceResolver, () -> {
            FilterRegistrationBean<EmbeddableFilter> registration = filter.getIfAvailable();
            return registration == null ? null : registration.getFilter();
        }, selector.getIfAvailable());
    }
}

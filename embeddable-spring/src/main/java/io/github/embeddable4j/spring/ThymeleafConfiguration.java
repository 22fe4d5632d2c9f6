package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.NonceResolver;
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
    EmbeddableDialect embeddableDialect(Embeddable embeddable, NonceResolver nonceResolver) {
        return new EmbeddableDialect(embeddable, nonceResolver);
    }
}

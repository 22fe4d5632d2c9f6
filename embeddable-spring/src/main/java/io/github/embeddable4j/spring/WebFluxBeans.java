package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reactive side: the filter that puts the widget on every HTML page. Only imported in WebFlux applications. */
@Configuration(proxyBeanMethods = false)
class WebFluxBeans {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = EmbeddableProperties.PREFIX, name = "inject.enabled", havingValue = "true",
            matchIfMissing = true)
    EmbeddableWebFilter embeddableWebFilter(Embeddable embeddable, EmbeddableProperties properties) {
        String nonceAttribute = properties.getNonceAttribute();
        EmbeddableWebFilter filter = new EmbeddableWebFilter(embeddable, properties.toInjectionRules(),
                nonceAttribute == null || nonceAttribute.isBlank() ? List.of() : List.of(nonceAttribute.trim()));
        filter.setOrder(EmbeddableAutoConfiguration.FILTER_ORDER);
        return filter;
    }
}

package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.graduation.GraduationTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code embeddable} actuator endpoint, when the application has the actuator. A configuration of its own, on a
 * class name, so applications without the actuator load none of its types.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
class EndpointBeans {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    EmbeddableEndpoint embeddableEndpoint(ObjectProvider<GraduationTracker> tracker) {
        // Resolved here, as the setup page does: two trackers and no primary stop the start, naming both.
        return new EmbeddableEndpoint(tracker.getIfAvailable());
    }
}

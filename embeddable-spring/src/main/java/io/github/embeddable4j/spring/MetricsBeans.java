package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters of the widget's server side, when Micrometer is on the class path: Spring Boot's metrics support
 * (the actuator) binds every {@code MeterBinder} bean to its registries. A configuration of its own, on a class name,
 * so applications without Micrometer load none of its types.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
class MetricsBeans {

    @Bean
    @ConditionalOnMissingBean(name = "embeddableMeters")
    EmbeddableMeters embeddableMeters(ObjectProvider<WidgetEventDispatcher> dispatcher,
            ObjectProvider<ThirdPartyService> service, ObjectProvider<BridgeRefusals> refusals, ListableBeanFactory beans) {
        // Asked without creating anything: the service is there or not; the dispatcher is lazy (see EventBeans).
        boolean crm = beans.getBeanNamesForType(ThirdPartyService.class, true, false).length > 0;
        return new EmbeddableMeters(dispatcher, crm ? service : null, refusals);
    }
}

package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.core.crm.ThirdPartyService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's CRM as the widget's third-party service. The starter builds one from provider beans on its own, but
 * keeps it internal (there is no bean of it to inject); this one is the phone's, and the starter, seeing a
 * {@code ThirdPartyService} bean, uses it too instead of building a second. Spring closes it with the application.
 */
@Configuration
public class CrmConfiguration {

    /** The name is the contacts' source in the widget; what is registered is exactly what the providers serve. */
    @Bean
    ThirdPartyService crm(CustomerContacts contacts, CallLog callLog) {
        return ThirdPartyService.builder("vaadin-example").displayName("Example CRM")
                .contacts(contacts).contactDirectory(contacts)
                .callLogger(callLog).callLogMatcher(callLog)
                .build();
    }
}

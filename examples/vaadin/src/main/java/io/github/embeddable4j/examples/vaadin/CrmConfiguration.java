package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.core.crm.ThirdPartyService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's CRM as the widget's third-party service, defined here to show the builder: the starter would build
 * the same from provider beans on its own. Seeing a {@code ThirdPartyService} bean, it builds none and uses this one
 * (its customizers and {@code service.*} properties then do nothing, and it says so). Spring closes it with the
 * application. This example has no sign-in; an application with one adds {@code .signedInCallersOnly(true)}, so a
 * visitor who has not signed in gets nothing from the CRM (the starter's own service does that with Spring Security).
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

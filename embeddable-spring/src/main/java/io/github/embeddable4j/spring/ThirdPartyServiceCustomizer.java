package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.crm.ThirdPartyService;

/**
 * Changes the {@code ThirdPartyService} the starter builds from the application's provider beans, before it is built:
 * for what has no property, such as a call-out's deadline, the region of numbers without a country code, or the
 * widget's labels. Beans of this type are applied in their order ({@code @Order}, {@code Ordered}), after the
 * {@code ringcentral.embeddable.service.*} properties and the providers; a problem they make stops the application,
 * listed with the service's others. An application that defines its own {@code ThirdPartyService} bean gets none.
 *
 * <pre>{@code @Bean ThirdPartyServiceCustomizer fastMatch() { return b -> b.deadline(Callout.CONTACT_MATCH, Duration.ofSeconds(2)); }}</pre>
 */
@FunctionalInterface
public interface ThirdPartyServiceCustomizer {

    /** Changes the service's builder, which already holds the properties and the provider beans. */
    void customize(ThirdPartyService.Builder builder);
}

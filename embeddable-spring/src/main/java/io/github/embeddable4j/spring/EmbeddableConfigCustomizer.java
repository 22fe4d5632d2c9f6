package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.EmbeddableConfig;

/**
 * Changes the widget configuration the starter reads from {@code ringcentral.embeddable.*} before it builds the
 * {@code Embeddable}: for a setting decided in code. Beans of this type are applied in their order
 * ({@code @Order}, {@code Ordered}); the result is validated as the properties are, and a problem stops the application.
 * An application that defines its own {@code Embeddable} bean instead gets none of the properties.
 *
 * <pre>{@code @Bean EmbeddableConfigCustomizer callWith() { return builder -> builder.defaultCallWith(CallWith.RINGOUT); }}</pre>
 */
@FunctionalInterface
public interface EmbeddableConfigCustomizer {

    /** Changes the configuration read from the properties. */
    void customize(EmbeddableConfig.Builder builder);
}

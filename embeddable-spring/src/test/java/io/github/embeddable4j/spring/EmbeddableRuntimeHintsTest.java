package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/**
 * The resources read at run time (the glue script the bridge serves, the setup page's style sheet, libphonenumber's
 * metadata for contact matching) are in the native-image hints, and the hints name files that exist.
 */
class EmbeddableRuntimeHintsTest {

    @Test
    void everyResourceReadAtRunTimeIsHintedAndExists() {
        RuntimeHints hints = new RuntimeHints();
        new EmbeddableRuntimeHints().registerHints(hints, getClass().getClassLoader());
        for (String resource : List.of("io/github/embeddable4j/core/embeddable4j.js",
                "io/github/embeddable4j/core/setup/setup-page.css",
                "com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_US",
                "com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_DE")) {
            assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
            assertThat(RuntimeHintsPredicates.resource().forResource(resource)).as(resource).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.resource().forResource("io/github/embeddable4j/core/Embeddable.class"))
                .as("only what is read").rejects(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(jakarta.servlet.http.HttpServletRequest.class))
                .as("the request SecuredPathsCheck makes up").accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(org.springframework.web.server.ServerWebExchange.class))
                .as("the exchange ReactiveSecuredPathsCheck makes up").accepts(hints);
    }
}

package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Several tenants through one bridge: a page's warning about a frame origin it refused is judged by that page's widget
 * (the selector's pick, on the request), listing its allowed origins, not the bridge's own widget's (a review found
 * the warning listing the default's origins and naming the starter's setting for a tenant's page).
 */
class BridgeEndpointsTenantWidgetTest {

    private static final Embeddable DEFAULTS = Embeddable.of(EmbeddableConfig.builder().clientId("defaults").build());
    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("acme")
            .frameOrigins("https://phone.acme.example").build());

    private static BridgeEndpoints.Request postFrom(Embeddable pageWidget) {
        return new BridgeEndpoints.Request("POST", "application/json", 10, null, "same-origin", "acme.crm.example",
                "https://acme.crm.example:443", "s", null, "a", pageWidget);
    }

    @Test
    void theWarningForARefusedFrameOriginListsThePagesWidgetsOrigins() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(DEFAULTS, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        assertThat(ACME.widgetOrigins().all()).contains("https://phone.acme.example");
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(BridgeEndpoints.class)) {
            byte[] batch = "{\"events\":[],\"rejectedOrigins\":[\"https://evil.example\"]}".getBytes(StandardCharsets.UTF_8);
            endpoints.events(batch, batch.length, postFrom(ACME));
            assertThat(log.messages()).singleElement().asString()
                    .as("acme's page refused it: the allowed origins are acme's")
                    .contains("https://evil.example")
                    .contains("https://phone.acme.example");
        }
    }
}

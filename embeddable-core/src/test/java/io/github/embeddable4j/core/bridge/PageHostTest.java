package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The host an event carries, from the request as an adapter describes it: the same name the Vaadin component gives. */
class PageHostTest {

    private static BridgeEndpoints.Request request(String host, String serverOrigin) {
        return new BridgeEndpoints.Request("POST", "application/json", 10, serverOrigin, "same-origin", host, serverOrigin,
                null, null, "10.0.0.1");
    }

    /**
     * A review: a name with an underscore (a Docker Compose service, crm_app), which getServerName() gives the Vaadin
     * component as it is, had no host for java.net.URI, and the bridge's events carried none.
     */
    @Test
    void aNameWithAnUnderscoreIsTheSameAsTheVaadinComponents() {
        assertThat(request("crm_app:8080", "http://crm_app:8080").pageHost()).isEqualTo("crm_app");
    }

    @Test
    void theServerOriginsNameComesFirstThenTheHostHeaders() {
        assertThat(request("app-7.internal:8080", "https://ACME.crm.example:443").pageHost()).isEqualTo("acme.crm.example");
        assertThat(request("[::1]:8080", "http://[::1]:8080").pageHost()).isEqualTo("[::1]");
        assertThat(request("acme.crm.example:8443", null).pageHost()).isEqualTo("acme.crm.example");
        assertThat(request("acme.crm.example", "not an origin").pageHost()).isEqualTo("acme.crm.example");
    }
}

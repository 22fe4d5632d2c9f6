package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.app.TestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * docs/tenants.md: "Declare the selector as a bean; the filter, the redirect page and the Thymeleaf dialect's
 * <rc:embeddable/> then use it." An application that places the widget only with the tag turns the filter off
 * (inject.enabled=false): the dialect then renders the starter's widget on every tenant's host.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=acmeClientId123",
    "ringcentral.embeddable.inject.enabled=false",
    "ringcentral.embeddable.inject.anonymous=true"})
@Import(TestTenants.class)
class EmbeddableSelectorWithoutFilterTest {

    @LocalServerPort
    int port;

    private String get(String host, String tenant) throws Exception {
        return TestTenants.get(host, port, "/tag", tenant).body();
    }

    @Test
    void theTagRendersTheTenantsWidget() throws Exception {
        assertThat(get("127.0.0.1", null)).contains("clientId=globexClientId456").doesNotContain("acmeClientId123");
    }

    @Test
    void theTagRendersNothingForATenantWithoutRingCentral() throws Exception {
        assertThat(get("localhost", "initech")).doesNotContain("adapter.js");
    }
}

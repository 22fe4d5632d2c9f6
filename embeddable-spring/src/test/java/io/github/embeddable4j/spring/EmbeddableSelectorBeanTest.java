package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.spring.app.TestApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A multi-tenant application declares an {@link EmbeddableSelector} bean, and every page (the filter's and the
 * dialect's) and the redirect page get the tenant's widget: the starter's own (from properties) on localhost, another
 * tenant's on 127.0.0.1, none for a tenant without RingCentral (a multi-tenant trial got the one configuration on
 * every host).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=acmeClientId123",
    "ringcentral.embeddable.redirect-page.path=/ringcentral/redirect",
    "ringcentral.embeddable.redirect-uri=https://acme.example.com/ringcentral/redirect",
    "ringcentral.embeddable.inject.anonymous=true"})
@Import(TestTenants.class)
class EmbeddableSelectorBeanTest {

    @LocalServerPort
    int port;

    @Autowired
    Embeddable acme;

    private HttpResponse<String> get(String host, String path, String tenant) throws Exception {
        return TestTenants.get(host, port, path, tenant);
    }

    @Test
    void filteredPagesGetTheTenantsWidget() throws Exception {
        assertThat(get("localhost", "/thymeleaf", null).body()).contains("clientId=acmeClientId123").doesNotContain("globex");
        assertThat(get("127.0.0.1", "/thymeleaf", null).body()).contains("clientId=globexClientId456")
                .contains("appServer=").doesNotContain("acmeClientId123");
        String none = get("localhost", "/thymeleaf", "initech").body();
        assertThat(none).contains("<li>Ada</li>").doesNotContain("adapter.js");
    }

    @Test
    void theDialectsTagRendersTheTenantsWidgetOrNothing() throws Exception {
        assertThat(get("127.0.0.1", "/tag", null).body()).contains("clientId=globexClientId456").doesNotContain("acme");
        assertThat(get("localhost", "/tag", null).body()).contains("clientId=acmeClientId123");
        String none = get("localhost", "/tag", "initech").body();
        assertThat(none).contains("The template places the loader itself").doesNotContain("adapter.js")
                .doesNotContain("rc:embeddable");
    }

    @Test
    void theRedirectPageIsTheTenants() throws Exception {
        assertThat(get("localhost", "/ringcentral/redirect", null).body()).isEqualTo(RedirectPage.of(acme).html());
        assertThat(get("127.0.0.1", "/ringcentral/redirect", null).body()).isEqualTo(RedirectPage.of(TestTenants.GLOBEX).html());
        assertThat(get("localhost", "/ringcentral/redirect", "initech").statusCode()).isEqualTo(404);
    }
}

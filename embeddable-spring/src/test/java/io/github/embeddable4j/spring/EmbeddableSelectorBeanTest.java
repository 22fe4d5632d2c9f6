package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.servlet.testing.BridgePosts;
import io.github.embeddable4j.spring.app.TestApplication;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

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
@Import({TestTenants.class, EmbeddableSelectorBeanTest.Calls.class})
class EmbeddableSelectorBeanTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Calls {
        final List<WidgetApplicationEvent<WidgetEvent.CallEvent>> received = new CopyOnWriteArrayList<>();

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            received.add(event);
        }
    }

    @Autowired
    Calls calls;

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

    /** The starter's bridge asks the selector too: each event carries its tenant's widget, and a host without one gets 404. */
    @Test
    void eachEventCarriesItsTenantsWidget() throws Exception {
        assertThat(postRing("localhost", null).statusCode()).isEqualTo(202);
        assertThat(postRing("127.0.0.1", null).statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.received.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(calls.received).extracting(WidgetApplicationEvent::getWidget, WidgetApplicationEvent::getHost)
                .containsExactlyInAnyOrder(tuple(acme, "localhost"), tuple(TestTenants.GLOBEX, "127.0.0.1"));
        HttpResponse<String> initech = postRing("localhost", "initech");
        assertThat(initech.statusCode()).isEqualTo(404);
        assertThat(initech.body()).contains("No widget here.");
    }

    private HttpResponse<String> postRing(String host, String tenant) throws Exception {
        String origin = "http://" + host + ":" + port;
        return tenant == null ? BridgePosts.ring(HttpClient.newHttpClient(), origin)
                : BridgePosts.ring(HttpClient.newHttpClient(), origin, "X-Tenant", tenant);
    }

    @Test
    void theRedirectPageIsTheTenants() throws Exception {
        assertThat(get("localhost", "/ringcentral/redirect", null).body()).isEqualTo(RedirectPage.of(acme).html());
        assertThat(get("127.0.0.1", "/ringcentral/redirect", null).body()).isEqualTo(RedirectPage.of(TestTenants.GLOBEX).html());
        assertThat(get("localhost", "/ringcentral/redirect", "initech").statusCode()).isEqualTo(404);
    }
}

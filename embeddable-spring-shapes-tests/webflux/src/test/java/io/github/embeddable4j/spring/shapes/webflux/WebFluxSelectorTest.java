package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several tenants in one WebFlux application: a {@link ReactiveEmbeddableSelector} bean gives each exchange its
 * tenant's widget (the starter's own on localhost, globex's on 127.0.0.1, none for a tenant without RingCentral), for
 * pages, the redirect page at sign in once's redirect URI, and sign in once itself, which serves the starter's widget
 * only (its connect is not offered to another tenant's host).
 */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(WebFluxSelectorTest.Tenants.class)
class WebFluxSelectorTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("acme", CALLBACK);
    static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).prefix("gx").hosting("https://widgets.globex.example/embeddable/")
            .redirectUri("https://widgets.globex.example/embeddable/redirect.html").build());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "acmeClientId123");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.inject.anonymous", () -> "true");
        registry.add("ringcentral.embeddable.graduation.enabled", () -> "false");
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> Base64.getEncoder().encodeToString(
                "webflux-selector-key-of-32-bytes-or-more".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        ReactiveEmbeddableSelector tenantSelector(Embeddable acme) {
            return exchange -> "initech".equals(exchange.getRequest().getHeaders().getFirst("X-Tenant")) ? null
                    : "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? GLOBEX : acme;
        }
    }

    @Autowired
    Embeddable acme;

    private static HttpResponse<String> get(String host, String path, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + PORT + path));
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachTenantsPagesGetItsOwnWidget() throws Exception {
        assertThat(get("localhost", "/inbox", null).body()).contains("clientId=acmeClientId123").doesNotContain("globex");
        String globex = get("127.0.0.1", "/inbox", null).body();
        assertThat(globex).contains("https://widgets.globex.example/embeddable/adapter.js?clientId=globexClientId456")
                .doesNotContain("acmeClientId123");
        String none = get("localhost", "/inbox", "initech").body();
        assertThat(none).contains("</html>").doesNotContain("adapter.js");
    }

    @Test
    void theRedirectPageIsTheTenantsAndNoneWithoutATenant() throws Exception {
        assertThat(get("localhost", "/ringcentral/redirect?code=c&state=s", null).body()).isEqualTo(RedirectPage.of(acme).html());
        assertThat(get("127.0.0.1", "/ringcentral/redirect?code=c&state=s", null).body()).isEqualTo(RedirectPage.of(GLOBEX).html());
        assertThat(get("localhost", "/ringcentral/redirect", "initech").statusCode()).isEqualTo(404);
    }

    @Test
    void signInOnceIsNotOfferedToAnotherTenantsHost() throws Exception {
        HttpResponse<String> globex = get("127.0.0.1", "/ringcentral/connect?return=/inbox", null);
        assertThat(globex.statusCode()).isEqualTo(404);
        assertThat(globex.body()).contains("not-found");
        assertThat(get("localhost", "/ringcentral/connect?return=/inbox", null).statusCode())
                .as("the starter's own tenant: asked to sign in to the application first").isNotEqualTo(404);
    }
}

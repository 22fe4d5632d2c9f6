package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/tenants.md: sign in once serves every tenant whose widget has its own app and a redirect URI at the starter's
 * path (beta here), each with its own app; a tenant without (globex, on its hosting's redirect page) gets its widget
 * without sign in once, and a host without a tenant gets no widget. The dialect's rc:connect link follows the same.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(EmbeddableSelectorSignInOnceTest.Tenants.class)
class EmbeddableSelectorSignInOnceTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final String KEY = "c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=";
    static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).prefix("gx").build());
    /** A tenant whose widget is self-hosted: its redirect page must post to its own widget origin. */
    /** A tenant with its own app, registered with a redirect URI at the same path (here on the same host). */
    static final Embeddable BETA = Embeddable.of(EmbeddableConfig.builder().clientId("betaClientId321")
            .redirectUri(CALLBACK).prefix("bt").build());
    static final Embeddable HOOLI = Embeddable.of(EmbeddableConfig.builder().clientId("hooliClientId789")
            .hosting("https://widget.hooli.example/embeddable/").prefix("hl").build());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("test.permit", () -> "/public,/static.html,/connect-links,/ringcentral/redirect,/ringcentral/connect");
        registry.add("ringcentral.embeddable.client-id", () -> "acmeClientId123");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> KEY);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        EmbeddableSelector tenantSelector(Embeddable acme) {
            return request -> "initech".equals(request.getHeader("X-Tenant")) ? null
                    : "beta".equals(request.getHeader("X-Tenant")) ? BETA
                    : "hooli".equals(request.getHeader("X-Tenant")) ? HOOLI
                    : request.getServerName().equals("127.0.0.1") ? GLOBEX : acme;
        }
    }

    private String connectLinks(String host, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + PORT + "/connect-links"));
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theDefaultTenantsPageHasTheConnectLink() throws Exception {
        assertThat(connectLinks("localhost", null)).contains("href=\"/ringcentral/connect?return=");
    }

    @Test
    void anotherTenantsPageHasNoConnectLinkToTheDefaultsSignInOnce() throws Exception {
        assertThat(connectLinks("127.0.0.1", null)).doesNotContain("/ringcentral/connect").doesNotContain("Connect RingCentral");
    }

    @Test
    void aTenantWithItsOwnAppHasTheConnectLinkAndItsConnectAsksForItsApp() throws Exception {
        assertThat(connectLinks("localhost", "beta")).contains("href=\"/ringcentral/connect?return=");
        HttpResponse<String> connect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + PORT + "/ringcentral/connect?return=/public")).header("X-Tenant", "beta").build(),
                HttpResponse.BodyHandlers.ofString());
        // the connect needs a signed-in user: the application's security sends the visitor to sign in first
        assertThat(connect.statusCode()).isIn(302, 403);
    }

    @Test
    void aHostWithoutATenantHasNoConnectLink() throws Exception {
        assertThat(connectLinks("localhost", "initech")).doesNotContain("/ringcentral/connect").doesNotContain("Connect RingCentral");
    }

    private HttpResponse<String> redirectPage(String tenant) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/ringcentral/redirect"))
                .header("X-Tenant", tenant).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** docs/tenants.md: "The redirect page ... is the tenant's"; with sign in once on, LoginHandoffServlet serves the default's. */
    @Test
    void theRedirectPageIsTheTenants() throws Exception {
        HttpResponse<String> hooli = redirectPage("hooli");
        assertThat(hooli.body()).as("status " + hooli.statusCode()).contains("https://widget.hooli.example");
    }

    /** docs/tenants.md: "a host without a tenant gets a 404". */
    @Test
    void aHostWithoutATenantGetsNoRedirectPage() throws Exception {
        assertThat(redirectPage("initech").statusCode()).isEqualTo(404);
    }

    /** The connect signs in to the default widget's RingCentral app: another tenant's host is not offered it. */
    @Test
    void theConnectIsNotOfferedToAnotherTenantsHost() throws Exception {
        HttpResponse<String> globex = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + PORT + "/ringcentral/connect?return=/public")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(globex.statusCode()).isEqualTo(404);
        assertThat(globex.body()).contains("not-found");
        HttpResponse<String> acme = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + PORT + "/ringcentral/connect?return=/public")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(acme.statusCode()).isNotEqualTo(404);
    }
}

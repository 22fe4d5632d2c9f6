package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign in once per tenant with the starter (Spring MVC, Spring Security's form login): the default tenant is the
 * starter's widget (localhost), beta another tenant with its own RingCentral app and a redirect URI at the same path
 * on its own host (127.0.0.1). Signed in on beta's host, a user connects to beta's app, and the next page carries a
 * code beta's widget exchanges (the mock checks client ID, redirect URI and PKCE as RingCentral does).
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(SignInOncePerTenantTest.Tenants.class)
class SignInOncePerTenantTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final String BETA_CALLBACK = "http://127.0.0.1:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("acme-app", CALLBACK);
    static final Embeddable BETA = Embeddable.of(EmbeddableConfig.builder().clientId("beta-app").prefix("bt")
            .redirectUri(BETA_CALLBACK).build());
    static final String KEY = "c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=";

    static {
        RINGCENTRAL.registerApp("beta-app", BETA_CALLBACK);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "acme-app");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> KEY);
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        EmbeddableSelector tenantSelector(Embeddable acme) {
            return request -> request.getServerName().equals("127.0.0.1") ? BETA : acme;
        }
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @Test
    void aUserOnAnotherTenantsHostSignsInOnceWithThatTenantsApp() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor("127.0.0.1", PORT, "");
        visitor.signIn();
        HttpResponse<String> connect = visitor.get("/ringcentral/connect?return=/public");
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        String authorize = connect.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).contains("client_id=beta-app", "redirect_uri=" + MockRingCentral.enc(BETA_CALLBACK));
        String callback = visitor.client().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(BETA_CALLBACK + "?code=");
        HttpResponse<String> back = visitor.client().send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);

        String page = visitor.get("/public").body();
        assertThat(MockRingCentral.loaderParameter(page, "clientId")).isEqualTo("beta-app");
        HttpResponse<String> token = RINGCENTRAL.exchangeAsTheWidgetOf(page);
        assertThat(token.statusCode()).as("beta's widget exchanges the code: " + token.body()).isEqualTo(200);
        assertThat(visitor.get("/public").body()).as("once").doesNotContain("authorizationCode");
    }

    @Test
    void theDefaultTenantsUsersStillSignInWithTheStartersApp() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        String authorize = visitor.get("/ringcentral/connect?return=/public").headers().firstValue("Location").orElseThrow();
        assertThat(authorize).contains("client_id=acme-app", "redirect_uri=" + MockRingCentral.enc(CALLBACK));
    }
}

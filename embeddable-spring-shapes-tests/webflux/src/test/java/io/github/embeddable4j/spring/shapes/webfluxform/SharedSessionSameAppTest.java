package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.http.HttpResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign in once per tenant, WebFlux: two tenants of ONE RingCentral app (same client ID, a redirect URI per tenant host),
 * one WebSession for both hosts (a parent-domain session cookie, simulated by sending localhost's SESSION cookie to
 * 127.0.0.1). Ada connects on acme (localhost); a page of globex (127.0.0.1) loads before acme's next page. Globex's
 * page must not take acme's code, which its widget cannot exchange.
 */
@SpringBootTest(classes = FormLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(SharedSessionSameAppTest.Tenants.class)
class SharedSessionSameAppTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final String GLOBEX_CALLBACK = "http://127.0.0.1:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("crmAppClientId1", CALLBACK);
    static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("crmAppClientId1")
            .appServer(AppServer.SANDBOX).prefix("gx").redirectUri(GLOBEX_CALLBACK).build());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SignInOnceSettings.add(registry, PORT, "crmAppClientId1", CALLBACK, RINGCENTRAL);
        registry.add("ringcentral.embeddable.app-server", () -> "sandbox");
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        ReactiveEmbeddableSelector tenantSelector(Embeddable acme) {
            return exchange -> "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? GLOBEX : acme;
        }
    }

    @Test
    void aGlobexPageOfTheSharedSessionDoesNotTakeAcmesCode() throws Exception {
        FormLoginBrowser ada = new FormLoginBrowser(PORT);
        assertThat(ada.signIn("ada").statusCode()).isEqualTo(302);
        HttpResponse<String> connect = ada.get("/ringcentral/connect?return=/inbox");
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        HttpResponse<String> authorize = ada.get(connect.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        HttpResponse<String> back = ada.get(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);

        HttpResponse<String> globexPage = FormLoginBrowser.navigate("http://127.0.0.1:" + PORT + "/inbox", ada.sessionCookie());
        HttpResponse<String> acmePage = ada.navigate("/inbox");

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(globexPage.statusCode()).as("globex's page: " + globexPage.body()).isEqualTo(200);
        soft.assertThat(globexPage.body()).as("globex's page has its widget").contains("crmAppClientId1");
        soft.assertThat(globexPage.body()).as("globex's page carries no code").doesNotContain("authorizationCode=");
        soft.assertThat(acmePage.body()).as("acme's next page carries acme's code").contains("authorizationCode=");
        soft.assertAll();
    }
}

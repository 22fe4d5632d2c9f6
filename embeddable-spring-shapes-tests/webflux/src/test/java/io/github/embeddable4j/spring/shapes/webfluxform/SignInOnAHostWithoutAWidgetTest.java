package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
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
 * Connect-on-login with a selector, WebFlux: a sign-in on a host whose selector picks no widget (a portal, 127.0.0.1
 * here) in a session another host shares (a parent-domain cookie, simulated by sending its SESSION cookie to
 * localhost) connects at the next page whose widget signs in once, as the starter's MVC sign-in does: both ask core's
 * {@code LoginEndpoints.connectsAtSignIn}. Before, WebFlux decided otherwise, and the user's first page on acme came
 * without a RingCentral login.
 */
@SpringBootTest(classes = FormLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(SignInOnAHostWithoutAWidgetTest.Tenants.class)
class SignInOnAHostWithoutAWidgetTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("portalAppClientId", CALLBACK);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SignInOnceSettings.add(registry, PORT, "portalAppClientId", CALLBACK, RINGCENTRAL);
        registry.add("ringcentral.embeddable.app-server", () -> "sandbox");
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        ReactiveEmbeddableSelector tenantSelector(Embeddable acme) {
            return exchange -> "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? null : acme;
        }
    }

    @Test
    void aSignInOnThePortalConnectsAtTheFirstPageOfAWidgetThatSignsInOnce() throws Exception {
        FormLoginBrowser portal = new FormLoginBrowser("127.0.0.1", PORT);
        assertThat(portal.signIn("ada").statusCode()).isEqualTo(302);
        HttpResponse<String> portalPage = portal.navigate("/inbox");
        assertThat(portalPage.statusCode()).as("the portal's page, without a widget, is not sent to the connect").isEqualTo(200);
        assertThat(portalPage.body()).doesNotContain("portalAppClientId");

        HttpResponse<String> acmePage = FormLoginBrowser.navigate("http://localhost:" + PORT + "/inbox", portal.sessionCookie());
        assertThat(acmePage.statusCode()).as("acme's first page: " + acmePage.body()).isEqualTo(302);
        assertThat(acmePage.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/ringcentral/connect?return=%2Finbox"));
    }
}

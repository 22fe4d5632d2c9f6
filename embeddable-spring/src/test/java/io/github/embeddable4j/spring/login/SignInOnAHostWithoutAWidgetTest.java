package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.EmbeddableSelector;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
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
 * Connect-on-login with a selector, Spring MVC: a sign-in on a host whose selector picks no widget (a portal,
 * 127.0.0.1 here) in a session another host shares (its session cookie sent to localhost, as a parent-domain cookie
 * would be) connects at the next page whose widget signs in once; the portal's own pages are not sent to the connect.
 * The WebFlux sign-in follows the same rule, core's {@code LoginEndpoints.connectsAtSignIn}.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(SignInOnAHostWithoutAWidgetTest.Tenants.class)
class SignInOnAHostWithoutAWidgetTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("acme-app", CALLBACK);
    static final String[] NAVIGATION = {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Sec-Fetch-Mode", "navigate"};

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "acme-app");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=");
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        EmbeddableSelector tenantSelector(Embeddable acme) {
            return request -> request.getServerName().equals("127.0.0.1") ? null : acme;
        }
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @Test
    void aSignInOnThePortalConnectsAtTheFirstPageOfAWidgetThatSignsInOnce() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor("127.0.0.1", PORT, "");
        visitor.signIn();
        HttpResponse<String> portalPage = send(visitor.client(), "http://127.0.0.1:" + PORT + "/public", null);
        assertThat(portalPage.statusCode()).as("the portal's page, without a widget, is not sent to the connect")
                .isEqualTo(200);
        assertThat(portalPage.body()).doesNotContain("acme-app");

        CookieManager cookies = (CookieManager) visitor.client().cookieHandler().orElseThrow();
        String session = cookies.getCookieStore().get(URI.create("http://127.0.0.1:" + PORT)).stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::toString).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + cookies.getCookieStore().getCookies()));
        HttpResponse<String> acmePage = send(HttpClient.newHttpClient(), "http://localhost:" + PORT + "/public", session);
        assertThat(acmePage.statusCode()).as("acme's first page: " + acmePage.body()).isEqualTo(302);
        assertThat(acmePage.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/ringcentral/connect?return=%2Fpublic"));
    }

    private static HttpResponse<String> send(HttpClient client, String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header(NAVIGATION[0], NAVIGATION[1])
                .header(NAVIGATION[2], NAVIGATION[3]);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "portalAppClientId");
        registry.add("ringcentral.embeddable.app-server", () -> "sandbox");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "Y29ubmVjdC1vbi1sb2dpbi13ZWJmbHV4LWtleS1vZi0zMi1ieXRlcw==");
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
            return exchange -> "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? null : acme;
        }
    }

    @Test
    void aSignInOnThePortalConnectsAtTheFirstPageOfAWidgetThatSignsInOnce() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient portal = HttpClient.newBuilder().cookieHandler(cookies).build();
        String portalUrl = "http://127.0.0.1:" + PORT;
        Matcher input = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(portal.send(HttpRequest.newBuilder(URI.create(portalUrl + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
        assertThat(input.find()).isTrue();
        String csrf = input.group(1) != null ? input.group(1) : input.group(2);
        HttpResponse<String> signIn = portal.send(HttpRequest.newBuilder(URI.create(portalUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=secret&_csrf=" + MockRingCentral.enc(csrf)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        HttpResponse<String> portalPage = portal.send(HttpRequest.newBuilder(URI.create(portalUrl + "/inbox"))
                .header(FormLoginBrowser.NAVIGATION[0], FormLoginBrowser.NAVIGATION[1])
                .header(FormLoginBrowser.NAVIGATION[2], FormLoginBrowser.NAVIGATION[3]).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(portalPage.statusCode()).as("the portal's page, without a widget, is not sent to the connect").isEqualTo(200);
        assertThat(portalPage.body()).doesNotContain("portalAppClientId");

        String session = cookies.getCookieStore().get(URI.create(portalUrl)).stream()
                .filter(c -> c.getName().equals("SESSION")).map(HttpCookie::toString).findFirst()
                .orElseThrow(() -> new AssertionError("no SESSION cookie: " + cookies.getCookieStore().getCookies()));
        HttpResponse<String> acmePage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + PORT + "/inbox")).header("Cookie", session)
                .header(FormLoginBrowser.NAVIGATION[0], FormLoginBrowser.NAVIGATION[1])
                .header(FormLoginBrowser.NAVIGATION[2], FormLoginBrowser.NAVIGATION[3]).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acmePage.statusCode()).as("acme's first page: " + acmePage.body()).isEqualTo(302);
        assertThat(acmePage.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/ringcentral/connect?return=%2Finbox"));
    }
}

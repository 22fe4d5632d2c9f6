package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "crmAppClientId1");
        registry.add("ringcentral.embeddable.app-server", () -> "sandbox");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
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
            return exchange -> "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? GLOBEX : acme;
        }
    }

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] navigation(String... more) {
        List<String> headers = new ArrayList<>(List.of(FormLoginBrowser.NAVIGATION));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    @Test
    void aGlobexPageOfTheSharedSessionDoesNotTakeAcmesCode() throws Exception {
        String acme = "http://localhost:" + PORT;
        Matcher input = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(get(acme + "/login").body());
        assertThat(input.find()).isTrue();
        String csrf = input.group(1) != null ? input.group(1) : input.group(2);
        HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(URI.create(acme + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=secret&_csrf=" + MockRingCentral.enc(csrf)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);

        HttpResponse<String> connect = get(acme + "/ringcentral/connect?return=/inbox");
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        HttpResponse<String> authorize = get(connect.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        HttpResponse<String> back = get(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);

        String session = cookies.getCookieStore().get(URI.create(acme)).stream()
                .filter(c -> c.getName().equals("SESSION")).map(HttpCookie::toString).findFirst()
                .orElseThrow(() -> new AssertionError("no SESSION cookie: " + cookies.getCookieStore().getCookies()));
        HttpResponse<String> globexPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + PORT + "/inbox")).header("Cookie", session)
                .header(FormLoginBrowser.NAVIGATION[0], FormLoginBrowser.NAVIGATION[1])
                .header(FormLoginBrowser.NAVIGATION[2], FormLoginBrowser.NAVIGATION[3]).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> acmePage = get(acme + "/inbox", navigation());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(globexPage.statusCode()).as("globex's page: " + globexPage.body()).isEqualTo(200);
        soft.assertThat(globexPage.body()).as("globex's page has its widget").contains("crmAppClientId1");
        soft.assertThat(globexPage.body()).as("globex's page carries no code").doesNotContain("authorizationCode=");
        soft.assertThat(acmePage.body()).as("acme's next page carries acme's code").contains("authorizationCode=");
        soft.assertAll();
    }
}

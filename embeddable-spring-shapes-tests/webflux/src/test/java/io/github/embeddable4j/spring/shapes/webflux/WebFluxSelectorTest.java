package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.servlet.testing.BridgePosts;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
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
@ExtendWith(OutputCaptureExtension.class)
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
        final List<WidgetApplicationEvent<WidgetEvent.CallEvent>> calls = new CopyOnWriteArrayList<>();

        @Bean
        ReactiveEmbeddableSelector tenantSelector(Embeddable acme) {
            return exchange -> "initech".equals(exchange.getRequest().getHeaders().getFirst("X-Tenant")) ? null
                    : "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? GLOBEX : acme;
        }

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calls.add(event);
        }
    }

    @Autowired
    Tenants tenants;

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

    /**
     * The reactive dialect's {@code rc:connect} (a WebFlux trial wrote its connect links by hand from
     * {@code endpointsFor(exchange)}): on the starter's tenant, which signs in once, the link that connects and comes
     * back to this page, its query encoded as the connect path takes it, or to the path named; on a tenant whose widget
     * cannot sign in once (globex: its hosting's stock redirect page), and on one without a widget, no element.
     */
    @Test
    void theDialectsConnectLinkIsTheTenantsOrNone(CapturedOutput output) throws Exception {
        String acmePage = get("localhost", "/connect-links?x=1&y=%22&z=[a]", null).body();
        assertThat(acmePage)
                .contains("<a id=\"here\" href=\"/ringcentral/connect?return=%2Fconnect-links%3Fx%3D1%26y%3D%2522%26z%3D%255Ba%255D\">")
                .contains("<a id=\"there\" href=\"/ringcentral/connect?return=%2Fpublic%3Ftab%3Dcalls\">")
                .doesNotContain("rc:connect").doesNotContain("rc:embeddable");
        HttpResponse<String> connect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                        + "/ringcentral/connect?return=%2Fconnect-links%3Fx%3D1%26y%3D%2522%26z%3D%255Ba%255D"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ada:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connect.statusCode()).as("the connect path takes the link: %s", connect.body()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).startsWith(RINGCENTRAL.url("/restapi/oauth/authorize")));
        for (String[] elsewhere : new String[][] {{"127.0.0.1", null}, {"localhost", "initech"}}) {
            String page = get(elsewhere[0], "/connect-links", elsewhere[1]).body();
            assertThat(page).contains("<title>Connect links</title>").doesNotContain("id=\"here\"")
                    .doesNotContain("id=\"there\"").doesNotContain("/ringcentral/connect");
        }
        // the servlet dialect's tag is left out, said once
        assertThat(output.getAll()).containsOnlyOnce("<rc:embeddable/> in template connect-links is for servlet applications");
    }

    /**
     * A tenant's redirect URI is checked against the path its page is served at, when that page is first served: a
     * trial's tenant whose redirect URI had another path got its page there without a word in WebFlux, while the
     * servlet's said so. Globex's redirect URI is its own hosting's stock page, so its page here is never used.
     */
    @Test
    void theRedirectPageIsTheTenantsAndNoneWithoutATenant(CapturedOutput output) throws Exception {
        assertThat(get("localhost", "/ringcentral/redirect?code=c&state=s", null).body()).isEqualTo(RedirectPage.of(acme).html());
        assertThat(output.getAll()).doesNotContain("EmbeddableLoginWebFilter:");
        assertThat(get("127.0.0.1", "/ringcentral/redirect?code=c&state=s", null).body()).isEqualTo(RedirectPage.of(GLOBEX).html());
        assertThat(output.getAll()).containsOnlyOnce("EmbeddableLoginWebFilter: no redirectUri is configured, so the widget"
                + " uses its hosting's stock page https://widgets.globex.example/embeddable/redirect.html and this page is never used."
                + " Set redirectUri to this page's URL (served at [/ringcentral/redirect])");
        assertThat(get("127.0.0.1", "/ringcentral/redirect?code=c&state=t", null).statusCode()).isEqualTo(200);
        assertThat(output.getAll()).as("once per widget").containsOnlyOnce("EmbeddableLoginWebFilter:");
        assertThat(get("localhost", "/ringcentral/redirect", "initech").statusCode()).isEqualTo(404);
    }

    /**
     * The one bridge serves every tenant, and each event carries the widget the selector picked for its exchange, so a
     * listener can tell the tenant (a WebFlux trial kept a map of its own from users to tenants); where the selector
     * picks none, the bridge answers 404 (that trial's post on a tenant without RingCentral reached its listener).
     */
    @Test
    void eachEventCarriesItsTenantsWidgetAndATenantWithoutHasNoBridge() throws Exception {
        assertThat(postRing("localhost", null).statusCode()).isEqualTo(202);
        assertThat(postRing("127.0.0.1", null).statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tenants.calls.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tenants.calls).extracting(WidgetApplicationEvent::getWidget, WidgetApplicationEvent::getHost)
                .containsExactlyInAnyOrder(tuple(acme, "localhost"), tuple(GLOBEX, "127.0.0.1"));

        HttpResponse<String> initech = postRing("localhost", "initech");
        assertThat(initech.statusCode()).isEqualTo(404);
        assertThat(initech.body()).isEqualTo("{\"error\":\"not-found\",\"message\":\"No widget here.\"}");
        assertThat(get("localhost", "/embeddable4j/embeddable4j.js", "initech").statusCode()).isEqualTo(404);
        assertThat(get("localhost", "/embeddable4j/nothing-here", "initech").body()).as("as the servlet bridge words it")
                .isEqualTo("{\"error\":\"not-found\",\"message\":\"No such bridge endpoint.\"}");
        assertThat(get("localhost", "/embeddable4j/embeddable4j.js", null).statusCode()).isEqualTo(200);
    }

    /** A ring posted as a page's bridge script posts it: with the CSRF token that host's page carries. */
    private static HttpResponse<String> postRing(String host, String tenant) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String origin = "http://" + host + ":" + PORT;
        String page = browser.send(HttpRequest.newBuilder(URI.create(origin + "/inbox")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher tag = Pattern.compile("data-csrf-header=\"([^\"]+)\" data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(tag.find()).as(page).isTrue();
        String token = tag.group(2).replace("&#x3D;", "=").replace("&#x2B;", "+").replace("&#x2F;", "/");
        return tenant == null ? BridgePosts.ring(browser, origin, tag.group(1), token)
                : BridgePosts.ring(browser, origin, tag.group(1), token, "X-Tenant", tenant);
    }

    /** Globex's redirect URI is its self-hosted widget's page, at another path: sign in once cannot catch its codes. */
    @Test
    void signInOnceIsNotOfferedToATenantWhoseRedirectUriIsElsewhere() throws Exception {
        HttpResponse<String> globex = get("127.0.0.1", "/ringcentral/connect?return=/inbox", null);
        assertThat(globex.statusCode()).isEqualTo(404);
        assertThat(globex.body()).contains("not-found");
        assertThat(get("localhost", "/ringcentral/connect?return=/inbox", null).statusCode())
                .as("the starter's own tenant: asked to sign in to the application first").isNotEqualTo(404);
        // a person sent there (a stale link, a bookmark) reads a page, not JSON (a WebFlux trial)
        HttpResponse<String> navigated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + PORT + "/ringcentral/connect?return=/inbox"))
                .header("Sec-Fetch-Mode", "navigate").header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(navigated.statusCode()).isEqualTo(404);
        assertThat(navigated.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(navigated.body()).contains("RingCentral is not connected here").contains("href=\"/\"");
    }
}

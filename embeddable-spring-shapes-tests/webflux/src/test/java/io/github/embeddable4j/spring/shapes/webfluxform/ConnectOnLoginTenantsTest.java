package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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
 * Sign in once per tenant in WebFlux (reactive Spring Security's form login, connect-on-login): globex, a tenant with
 * its own RingCentral app and a redirect URI at the starter's path on its own host, signs its users in once with its
 * own app, from the sign-in on through the next page's code, which globex's widget exchanges. Hooli, a tenant on its
 * hosting's redirect page, cannot: its users are not sent to the connect, which answers 404 there (a review once found
 * reactive Spring Security's sign-in filter sending such a user to that 404), but its widget takes the sign-out mark.
 */
@SpringBootTest(classes = FormLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(ConnectOnLoginTenantsTest.Tenants.class)
class ConnectOnLoginTenantsTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final String GLOBEX_CALLBACK = "http://127.0.0.1:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("acmeClientId123", CALLBACK);
    static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).redirectUri(GLOBEX_CALLBACK).build());
    static final Embeddable HOOLI = Embeddable.of(EmbeddableConfig.builder().clientId("hooliClientId789").prefix("hl").build());

    static {
        RINGCENTRAL.registerApp("globexClientId456", GLOBEX_CALLBACK);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SignInOnceSettings.add(registry, PORT, "acmeClientId123", CALLBACK, RINGCENTRAL);
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
            return exchange -> "hooli".equals(exchange.getRequest().getHeaders().getFirst("X-Tenant")) ? HOOLI
                    : "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? GLOBEX : acme;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String pathOrUrl, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl
                : "http://127.0.0.1:" + PORT + pathOrUrl));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String... headers) throws Exception {
        return signInAs("ada", headers);
    }

    private HttpResponse<String> signInAs(String user, String... headers) throws Exception {
        Matcher input = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(get("/login", headers).body());
        assertThat(input.find()).isTrue();
        String csrf = input.group(1) != null ? input.group(1) : input.group(2);
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=secret&_csrf=" + MockRingCentral.enc(csrf)));
        for (int i = 0; i < headers.length; i += 2) {
            post.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> signIn = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
        return signIn;
    }

    private static String[] navigation(String... more) {
        List<String> headers = new ArrayList<>(List.of(FormLoginBrowser.NAVIGATION));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    @Test
    void aSignInOnGlobexsHostConnectsToGlobexsAppAndItsNextPageCarriesTheCode() throws Exception {
        HttpResponse<String> signIn = signIn();
        assertThat(signIn.headers().allValues("Set-Cookie")).as("a first sign-in with connect marks an older login")
                .anyMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "=1"));

        HttpResponse<String> visit = get("/inbox", navigation());
        assertThat(visit.statusCode()).as("sent to the connect first").isEqualTo(302);
        HttpResponse<String> connect = get(visit.headers().firstValue("Location").orElseThrow());
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        String authorize = connect.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).contains("client_id=globexClientId456", "redirect_uri=" + MockRingCentral.enc(GLOBEX_CALLBACK));
        String callback = get(authorize).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> back = get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);

        String page = get(back.headers().firstValue("Location").orElseThrow(), navigation()).body();
        assertThat(MockRingCentral.loaderParameter(page, "clientId")).isEqualTo("globexClientId456");
        HttpResponse<String> token = RINGCENTRAL.exchangeAsTheWidgetOf(page);
        assertThat(token.statusCode()).as("globex's widget exchanges the code: " + token.body()).isEqualTo(200);
    }

    /**
     * Hooli's widget cannot sign in once, but may keep a login made in its own popup. A first sign-in there neither
     * connects nor marks it (no connection would bring a login, and the mark would log out the popup's login at every
     * new session); another user signing in over the session marks it, and hooli's next page logs the older login out
     * (a Vaadin trial's next user kept it when such pages left the mark alone).
     */
    @Test
    void aSignInOnHoolisHostIsNotSentToTheConnectButItsWidgetTakesTheMark() throws Exception {
        HttpResponse<String> signIn = signIn("X-Tenant", "hooli");
        assertThat(signIn.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "="));
        HttpResponse<String> first = get("/inbox", navigation("X-Tenant", "hooli"));
        assertThat(first.statusCode()).as(first.headers().firstValue("Location").orElse("")).isEqualTo(200);
        assertThat(first.body()).contains("hooliClientId789").doesNotContain("data-logout");
        HttpResponse<String> grace = signInAs("grace", "X-Tenant", "hooli");
        assertThat(grace.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "=1"));
        HttpResponse<String> page = get("/inbox", navigation("X-Tenant", "hooli"));
        assertThat(page.statusCode()).as(page.headers().firstValue("Location").orElse("")).isEqualTo(200);
        assertThat(page.body()).contains("hooliClientId789").contains("data-logout=\"1\"");
        HttpResponse<String> connect = get("/ringcentral/connect", "X-Tenant", "hooli");
        assertThat(connect.statusCode()).isEqualTo(404);
    }
}

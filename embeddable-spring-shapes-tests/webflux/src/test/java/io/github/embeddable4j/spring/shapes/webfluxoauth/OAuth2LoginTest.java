package io.github.embeddable4j.spring.shapes.webfluxoauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code login.connect-on-login} and {@code login.logout-widget} with reactive Spring Security's {@code oauth2Login},
 * on Netty, against a fake identity provider on loopback (authorize, token and user-info endpoints, as an OAuth 2
 * provider answers them): the sign-in that ends at Spring Security's own callback sends the browser's next page visit
 * to the connect path once, and the sign-out sets the widget-logout mark.
 */
@SpringBootTest(classes = OAuth2LoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=oauth2-login", "ringcentral.embeddable.redirect-uri=http://localhost/ringcentral/redirect",
    "ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.connect-on-login=true",
    "ringcentral.embeddable.login.server-key=b2F1dGgyLWxvZ2luLXdlYmZsdXgta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
    "spring.security.oauth2.client.registration.idp.client-id=app", "spring.security.oauth2.client.registration.idp.client-secret=s",
    "spring.security.oauth2.client.registration.idp.authorization-grant-type=authorization_code",
    "spring.security.oauth2.client.registration.idp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
    "spring.security.oauth2.client.registration.idp.scope=profile",
    "spring.security.oauth2.client.provider.idp.user-name-attribute=sub"})
class OAuth2LoginTest {

    static final HttpServer PROVIDER = provider();

    @Value("${local.server.port}")
    int port;

    /** Authorizes anyone as "ada" at once (the code and state sent back), issues a token, and tells who "ada" is. */
    static HttpServer provider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/authorize", exchange -> {
                Map<String, String> query = MockRingCentral.parse(exchange.getRequestURI().getRawQuery());
                exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=idp-code&state="
                        + MockRingCentral.enc(query.get("state")));
                answer(exchange, 302, "");
            });
            server.createContext("/token", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                answer(exchange, 200, "{\"access_token\":\"idp-token\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"profile\"}");
            });
            server.createContext("/userinfo", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                answer(exchange, 200, "{\"sub\":\"ada\",\"name\":\"Ada\"}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @DynamicPropertySource
    static void providerUrls(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + PROVIDER.getAddress().getPort();
        registry.add("spring.security.oauth2.client.provider.idp.authorization-uri", () -> base + "/authorize");
        registry.add("spring.security.oauth2.client.provider.idp.token-uri", () -> base + "/token");
        registry.add("spring.security.oauth2.client.provider.idp.user-info-uri", () -> base + "/userinfo");
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop(0);
    }

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : "http://localhost:" + port + url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> navigate(String path) throws Exception {
        return get(path, "Accept", "text/html", "Sec-Fetch-Mode", "navigate");
    }

    @Test
    void signingInWithTheProviderConnectsTheWidgetAndSigningOutLogsItOut() throws Exception {
        HttpResponse<String> start = get("/oauth2/authorization/idp");
        assertThat(start.statusCode()).isEqualTo(302);
        HttpResponse<String> provider = get(start.headers().firstValue("Location").orElseThrow());
        assertThat(provider.statusCode()).isEqualTo(302);
        String callback = provider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).contains("/login/oauth2/code/idp?code=idp-code");
        HttpResponse<String> signedIn = get(callback);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).as("Spring Security's success: signed in").hasValue("/");

        HttpResponse<String> first = navigate("/inbox");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/ringcentral/connect?return=%2Finbox");
        HttpResponse<String> page = navigate("/inbox");
        assertThat(page.statusCode()).as("signed in, and once").isEqualTo(200);
        assertThat(page.body()).contains("clientId=oauth2-login");

        HttpResponse<String> signOut = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signOut.headers().firstValue("Location")).hasValue("/login?logout");
        assertThat(signOut.headers().allValues("Set-Cookie")).contains(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(navigate("/inbox").statusCode()).as("signed out: Spring Security asks for a sign-in").isEqualTo(302);
    }
}

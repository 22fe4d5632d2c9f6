package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.login.ExternalAuthIds;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Sign in once" in a WebFlux application on Netty with reactive Spring Security, against a mock RingCentral
 * authorization server, as in a servlet one: the signed-in user connects, the next page carries the one-time login
 * (with the externalAuthId derived from the principal) exactly once, the widget's exchange of exactly those values
 * succeeds, and the page after carries none. A page that does not get the widget leaves it for the next; signing out
 * marks the widget for logout; every way a callback goes wrong gets a short page, and the widget's own login popup
 * still gets its redirect page at the same URI.
 */
@SpringBootTest(classes = WebFluxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WebFluxSignInOnceTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("sign-in-once", CALLBACK);
    static final byte[] KEY = "webflux-sign-in-once-key-of-32-bytes-or-more".getBytes(StandardCharsets.US_ASCII);
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "sign-in-once");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> Base64.getEncoder().encodeToString(KEY));
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    /** A browser: its own cookies (the WebSession's), signed in with HTTP Basic or not. */
    static final class Visitor {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        boolean signedIn;

        HttpResponse<String> get(String pathOrUrl, String... headers) throws Exception {
            URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + PORT + pathOrUrl);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri);
            if (signedIn && uri.getPort() == PORT) {
                b.header("Authorization", BASIC);
            }
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Connects: the app's redirect to RingCentral, RingCentral's back to the callback, the callback's answer. */
        HttpResponse<String> connect(String returnPath) throws Exception {
            HttpResponse<String> start = get("/ringcentral/connect?return=" + returnPath);
            assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
            assertThat(start.headers().firstValue("Cache-Control")).hasValue("no-store");
            HttpResponse<String> ringcentral = get(start.headers().firstValue("Location").orElseThrow());
            assertThat(ringcentral.statusCode()).as(ringcentral.body()).isEqualTo(302);
            return get(ringcentral.headers().firstValue("Location").orElseThrow());
        }
    }

    static Map<String, String> handoffIn(String page) {
        Matcher src = Pattern.compile("<script src=\"([^\"]*authorizationCode=[^\"]*)\"").matcher(page);
        assertThat(src.find()).as(page).isTrue();
        String url = src.group(1).replace("&amp;", "&");
        return MockRingCentral.parse(URI.create(url).getRawQuery());
    }

    @Test
    void theSignedInUserConnectsOnceAndTheNextPageCarriesTheLoginOnce() throws Exception {
        Visitor visitor = new Visitor();
        HttpResponse<String> anonymous = visitor.get("/ringcentral/connect?return=/inbox");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("Sign in first");
        assertThat(RINGCENTRAL.authorizeRequests.get()).isZero();

        visitor.signedIn = true;
        HttpResponse<String> back = visitor.connect("/inbox");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/inbox");
        assertThat(back.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> page = visitor.get("/inbox", "Accept", "text/html");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("CDN-Cache-Control")).as("a CDN keeps no one-time code").hasValue("no-store");
        Map<String, String> handoff = handoffIn(page.body());
        assertThat(handoff.get("externalAuthId")).as("ada's id, tagged with this sign-in")
                .matches(java.util.regex.Pattern.quote(ExternalAuthIds.withKey(KEY).forAppUser("ada")) + "\\.[\\w-]{11}");
        assertThat(handoff.get("redirectUri")).isEqualTo(CALLBACK);
        assertThat(page.body()).contains("nonce=\"inbox123\""); // the page's own policy nonce, as without a login

        // The widget exchanges exactly what the page carried: RingCentral accepts it (once).
        HttpResponse<String> token = RINGCENTRAL.exchangeCode("sign-in-once", handoff.get("authorizationCode"),
                handoff.get("redirectUri"), handoff.get("authorizationCodeVerifier"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        HttpResponse<String> next = visitor.get("/inbox", "Accept", "text/html");
        assertThat(next.body()).contains("apps.ringcentral.com").doesNotContain("authorizationCode=");
        assertThat(next.headers().firstValue("CDN-Cache-Control")).as("without a login: the application's")
                .hasValue("public, max-age=600");
    }

    /**
     * A page that places the widget as its own frame ({@code EmbeddableWebFilter.iframe}) carries the login in that
     * frame's address, once, kept by no cache, with no floating widget besides it; the next page has none.
     */
    @Test
    void aPageWithItsOwnFrameCarriesTheLoginInTheFrameOnce() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signedIn = true;
        assertThat(visitor.connect("/inline-phone").statusCode()).isEqualTo(303);
        HttpResponse<String> page = visitor.get("/inline-phone", "Accept", "text/html");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher src = Pattern.compile("<iframe src=\"([^\"]*)\" id=\"phone\"").matcher(page.body());
        assertThat(src.find()).as(page.body()).isTrue();
        Map<String, String> handoff = MockRingCentral.parse(URI.create(src.group(1).replace("&amp;", "&")).getRawQuery());
        assertThat(handoff.get("redirectUri")).isEqualTo(CALLBACK);
        assertThat(RINGCENTRAL.exchangeCode("sign-in-once", handoff.get("authorizationCode"), handoff.get("redirectUri"),
                handoff.get("authorizationCodeVerifier")).statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("adapter.js");

        HttpResponse<String> next = visitor.get("/inline-phone", "Accept", "text/html");
        assertThat(next.body()).contains("id=\"phone\"").doesNotContain("authorizationCode=");
        assertThat(visitor.get("/inbox", "Accept", "text/html").body()).doesNotContain("authorizationCode=");
    }

    /**
     * A page that put the frame in its model but answered a redirect, or failed (another model value's error), did not
     * deliver the login: the next page carries it (a review: it was spent as the model was resolved).
     */
    @Test
    void aFramesLoginNotDeliveredWaitsForTheNextPage() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signedIn = true;
        assertThat(visitor.connect("/inbox").statusCode()).isEqualTo(303);
        HttpResponse<String> redirect = visitor.get("/inline-phone-redirect", "Accept", "text/html");
        assertThat(redirect.statusCode()).isEqualTo(303);
        HttpResponse<String> failed = visitor.get("/inline-phone-fails", "Accept", "text/html");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("authorizationCode=");
        assertThat(visitor.get("/inline-phone", "Accept", "text/html").body()).contains("authorizationCode=");
        assertThat(visitor.get("/inbox", "Accept", "text/html").body()).doesNotContain("authorizationCode=");
    }

    /**
     * RingCentral's way back without the session cookie (a SameSite=Strict one is left out when RingCentral's consent
     * page sends the user back): refused like a used link, and said in the log with its likely causes, where a servlet
     * trial found only the 400 page. The session that started the sign-in still completes it.
     */
    @Test
    void aCallbackWithoutTheSessionCookieIsRefusedAndSaidInTheLog(CapturedOutput output) throws Exception {
        Visitor visitor = new Visitor();
        visitor.signedIn = true;
        HttpResponse<String> start = visitor.get("/ringcentral/connect?return=/inbox");
        String callback = visitor.get(start.headers().firstValue("Location").orElseThrow()).headers()
                .firstValue("Location").orElseThrow();

        HttpResponse<String> withoutCookie = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callback))
                .header("Authorization", BASIC).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutCookie.statusCode()).isEqualTo(400);
        assertThat(withoutCookie.headers().allValues("Set-Cookie")).as("no session made for it").isEmpty();
        assertThat(output.getOut() + output.getErr()).contains("without the session it started in", "SameSite=Lax");

        HttpResponse<String> withIt = visitor.get(callback);
        assertThat(withIt.statusCode()).as(withIt.body()).isEqualTo(303);
    }

    @Test
    void aPageThatDoesNotGetTheWidgetLeavesTheLoginForTheNext() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signedIn = true;
        assertThat(visitor.connect("/inbox").statusCode()).isEqualTo(303);
        // htmx swaps in a page's body and drops its head: it leaves the login for the next full page
        assertThat(visitor.get("/inbox", "HX-Request", "true").body()).doesNotContain("authorizationCode=");
        // so does a page a script fetched (fetch(), Turbo), whose head nothing runs
        assertThat(visitor.get("/inbox", "Sec-Fetch-Mode", "cors").body()).doesNotContain("authorizationCode=");
        // a fragment with no place for the snippet takes it, does not carry it, and gives it back
        HttpResponse<String> rows = visitor.get("/rows");
        assertThat(rows.body()).isEqualTo(WebFluxApplication.ROWS);
        // a HEAD spends none
        HttpResponse<String> head = visitor.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/inbox"))
                .header("Authorization", BASIC).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        // another visitor's session has none of it
        Visitor other = new Visitor();
        other.signedIn = true;
        assertThat(other.get("/inbox").body()).doesNotContain("authorizationCode=");

        assertThat(visitor.get("/inbox").body()).contains("authorizationCode=");
        assertThat(visitor.get("/inbox").body()).doesNotContain("authorizationCode=");
    }

    @Test
    void everyWayTheCallbackGoesWrongGetsAPageAndThePopupItsRedirectPage() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signedIn = true;
        HttpResponse<String> start = visitor.get("/ringcentral/connect?return=/inbox");
        HttpResponse<String> ringcentral = visitor.get(start.headers().firstValue("Location").orElseThrow());
        String callback = ringcentral.headers().firstValue("Location").orElseThrow();
        assertThat(visitor.get(callback).statusCode()).isEqualTo(303);
        HttpResponse<String> again = visitor.get(callback);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already used or has expired");
        assertThat(again.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'none'"));

        // another browser (no session) with a state it never started
        Visitor stranger = new Visitor();
        stranger.signedIn = true;
        assertThat(stranger.get(callback).statusCode()).isEqualTo(400);

        // declined consent
        RINGCENTRAL.denyNext();
        HttpResponse<String> declined = visitor.connect("/inbox");
        assertThat(declined.statusCode()).isEqualTo(403);
        assertThat(declined.body()).contains("You did not allow access");

        // the user changed while RingCentral was asked (here: signed out)
        HttpResponse<String> started = visitor.get("/ringcentral/connect?return=/inbox");
        String answer = visitor.get(started.headers().firstValue("Location").orElseThrow()).headers().firstValue("Location").orElseThrow();
        visitor.signedIn = false;
        HttpResponse<String> changed = visitor.get(answer);
        assertThat(changed.statusCode()).isEqualTo(403);
        assertThat(changed.body()).contains("Signed in as someone else");

        // a return path off the site
        visitor.signedIn = true;
        HttpResponse<String> offsite = visitor.get("/ringcentral/connect?return=https://evil.example/");
        assertThat(offsite.statusCode()).isEqualTo(400);
        assertThat(offsite.headers().firstValue("Location")).isEmpty();

        // the widget's own login popup lands at the same URI: its redirect page, without the widget in it
        HttpResponse<String> popup = visitor.get("/ringcentral/redirect?code=abc&state=widget-own-state");
        assertThat(popup.statusCode()).isEqualTo(200);
        assertThat(popup.body()).contains("postMessage").doesNotContain("apps.ringcentral.com/integration/ringcentral-embeddable/latest/adapter.js");
        HttpResponse<String> post = visitor.client.send(HttpRequest.newBuilder(URI.create(CALLBACK)).header("Authorization", BASIC)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(403, 405); // Spring Security's CSRF check may answer a POST first
        assertThat(visitor.get("/inbox").statusCode()).isEqualTo(200); // and the application keeps serving
    }

    @Test
    void signingOutMarksTheWidgetForLogoutOnTheNextPageOnce() throws Exception {
        Visitor visitor = new Visitor();
        visitor.signedIn = true;
        String page = visitor.get("/inbox").body();
        assertThat(page).contains("embeddable4j.js").doesNotContain("data-logout");
        Matcher csrf = Pattern.compile("data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as(page).isTrue();
        String token = csrf.group(1).replace("&#x3D;", "=").replace("&#x2B;", "+").replace("&#x2F;", "/");
        HttpResponse<String> out = visitor.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/logout"))
                .header("Authorization", BASIC).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + MockRingCentral.enc(token))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.headers().allValues("Set-Cookie")).as(out.statusCode() + " " + out.body())
                .anyMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        // htmx keeps the mark for the next full page; that page logs the widget out, and its script clears the mark
        assertThat(visitor.get("/inbox", "HX-Request", "true").body()).doesNotContain("data-logout");
        HttpResponse<String> next = visitor.get("/inbox");
        assertThat(next.body()).contains("data-logout=\"1\"");
        assertThat(next.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=;")); // not cleared
        assertThat(visitor.get("/inbox").body()).as("kept until the page's script saw the widget act on it (SignOutMarkBrowserTest)").contains("data-logout=\"1\"");
    }
}

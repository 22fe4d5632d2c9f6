package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.LoginHandoffFlow;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Sign in once" in a Spring Boot application with Spring Security, against a mock RingCentral authorization server:
 * the signed-in user connects, the next page carries the one-time login (with the externalAuthId derived from the
 * principal) exactly once, the widget's exchange of exactly those values succeeds, and the page after carries none.
 * Connecting needs a signed-in user; signing out marks the widget for logout.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SignInOnceTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("sign-in-once", CALLBACK);
    static final String KEY = "c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("server.forward-headers-strategy", () -> "native"); // as behind a TLS-terminating proxy
        registry.add("ringcentral.embeddable.client-id", () -> "sign-in-once");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> KEY);
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @Autowired
    LoginHandoffFlow flow;

    /** The Thymeleaf dialect's rc:connect: the link that connects and comes back here, or to the path it names. */
    @Test
    void theDialectsConnectLinkComesBackToThisPage() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        String page = visitor.get("/connect-links?x=1&y=%22").body();
        assertThat(page).contains("<a id=\"here\" href=\"/ringcentral/connect?return=%2Fconnect-links%3Fx%3D1%26y%3D%2522\">")
                .contains("<a id=\"there\" href=\"/ringcentral/connect?return=%2Fpublic%3Ftab%3Dcalls\">")
                .doesNotContain("rc:connect");
    }

    @Test
    void signingOutMarksTheWidgetForLogout() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        String page = visitor.get("/").body();
        assertThat(page).contains("embeddable4j.js").doesNotContain("data-logout");
        HttpResponse<String> out = signOut(visitor, page);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        visitor.signIn();
        // A page htmx fetches (hx-boost) has its head dropped: it leaves the mark for the next full page.
        HttpResponse<String> boosted = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/"))
                .header("HX-Request", "true").header("HX-Boosted", "true").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(boosted.body()).contains("embeddable4j.js").doesNotContain("data-logout");
        // so does a page a script fetched (fetch(), Turbo): nothing runs its head
        HttpResponse<String> fetched = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/"))
                .header("Accept", "text/html").header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.body()).contains("embeddable4j.js").doesNotContain("data-logout");
        HttpResponse<String> full = visitor.get("/");
        assertThat(full.body()).contains("data-logout=\"1\"");
        assertThat(full.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=;")); // not cleared
        assertThat(visitor.get("/").body()).as("kept until the page's script saw the widget act on it (SignOutMarkBrowserTest)").contains("data-logout=\"1\"");
    }

    /**
     * Another user signing in over the first one's session, without signing out, is the first one's sign-out: the
     * widget-logout mark is set (the same user signing in again sets none).
     */
    @Test
    void anotherUserSigningInOverTheSessionLogsTheWidgetOut() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        assertThat(visitor.signIn(SecuredApplication.USER).headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        assertThat(visitor.signIn(SecuredApplication.USER).headers().allValues("Set-Cookie")).as("the same user again")
                .noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        assertThat(visitor.signIn("grace").headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        assertThat(visitor.get("/").body()).contains("data-logout=\"1\"");
    }

    /**
     * The next user connects right after the previous one signed out (connect-on-login does): the page that carries
     * the new login must not also log the widget out, or the glue logs out the login that page brings (an OIDC trial
     * saw both on one page, and the frame got rc-adapter-logout after the new user's login). The mark stays until the
     * page's script sees the widget report that login (data-logout="login"): cleared when the page was written, it was
     * lost with the page left before the widget used the code, and the next page's widget restored the previous user's
     * login (a WebFlux trial). The next page, without the login, logs out whatever login its widget restores.
     */
    @Test
    void aPageThatCarriesALoginDoesNotAlsoLogTheWidgetOut() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        HttpResponse<String> out = signOut(visitor, visitor.get("/").body());
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"));
        visitor.signIn();
        String authorize = visitor.get("/ringcentral/connect?return=/public").headers().firstValue("Location").orElseThrow();
        String callback = visitor.client().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        visitor.client().send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> page = visitor.get("/public");
        assertThat(page.body()).contains("authorizationCode=").contains("data-logout=\"login\"")
                .doesNotContain("data-logout=\"1\"");
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("E4J_WIDGET_LOGOUT="));
        assertThat(visitor.get("/public").body()).as("the page left before its widget used the code")
                .doesNotContain("authorizationCode=").contains("data-logout=\"1\"");
    }

    /**
     * Over HTTPS (here a proxy's X-Forwarded-Proto, which the server reads) the mark is {@code Secure}, as the session
     * cookie is: scanners flag a cookie set over HTTPS without it (a trial behind nginx). Over HTTP it must not be,
     * or browsers would refuse it.
     */
    @Test
    void theMarkIsSecureExactlyWhenThePageIsServedOverHttps() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        HttpResponse<String> plain = signOut(visitor, visitor.get("/").body());
        assertThat(plain.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"))
                .singleElement().satisfies(c -> assertThat(c).doesNotContainIgnoringCase("secure"));

        visitor.signIn();
        HttpResponse<String> https = signOut(visitor, visitor.get("/").body(), "https");
        assertThat(https.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("E4J_WIDGET_LOGOUT=1"))
                .singleElement().satisfies(c -> assertThat(c).endsWith("; Secure"));
    }

    /** Signs out with the CSRF token of a page (Spring Security's logout is a POST). */
    private static HttpResponse<String> signOut(SecuredApplicationTest.Visitor visitor, String page) throws Exception {
        return signOut(visitor, page, "http");
    }

    private static HttpResponse<String> signOut(SecuredApplicationTest.Visitor visitor, String page, String proto) throws Exception {
        Matcher csrf = Pattern.compile("data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        return visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/logout"))
                .header("X-Forwarded-Proto", proto)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + MockRingCentral.enc(csrf.group(1).replace("&#x3D;", "="))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The starter publishes its flow in the servlet context for Vaadin views (which its filter leaves alone): taken in
     * a request there, the user's waiting login is theirs, once, and no page carries it after.
     */
    @Test
    void aVaadinViewTakesTheWaitingLoginThroughThePublishedFlow() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        visitor.signIn();
        assertThat(visitor.get("/published-handoff").body()).as("nothing waits yet").isEqualTo("none");
        String authorize = visitor.get("/ringcentral/connect?return=/public").headers().firstValue("Location").orElseThrow();
        String callback = visitor.client().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        visitor.client().send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());

        String expectedId = io.github.embeddable4j.core.login.ExternalAuthIds.withKey(java.util.Base64.getDecoder()
                .decode(KEY)).forAppUser(SecuredApplication.USER);
        assertThat(visitor.get("/published-handoff").body()).isEqualTo("externalAuthId=" + expectedId);
        assertThat(visitor.get("/published-handoff").body()).as("once").isEqualTo("none");
        assertThat(visitor.get("/public").body()).doesNotContain("authorizationCode");
    }

    @Test
    void theSignedInUserConnectsOnceAndTheNextPageCarriesTheLoginOnce() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(PORT);
        // Anonymous visitors cannot connect.
        HttpResponse<String> anonymous = visitor.get("/ringcentral/connect?return=/");
        assertThat(anonymous.statusCode()).isIn(302, 403); // Spring Security sends them to sign in first
        visitor.signIn();

        HttpResponse<String> connect = visitor.get("/ringcentral/connect?return=/public");
        assertThat(connect.statusCode()).isEqualTo(302);
        String authorize = connect.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(RINGCENTRAL.url("/restapi/oauth/authorize?"));
        HttpResponse<String> fromRingCentral = visitor.client().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = fromRingCentral.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(CALLBACK + "?code=");
        HttpResponse<String> back = visitor.client().send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/public");

        // A page a script fetched meanwhile (fetch(), Turbo) does not spend the one-time login (a trial's lost code)
        HttpResponse<String> fetched = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                + "/public")).header("Accept", "text/html").header("Sec-Fetch-Mode", "cors").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.body()).contains("adapter.js").doesNotContain("authorizationCode");
        HttpResponse<String> page = visitor.get("/public");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher src = Pattern.compile("<script src=\"([^\"]*adapter\\.js\\?[^\"]*)\"").matcher(page.body());
        assertThat(src.find()).isTrue();
        Map<String, String> query = MockRingCentral.parse(URI.create(src.group(1).replace("&amp;", "&")).getRawQuery());
        assertThat(query).containsKeys("authorizationCode", "authorizationCodeVerifier", "externalAuthId")
                .containsEntry("redirectUri", CALLBACK);
        assertThat(page.body().split("authorizationCode=", -1)).hasSize(2); // once
        String expectedId = io.github.embeddable4j.core.login.ExternalAuthIds.withKey(java.util.Base64.getDecoder()
                .decode(KEY)).forAppUser(SecuredApplication.USER);
        assertThat(query.get("externalAuthId")).matches(Pattern.quote(expectedId) + "\\.[\\w-]{11}")
                .doesNotContain(SecuredApplication.USER);

        // The widget's exchange with exactly those values succeeds, once.
        HttpResponse<String> token = RINGCENTRAL.exchangeCode("sign-in-once", query.get("authorizationCode"), CALLBACK,
                query.get("authorizationCodeVerifier"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        HttpResponse<String> next = visitor.get("/public");
        assertThat(next.body()).contains("adapter.js").doesNotContain("authorizationCode");
        assertThat(URLDecoder.decode(next.body(), StandardCharsets.UTF_8)).doesNotContain(query.get("authorizationCode"));
    }

}

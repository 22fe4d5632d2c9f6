package io.github.embeddable4j.spring.shapes.webfluxform;

import static io.github.embeddable4j.spring.shapes.webfluxform.FormLoginBrowser.widgetLogoutCookies;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code login.connect-on-login} and {@code login.logout-widget} in a WebFlux application with reactive Spring
 * Security's own form login and logout (no handler of ours in its chain), on Netty: the browser's first visit of a page
 * after the sign-in goes to the connect path once, a script's fetch does not; the sign-out sets the widget-logout mark
 * once, and the next page's widget logs out. In headless Chromium, signing in to the application signs the widget in.
 */
@SpringBootTest(classes = FormLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConnectOnLoginTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final StandInWidget WIDGET = StandInWidget.running();
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("connect-on-login", CALLBACK);

    static {
        WIDGET.exchangingCodesAt(RINGCENTRAL.url("/restapi/oauth/token"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SignInOnceSettings.add(registry, PORT, "connect-on-login", CALLBACK, RINGCENTRAL);
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
        WIDGET.close();
    }

    @Test
    void theFirstPageVisitAfterSignInGoesToConnectOnce() throws Exception {
        FormLoginBrowser browser = new FormLoginBrowser(PORT);
        assertThat(browser.navigate("/public").statusCode()).as("nobody signed in").isEqualTo(200);

        HttpResponse<String> signIn = browser.signIn("ada");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/");
        // a script's fetch of a page (Turbo, htmx) is not sent on to RingCentral, and leaves the mark for the next visit
        assertThat(browser.get("/public", "Accept", "text/html", "Sec-Fetch-Mode", "cors").statusCode()).isEqualTo(200);
        assertThat(browser.get("/public", "Accept", "text/html", "HX-Request", "true").statusCode()).isEqualTo(200);

        HttpResponse<String> first = browser.navigate("/inbox?tab=calls");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/ringcentral/connect?return=%2Finbox%3Ftab%3Dcalls");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> connect = browser.get(first.headers().firstValue("Location").orElseThrow());
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Location").orElseThrow()).startsWith(RINGCENTRAL.url("/restapi/oauth/authorize?"))
                .contains("client_id=connect-on-login", "code_challenge_method=S256");

        HttpResponse<String> next = browser.navigate("/inbox");
        assertThat(next.statusCode()).as("once").isEqualTo(200);
        assertThat(next.body()).contains(WIDGET.baseUrl());
    }

    @Test
    void signingOutLogsTheWidgetOutAndSigningInAgainConnectsAgain() throws Exception {
        FormLoginBrowser browser = new FormLoginBrowser(PORT);
        HttpResponse<String> signIn = browser.signIn("ada");
        // Nobody was signed in in this session: the widget may keep an expired session's login, maybe another user's.
        assertThat(widgetLogoutCookies(signIn)).as("a first sign-in marks the widget's old login")
                .containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(browser.navigate("/inbox").statusCode()).isEqualTo(302);
        // The connection abandoned (no consent, no page with ada's login): the mark logs that old login out.
        assertThat(browser.navigate("/inbox").body()).contains(WIDGET.baseUrl()).contains("data-logout=\"1\"");

        HttpResponse<String> signOut = browser.signOut();
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location")).hasValue("/login?logout");
        assertThat(widgetLogoutCookies(signOut)).containsExactly(WidgetLogoutCookie.setCookieHeader(false));

        // Another user at the same browser: connected afresh, and the first page logs the previous phone out.
        browser.signIn("grace");
        assertThat(browser.navigate("/inbox").statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.navigate("/inbox");
        assertThat(page.body()).contains("data-logout=\"1\"");
        assertThat(widgetLogoutCookies(page)).as("the page's script clears it once the widget acted on it").isEmpty();
        assertThat(browser.navigate("/inbox").body()).as("kept until the page's script saw the widget act on it (SignOutMarkBrowserTest)").contains("data-logout=\"1\"");
    }

    @Test
    void anotherUserSigningInWithoutASignOutLogsTheFirstOnesWidgetOut() throws Exception {
        FormLoginBrowser browser = new FormLoginBrowser(PORT);
        browser.signIn("ada");
        assertThat(browser.navigate("/inbox").statusCode()).isEqualTo(302);
        HttpResponse<String> over = browser.signIn("grace");
        assertThat(over.statusCode()).isEqualTo(302);
        assertThat(widgetLogoutCookies(over)).containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(browser.navigate("/inbox").statusCode()).as("grace connects").isEqualTo(302);
    }

    @Test
    void inChromiumSigningInToTheApplicationSignsTheWidgetIn() throws Exception {
        int authorized = RINGCENTRAL.authorizeRequests.get();
        int issued = RINGCENTRAL.tokensIssued.get();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get(url("/inbox"));
            chromium.await(d -> d.getCurrentUrl().equals(url("/login")));
            chromium.driver().findElement(By.id("username")).sendKeys("ada");
            chromium.driver().findElement(By.id("password")).sendKeys("secret");
            chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();

            // Spring Security's redirect back to /inbox, then ours to connect, RingCentral's, the callback's
            chromium.await(d -> d.getCurrentUrl().equals(url("/inbox")) && RINGCENTRAL.authorizeRequests.get() == authorized + 1);
            Map<String, String> handoff = chromium.widgetFrameQueryWith("authorizationCode");
            assertThat(handoff.get("clientId")).isEqualTo("connect-on-login");
            assertThat(handoff.get("redirectUri")).isEqualTo(CALLBACK);
            // the widget (the stand-in, as the real one) exchanges the code from its frame, and that succeeds
            chromium.await(d -> RINGCENTRAL.tokensIssued.get() == issued + 1);
            assertThat(RINGCENTRAL.tokenRequestOrigins).last().isEqualTo(WIDGET.frameOrigin());

            chromium.driver().get(url("/inbox"));
            assertThat(chromium.widgetFrameQuery()).as("a reload").doesNotContainKey("authorizationCode");
            assertThat(RINGCENTRAL.authorizeRequests.get()).as("connected once").isEqualTo(authorized + 1);
            assertThat(RINGCENTRAL.tokensIssued.get()).as("logged in once").isEqualTo(issued + 1);
        }
    }

    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }
}

package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign in once in a real browser, end to end: ada signs in to the example CRM, presses "Connect RingCentral", a mock
 * RingCentral authorization server (which checks client, redirect URI, S256 challenge and state, and issues a
 * single-use code) sends the browser back to the application's callback, and the next page's widget frame (the
 * stand-in, on another origin, built the way the real loader builds its frame URL from the loader's parameters)
 * receives {@code authorizationCode}, {@code authorizationCodeVerifier}, {@code redirectUri} and {@code externalAuthId}
 * in its URL, exactly once: the page after, and a reload, carry none. The values are the right ones: the stand-in,
 * which (like the real widget) holds a login of its own to restore, exchanges them at the mock's token endpoint from
 * its frame's origin, and that succeeds once.
 *
 * <p>Its own application context, on its own port, with the authorize endpoint pointing at the mock; the other browser
 * tests keep RingCentral's real sandbox endpoint (ConnectRingCentralTest checks it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "ringcentral.embeddable.client-id=" + SignInOnceBrowserTest.CLIENT_ID,
    "ringcentral.embeddable.app-server=sandbox",
    "ringcentral.embeddable.login.enabled=true",
    "spring.datasource.url=jdbc:h2:mem:crm-sign-in-once;DB_CLOSE_DELAY=-1"})
class SignInOnceBrowserTest {

    static final String CLIENT_ID = "sign-in-once-browser";
    static final int PORT = MockRingCentral.freePort();
    static final StandInWidget WIDGET = StandInWidget.running();
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start(CLIENT_ID, url("/ringcentral/redirect"));

    static {
        WIDGET.exchangingCodesAt(RINGCENTRAL.url("/restapi/oauth/token"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
        WIDGET.close();
    }

    @Test
    void theWidgetFrameGetsTheOneTimeLoginExactlyOnceAndItsValuesWork() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            // the other test of this class may have run first, on the same mock and stand-in
            int authorized = RINGCENTRAL.authorizeRequests.get();
            int issued = RINGCENTRAL.tokensIssued.get();
            int exchanges = RINGCENTRAL.tokenRequestOrigins.size();
            long codeFrames = WIDGET.requests().stream().filter(r -> r.contains("app.html") && r.contains("authorizationCode=")).count();
            signIn(chromium, "/calls");
            Map<String, String> before = chromium.widgetFrameQuery();
            assertThat(before).as("before connecting").doesNotContainKeys("authorizationCode", "authorizationCodeVerifier",
                    "externalAuthId");

            chromium.driver().findElement(By.id("connect-ringcentral")).click();
            // connect -> the mock's authorize page -> the application's callback -> back to /calls, with the handoff.
            chromium.await(d -> d.getCurrentUrl().equals(url("/calls")) && RINGCENTRAL.authorizeRequests.get() == authorized + 1);
            Map<String, String> handoff = chromium.widgetFrameQueryWith("authorizationCode");
            assertThat(handoff.get("authorizationCode")).startsWith("U0FOREJPWH"); // the mock's code
            assertThat(handoff.get("authorizationCodeVerifier")).matches("[A-Za-z0-9_-]{43,128}");
            assertThat(handoff.get("redirectUri")).isEqualTo(url("/ringcentral/redirect"));
            assertThat(handoff.get("externalAuthId")).isNotBlank().doesNotContain("ada");
            assertThat(handoff.get("clientId")).isEqualTo(CLIENT_ID);
            assertThat(chromium.console()).noneMatch(line -> line.contains(handoff.get("authorizationCode")));
            // What the widget does with them: it exchanges the code from its frame (another login it restored is for no
            // externalAuthId), and that succeeds.
            chromium.await(d -> RINGCENTRAL.tokensIssued.get() == issued + 1);
            assertThat(RINGCENTRAL.tokenRequestOrigins).hasSize(exchanges + 1).last().isEqualTo(WIDGET.frameOrigin());

            // The page after, and a reload of this one: no handoff (a stale code in a reloaded frame must not loop).
            chromium.driver().get(url("/"));
            assertThat(chromium.widgetFrameQuery()).as("the next page").doesNotContainKeys("authorizationCode", "authorizationCodeVerifier");
            chromium.driver().get(url("/calls"));
            assertThat(chromium.widgetFrameQuery()).as("a reload").doesNotContainKeys("authorizationCode", "authorizationCodeVerifier");
            long framesWithCode = WIDGET.requests().stream()
                    .filter(r -> r.contains("app.html") && r.contains("authorizationCode=")).count();
            assertThat(framesWithCode - codeFrames).as("frame loads that carried a code").isEqualTo(1);

            // The code was good once only: nothing exchanged it again, and it cannot be.
            assertThat(RINGCENTRAL.tokenRequestOrigins).hasSize(exchanges + 1);
            HttpResponse<String> again = exchange(handoff);
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.body()).contains("invalid_grant");
        }
    }

    /**
     * The next user connects after a sign-out (its mark set): the page that carries the new login logs nothing out and
     * keeps the mark until its widget reports that login. Cleared when that page was written, the mark was lost when
     * the user clicked on before the widget used the code (the code spent too), and the next page's widget restored
     * the previous user's login (a WebFlux trial); that next page now logs it out.
     */
    @Test
    void aPageCarryingTheNewLoginKeepsTheSignOutMarkUntilTheWidgetReportsIt() throws Exception {
        String mark = io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            signIn(browser, "/calls");
            // Left before its widget used the code: the frame's app still loading when the user clicks on.
            browser.driver().manage().addCookie(new org.openqa.selenium.Cookie(mark, "1", "/"));
            WIDGET.stillLoading(true);
            try {
                browser.driver().findElement(By.id("connect-ringcentral")).click();
                browser.widgetFrameQueryWith("authorizationCode");
                assertThat(browser.script("return document.querySelector('script[data-endpoint]').dataset.logout"))
                        .isEqualTo("login");
                assertThat(browser.driver().manage().getCookieNamed(mark)).as("kept for the page after").isNotNull();
            } finally {
                WIDGET.stillLoading(false);
            }
            browser.driver().get(url("/"));
            assertThat(browser.widgetFrameQuery()).doesNotContainKey("authorizationCode");
            // the widget restores the login it kept (the previous user's): logged out, then the mark goes
            new StandInFrame(browser).awaitType("rc-adapter-logout");
            browser.await(d -> browser.driver().manage().getCookieNamed(mark) == null ? true : null);

            // Used: the widget exchanges the code and reports the fresh login, which ends the mark; nothing logged out.
            browser.driver().manage().addCookie(new org.openqa.selenium.Cookie(mark, "1", "/"));
            int issued = RINGCENTRAL.tokensIssued.get();
            browser.driver().get(url("/calls"));
            browser.driver().findElement(By.id("connect-ringcentral")).click();
            browser.widgetFrameQueryWith("authorizationCode");
            browser.await(d -> RINGCENTRAL.tokensIssued.get() == issued + 1 ? true : null);
            browser.await(d -> browser.driver().manage().getCookieNamed(mark) == null ? true : null);
            assertThat(new StandInFrame(browser).commands()).noneMatch(c -> "rc-adapter-logout".equals(c.get("type")));
        }
    }

    /**
     * The same user connecting again after a sign-out (or in a new session): the widget gets a new externalAuthId (hers,
     * tagged with this sign-in), so it uses the code over the login it restored and reports a fresh login, which ends
     * the mark. With her id alone it skipped the code: the widget keeps the last id it logged in with and clears it at
     * no logout and no login made in its own popup, so another user's popup login made since stayed on her page, and
     * the code stayed unspent in the page's URLs (an audit of the widget's OAuth module). Waiting for a fresh login
     * that never came kept the mark, and the next page logged her own phone out (a Vaadin trial's re-run).
     */
    @Test
    void theSameUserConnectingAgainLogsInWithTheNewCodeAndEndsTheMark() throws Exception {
        String mark = io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            signIn(browser, "/calls");
            int issued = RINGCENTRAL.tokensIssued.get();
            browser.driver().findElement(By.id("connect-ringcentral")).click();
            browser.widgetFrameQueryWith("authorizationCode");
            browser.await(d -> RINGCENTRAL.tokensIssued.get() == issued + 1 ? true : null); // her login, made with the code
            String first = browser.widgetFrameQuery().get("externalAuthId");
            awaitWidgetKeeps(browser, first); // and reported fresh just after

            browser.driver().manage().addCookie(new org.openqa.selenium.Cookie(mark, "1", "/")); // she signed out
            browser.driver().findElement(By.id("connect-ringcentral")).click(); // and connects again
            browser.widgetFrameQueryWith("authorizationCode");
            String second = browser.widgetFrameQuery().get("externalAuthId");
            assertThat(second).as("her id, tagged anew").isNotEqualTo(first)
                    .startsWith(first.substring(0, first.indexOf('.') + 1));
            assertThat(browser.script("return document.querySelector('script[data-endpoint]').dataset.logout"))
                    .as("the page carrying her login waits for it").isEqualTo("login");
            browser.await(d -> browser.driver().manage().getCookieNamed(mark) == null ? true : null);
            assertThat(RINGCENTRAL.tokensIssued.get()).as("the new code used over her restored login").isEqualTo(issued + 2);
            awaitWidgetKeeps(browser, second);

            browser.driver().get(url("/"));
            assertThat(browser.script("return document.querySelector('script[data-endpoint]').dataset.logout"))
                    .as("the next page logs nothing out").isNull();
            assertThat(new StandInFrame(browser).commands()).noneMatch(c -> "rc-adapter-logout".equals(c.get("type")));

            // A page written without the mark is not the one to end it: set by a sign-out in another tab before this
            // page's widget reports its login, it stays for the next page.
            browser.driver().get(url("/calls"));
            WIDGET.stillLoading(true);
            try {
                browser.driver().findElement(By.id("connect-ringcentral")).click();
                browser.widgetFrameQueryWith("authorizationCode");
            } finally {
                WIDGET.stillLoading(false);
            }
            assertThat(browser.script("return document.querySelector('script[data-endpoint]').dataset.logout")).isNull();
            browser.driver().manage().addCookie(new org.openqa.selenium.Cookie(mark, "1", "/")); // the other tab's
            // registered after the glue's listener, so it hears the fresh login only once the glue has
            browser.script("window.addEventListener('message', function (e) { if (e.data && e.data.type"
                    + " === 'rc-login-status-notify' && e.data.isFreshLogin === true) { window.__loginHeard = true; } });"
                    + " var f = document.getElementById('rc-widget-adapter-frame'); f.src = f.src;");
            browser.await(d -> Boolean.TRUE.equals(browser.script("return window.__loginHeard === true")) ? true : null);
            assertThat(RINGCENTRAL.tokensIssued.get()).as("this sign-in's code used").isEqualTo(issued + 3);
            assertThat(browser.driver().manage().getCookieNamed(mark)).as("the other tab's mark").isNotNull();

            // The same handoff's frame loaded again (its id is the one the widget keeps now): the widget restores the
            // login it made with it and uses no code.
            String third = browser.widgetFrameQuery().get("externalAuthId");
            awaitWidgetKeeps(browser, third);
            browser.script("window.__loginHeard = false; window.addEventListener('message', function (e) { if (e.data"
                    + " && e.data.type === 'rc-login-status-notify' && e.data.loggedIn === true) { window.__loginHeard = true; } });"
                    + " var f = document.getElementById('rc-widget-adapter-frame'); f.src = f.src;");
            browser.await(d -> Boolean.TRUE.equals(browser.script("return window.__loginHeard === true")) ? true : null);
            assertThat(RINGCENTRAL.tokensIssued.get()).as("no code used for the id it keeps").isEqualTo(issued + 3);
        }
    }

    /** Waits until the widget's frame keeps its login for this externalAuthId, as the widget does after a code login. */
    private static void awaitWidgetKeeps(HeadlessChromium browser, String externalAuthId) {
        WebDriver driver = browser.driver();
        browser.await(d -> {
            driver.switchTo().frame(driver.findElement(By.id("rc-widget-adapter-frame")));
            try {
                return externalAuthId.equals(browser.script("return localStorage.getItem('rc-widget-external-auth-id')"));
            } finally {
                driver.switchTo().defaultContent();
            }
        });
    }

    private static void signIn(HeadlessChromium browser, String path) {
        browser.driver().get(url(path));
        browser.driver().findElement(By.name("username")).sendKeys("ada");
        browser.driver().findElement(By.name("password")).sendKeys("lovelace");
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> !d.getCurrentUrl().contains("/login"));
        browser.driver().get(url(path));
    }

    private static HttpResponse<String> exchange(Map<String, String> handoff) throws Exception {
        return RINGCENTRAL.exchangeCode(CLIENT_ID, handoff.get("authorizationCode"), handoff.get("redirectUri"),
                handoff.get("authorizationCodeVerifier"));
    }

    /** The query of the widget frame's URL on the page shown, once the frame is there. */
    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }
}

package io.github.embeddable4j.spring.shapes.webfluxownlogin;

import static io.github.embeddable4j.servlet.testing.SignInBrowser.location;
import static io.github.embeddable4j.servlet.testing.SignInBrowser.logoutMarks;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.servlet.testing.SignInBrowser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign in once in a WebFlux application with its own sign-in, on Netty: its handlers call the login filter's
 * {@code signedIn} and {@code signedOut}, and {@code login.connect-on-login=true} sends the browser's next visit of a
 * page to the connect path once. Before, only reactive Spring Security's own sign-ins were followed.
 */
@SpringBootTest(classes = OwnLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OwnLoginSignInOnceTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("webflux-own-login", CALLBACK);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "webflux-own-login");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        // Spring Security is on this module's classpath and signs nobody in here: every visitor is its anonymous one
        registry.add("ringcentral.embeddable.inject.anonymous", () -> "true");
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "d2ViZmx1eC1vd24tbG9naW4tdGVzdC1rZXktb2YtMzItYnl0ZXMtb3ItbW9yZQ==");
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @Test
    void theFirstPageVisitAfterTheApplicationsSignInConnectsOnce() throws Exception {
        SignInBrowser browser = new SignInBrowser("http://localhost:" + PORT);
        assertThat(browser.navigate("/inbox").statusCode()).as("nobody signed in").isEqualTo(200);
        HttpResponse<String> signIn = browser.post("/signin?user=ada");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
        // Nobody was signed in in this session: the widget may keep an expired session's login, maybe another user's.
        assertThat(logoutMarks(signIn)).containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(browser.fetch("/inbox").statusCode()).as("a script's fetch passes").isEqualTo(200);

        HttpResponse<String> visit = browser.navigate("/inbox?tab=calls");
        assertThat(visit.statusCode()).isEqualTo(302);
        assertThat(location(visit)).isEqualTo("/ringcentral/connect?return=%2Finbox%3Ftab%3Dcalls");
        assertThat(visit.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> connect = browser.get(location(visit));
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        assertThat(location(connect)).startsWith(RINGCENTRAL.url("/restapi/oauth/authorize?")).contains("client_id=webflux-own-login");
        HttpResponse<String> callback = browser.get(location(browser.get(location(connect))));
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        assertThat(location(callback)).endsWith("/inbox?tab=calls");

        HttpResponse<String> back = browser.navigate("/inbox?tab=calls");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("authorizationCode=", "externalAuthId=")
                .as("the page with ada's login logs nothing out, and ends the mark once its widget reports that login")
                .contains("data-logout=\"login\"").doesNotContain("data-logout=\"1\"");
        HttpResponse<String> again = browser.navigate("/inbox");
        assertThat(again.statusCode()).as("once").isEqualTo(200);
        assertThat(again.body()).doesNotContain("authorizationCode=");

        assertThat(logoutMarks(browser.post("/signin?user=ada"))).as("the same user again").isEmpty();
        assertThat(browser.navigate("/inbox").statusCode()).as("the same user again does not connect").isEqualTo(200);
    }

    @Test
    void anotherUserOverTheSessionAndASignOutLogTheWidgetOut() throws Exception {
        SignInBrowser browser = new SignInBrowser("http://localhost:" + PORT);
        browser.post("/signin?user=ada");
        assertThat(browser.navigate("/inbox").statusCode()).isEqualTo(302);
        HttpResponse<String> over = browser.post("/signin?user=grace");
        assertThat(logoutMarks(over)).containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(browser.navigate("/inbox").statusCode()).as("grace connects").isEqualTo(302);

        HttpResponse<String> signOut = browser.post("/signout");
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(logoutMarks(signOut)).containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        HttpResponse<String> next = browser.navigate("/inbox");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("data-logout=\"1\"");
        assertThat(logoutMarks(next)).as("kept until the page's script saw the widget act on it (SignOutMarkBrowserTest)").isEmpty();
    }
}

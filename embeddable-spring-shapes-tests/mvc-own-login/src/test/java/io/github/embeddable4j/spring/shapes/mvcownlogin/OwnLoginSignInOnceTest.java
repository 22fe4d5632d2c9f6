package io.github.embeddable4j.spring.shapes.mvcownlogin;

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
 * Sign in once in a Spring MVC application with its own sign-in and no Spring Security: with
 * {@code login.connect-on-login=true} the starter registers the connect filter, and the application's handlers call
 * {@code flow.signedIn} and {@code flow.signedOut}. Before, the filter came with Spring Security only, and the
 * property did nothing here without a word.
 */
@SpringBootTest(classes = OwnLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OwnLoginSignInOnceTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("own-login", CALLBACK);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "own-login");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "b3duLWxvZ2luLW12Yy10ZXN0LWtleS1vZi0zMi1ieXRlcy1vci1tb3Jl");
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
        assertThat(signIn.statusCode()).isEqualTo(302);
        // Nobody was signed in in this session: the widget may keep an expired session's login, maybe another user's.
        assertThat(logoutMarks(signIn)).containsExactly(WidgetLogoutCookie.setCookieHeader(false));
        assertThat(browser.fetch("/inbox").statusCode()).as("a script's fetch passes").isEqualTo(200);

        HttpResponse<String> visit = browser.navigate("/inbox?tab=calls");
        assertThat(visit.statusCode()).isEqualTo(302);
        assertThat(location(visit)).isEqualTo("/ringcentral/connect?return=%2Finbox%3Ftab%3Dcalls");
        HttpResponse<String> connect = browser.get(location(visit));
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(302);
        assertThat(location(connect)).startsWith(RINGCENTRAL.url("/restapi/oauth/authorize?")).contains("client_id=own-login");
        HttpResponse<String> callback = browser.get(location(browser.get(location(connect))));
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(location(callback)).endsWith("/inbox?tab=calls");

        HttpResponse<String> back = browser.navigate("/inbox?tab=calls");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("authorizationCode=", "externalAuthId=")
                .as("the page with ada's login logs nothing out, and ends the mark once its widget reports that login")
                .contains("data-logout=\"login\"").doesNotContain("data-logout=\"1\"");
        HttpResponse<String> again = browser.navigate("/inbox");
        assertThat(again.statusCode()).as("once").isEqualTo(200);
        assertThat(again.body()).doesNotContain("authorizationCode=");

        assertThat(browser.post("/signin?user=ada").headers().allValues("Set-Cookie")).as("the same user again")
                .noneMatch(c -> c.startsWith(WidgetLogoutCookie.NAME + "="));
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

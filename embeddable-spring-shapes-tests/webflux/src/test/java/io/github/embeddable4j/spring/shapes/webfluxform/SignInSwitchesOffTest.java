package io.github.embeddable4j.spring.shapes.webfluxform;

import static io.github.embeddable4j.spring.shapes.webfluxform.FormLoginBrowser.widgetLogoutCookies;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Sign in once without {@code login.connect-on-login} and with {@code login.logout-widget=false}: the application's
 * sign-in sends no page to the connect path, and its sign-out sets no widget-logout mark.
 */
@SpringBootTest(classes = FormLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=sign-in-once", "ringcentral.embeddable.redirect-uri=http://localhost/ringcentral/redirect",
    "ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.logout-widget=false",
    "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU="})
class SignInSwitchesOffTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void signingInAndOutTouchNothing() throws Exception {
        FormLoginBrowser browser = new FormLoginBrowser(port);
        assertThat(browser.signIn("ada").statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.navigate("/inbox");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("apps.ringcentral.com");
        HttpResponse<String> signOut = browser.signOut();
        assertThat(signOut.headers().firstValue("Location")).hasValue("/login?logout");
        assertThat(widgetLogoutCookies(signOut)).isEmpty();
    }
}

package io.github.embeddable4j.spring.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With login.connect-on-login, the browser's first visit of a page after the application's sign-in starts the
 * RingCentral connection; a script's fetch does not.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ringcentral.embeddable.client-id=sign-in-once", "ringcentral.embeddable.redirect-uri=http://localhost/ringcentral/redirect",
    "ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.connect-on-login=true",
    "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU="})
class ConnectOnLoginTest {

    @LocalServerPort
    int port;

    @Test
    void theFirstPageAfterSignInGoesToConnectThenNotAgain() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port);
        visitor.signIn();
        // a script's fetch of a page (Turbo, htmx) is not sent on to RingCentral, and leaves the mark for the next visit
        HttpResponse<String> fetch = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public"))
                .header("Accept", "text/html").header("Sec-Fetch-Mode", "cors").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetch.statusCode()).isEqualTo(200);
        HttpResponse<String> first = html(visitor, "/public?x=1");
        assertThat(first.statusCode()).isEqualTo(302);
        // relative, as the connect endpoint's own redirects: not made absolute from the request's Host (a red-team find)
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(first.headers().firstValue("Location").orElseThrow()).startsWith("/ringcentral/connect?return=")
                .contains("%2Fpublic%3Fx%3D1");
        assertThat(html(visitor, "/public").statusCode()).isEqualTo(200);
    }

    /**
     * The same user signing in again over their session is no new sign-in (the widget keeps their login); another
     * user over it is (core's {@code LoginEndpoints.userChanged}, as in WebFlux).
     */
    @Test
    void theSameUserSigningInAgainIsNotSentToConnectAnotherUserIs() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port);
        visitor.signIn();
        assertThat(html(visitor, "/public").statusCode()).isEqualTo(302);
        visitor.signIn();
        assertThat(html(visitor, "/public").statusCode()).as("ada again").isEqualTo(200);
        visitor.signIn("grace");
        assertThat(html(visitor, "/public").statusCode()).as("grace").isEqualTo(302);
    }

    private HttpResponse<String> html(SecuredApplicationTest.Visitor visitor, String path) throws Exception {
        return visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }
}

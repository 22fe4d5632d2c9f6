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
 * connect-on-login under a context path: the return path keeps the context path, as the connect endpoint requires
 * (a trial under /crm got "The return path must be inside this application" for every user after sign-in).
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.servlet.context-path=/crm",
    "ringcentral.embeddable.client-id=sign-in-once", "ringcentral.embeddable.redirect-uri=http://localhost/crm/ringcentral/redirect",
    "ringcentral.embeddable.login.enabled=true", "ringcentral.embeddable.login.connect-on-login=true",
    "ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU="})
class ConnectOnLoginUnderContextPathTest {

    @LocalServerPort
    int port;

    @Test
    void theConnectRedirectKeepsTheContextPathAndTheConnectEndpointTakesIt() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port, "/crm");
        visitor.signIn();
        HttpResponse<String> first = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/crm/public?x=1")).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        String connect = first.headers().firstValue("Location").orElseThrow();
        assertThat(connect).contains("/crm/ringcentral/connect?return=%2Fcrm%2Fpublic%3Fx%3D1");
        HttpResponse<String> toRingCentral = visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port)
                .resolve(connect)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toRingCentral.statusCode()).as(toRingCentral.body()).isBetween(300, 399);
        assertThat(toRingCentral.headers().firstValue("Location").orElseThrow())
                .contains("redirect_uri=http%3A%2F%2Flocalhost%2Fcrm%2Fringcentral%2Fredirect");
    }
}

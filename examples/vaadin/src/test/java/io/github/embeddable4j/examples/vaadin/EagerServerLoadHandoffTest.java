package io.github.embeddable4j.examples.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.AppUserResolver;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The waiting sign-in reaches the browser in the answer to the UI's first request, which no cache may keep. Usually
 * that is Vaadin's UIDL answer; with {@code vaadin.eagerServerLoad} it is the HTML page itself, which a review found
 * carrying the code with no {@code Cache-Control} at all.
 */
class EagerServerLoadHandoffTest {

    /** The application's own sign-in: everybody is ada here. */
    @Configuration
    static class Ada {
        @Bean
        AppUserResolver appUser() {
            return request -> "ada";
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHtmlPageCarryingTheCodeIsNoStore() throws Exception {
        ConfigurableApplicationContext app = new SpringApplication(VaadinExampleApplication.class, Ada.class).run(
                "--server.port=0", "--vaadin.eagerServerLoad=true",
                "--ringcentral.embeddable.client-id=eager-test",
                "--ringcentral.embeddable.redirect-uri=http://localhost/ringcentral/redirect",
                "--ringcentral.embeddable.login.enabled=true",
                "--ringcentral.embeddable.login.server-key=c2lnbi1pbi1vbmNlLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLW9yLW1vcmU=",
                // never asked: the test reads the state from the connect redirect and answers as RingCentral would
                "--ringcentral.embeddable.login.authorize-endpoint=http://localhost:9/restapi/oauth/authorize",
                "--vaadin.devmode.liveReload.enabled=false", "--spring.main.banner-mode=off");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            // development mode answers its "not ready" page until its front-end files are (a clean clone's first run)
            SessionPersistenceBrowserTest.awaitDevModeReady("http://localhost:" + port + "/");
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String authorize = get(client, port, "/ringcentral/connect?return=/").headers().firstValue("Location").orElseThrow();
            String state = URI.create(authorize).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
            HttpResponse<String> callback = get(client, port, "/ringcentral/redirect?code=the-eager-code&state=" + state);
            assertThat(callback.statusCode()).isEqualTo(303);
            HttpResponse<String> page = get(client, port, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("the view's phone took the handoff into the HTML page")
                    .contains("authorizationCode=the-eager-code");
            assertThat(page.headers().firstValue("Cache-Control")).as("Cache-Control of the HTML page with the code")
                    .hasValue("no-store");
        } finally {
            app.close();
        }
    }
}

package io.github.embeddable4j.spring.shapes.webfluxownlogin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.servlet.testing.SignInBrowser;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application's {@code ReactiveAppUserResolver} bean, which names its users for sign in once, names the user of
 * the widget's events too. Before, the WebFlux bridge knew only the exchange's principal, and an application with a
 * sign-in of its own had events from nobody (found by a trial of a multi-tenant application on the servlet stack).
 */
@SpringBootTest(classes = {OwnLoginApplication.class, OwnLoginEventsTest.Calls.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OwnLoginEventsTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("webflux-own-login-events", CALLBACK);
    static final String RING = "{\"events\":[{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.client-id", () -> "webflux-own-login-events");
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.inject.anonymous", () -> "true");
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "d2ViZmx1eC1vd24tbG9naW4tdGVzdC1rZXktb2YtMzItYnl0ZXMtb3ItbW9yZQ==");
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @Configuration
    static class Calls {
        final List<Optional<Principal>> users = new CopyOnWriteArrayList<>();

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            users.add(Optional.ofNullable(event.getUser()));
        }
    }

    @Autowired
    Calls calls;

    @Test
    void theResolversUserComesWithTheEvents() throws Exception {
        SignInBrowser browser = new SignInBrowser("http://localhost:" + PORT);
        assertThat(ring(browser).statusCode()).isEqualTo(202);
        await(1);
        assertThat(calls.users.get(0)).as("nobody signed in yet").isEmpty();

        assertThat(browser.post("/signin?user=ada").statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn = ring(browser);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(202);
        await(2);
        assertThat(calls.users.get(1)).hasValueSatisfying(user -> assertThat(user.getName()).isEqualTo("ada"));
    }

    private static HttpResponse<String> ring(SignInBrowser browser) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(browser.url("/embeddable4j/events")))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(RING)));
    }

    private void await(int size) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (calls.users.size() < size && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(calls.users).hasSize(size);
    }
}

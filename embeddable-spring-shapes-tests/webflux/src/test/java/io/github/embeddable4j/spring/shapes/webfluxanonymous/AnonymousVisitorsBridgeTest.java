package io.github.embeddable4j.spring.shapes.webfluxanonymous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Reactive Spring Security with anonymous authentication on (and no session: CSRF off, as for a stateless app): every
 * visitor's exchange principal is the same {@code AnonymousAuthenticationToken} named "anonymousUser". The bridge took
 * it as a user, so it keyed the rate limit "u:anonymousUser" for everyone, and one visitor's posts used up every other
 * anonymous visitor's quota (found by a review). An anonymous token is nobody now, as the servlet request says too.
 */
@SpringBootTest(classes = AnonymousVisitorsBridgeTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.client-id=review", "ringcentral.embeddable.inject.anonymous=true",
                "ringcentral.embeddable.bridge.rate-limit.requests=3", "server.forward-headers-strategy=framework"})
class AnonymousVisitorsBridgeTest {

    @SpringBootApplication
    static class App {
        final List<WidgetApplicationEvent<WidgetEvent.CallEvent>> calls = new CopyOnWriteArrayList<>();

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calls.add(event);
        }

        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.authorizeExchange(e -> e.anyExchange().permitAll()).csrf(c -> c.disable())
                    .anonymous(Customizer.withDefaults()).build();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    App app;

    private final HttpClient client = HttpClient.newHttpClient();

    private int post(String forwardedFor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embeddable4j/events"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[{\"type\":\"rc-call-ring-notify\",\"call\":"
                        + "{\"id\":\"c1\",\"callStatus\":\"Ringing\"}}]}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void oneAnonymousVisitorDoesNotUseUpAnothersRate() throws Exception {
        for (int i = 0; i < 4; i++) {
            post("203.0.113.7"); // the noisy visitor: 3 taken, then 429
        }
        assertThat(post("203.0.113.7")).as("the noisy visitor is limited").isEqualTo(429);
        long end = System.nanoTime() + 5_000_000_000L;
        while (app.calls.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        // the noisy visitor's events arrived, from nobody
        assertThat(app.calls).isNotEmpty().allSatisfy(e -> assertThat(e.getReceived().userName()).isEmpty());
        assertThat(post("198.51.100.9")).as("another visitor, another address, its first post").isEqualTo(202);
    }
}

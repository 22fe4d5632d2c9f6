package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.spring.webflux.ReactiveAppUserResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * Sign in once in a WebFlux application in headless Chromium: the browser follows the connect link to the mock
 * RingCentral (on 127.0.0.1, another site than localhost), comes back to the callback in a cross-site navigation
 * carrying WebFlux's own session cookie, and the next page's widget frame (the stand-in, on another origin, built as
 * the real loader builds it from the loader's parameters) gets the one-time login exactly once; its values work at the
 * mock's token endpoint. The application's user is given by a {@link ReactiveAppUserResolver} bean (every visitor is
 * "ada"), as an application without Spring Security's form login would.
 */
@SpringBootTest(classes = {WebFluxApplication.class, WebFluxSignInOnceBrowserTest.EveryoneIsAda.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"ringcentral.embeddable.inject.anonymous=true", "ringcentral.embeddable.client-id=sign-in-once"})
class WebFluxSignInOnceBrowserTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final StandInWidget WIDGET = StandInWidget.running();
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("sign-in-once", CALLBACK);

    static {
        WIDGET.exchangingCodesAt(RINGCENTRAL.url("/restapi/oauth/token"));
    }

    @Configuration
    static class EveryoneIsAda {
        @Bean
        ReactiveAppUserResolver everyoneIsAda() {
            return exchange -> Mono.just("ada");
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
        registry.add("ringcentral.embeddable.redirect-uri", () -> CALLBACK);
        registry.add("ringcentral.embeddable.login.enabled", () -> "true");
        registry.add("ringcentral.embeddable.login.server-key", () -> "d2ViZmx1eC1icm93c2VyLXNpZ24taW4tb25jZS1rZXktb2YtMzItYnl0ZXM=");
        registry.add("ringcentral.embeddable.login.authorize-endpoint", () -> RINGCENTRAL.url("/restapi/oauth/authorize"));
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
        WIDGET.close();
    }

    @Test
    void theWidgetFrameGetsTheOneTimeLoginExactlyOnce() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get(url("/strict"));
            assertThat(chromium.widgetFrameQuery()).as("before connecting").doesNotContainKey("authorizationCode");

            chromium.driver().get(url("/ringcentral/connect?return=/strict"));
            chromium.await(d -> d.getCurrentUrl().equals(url("/strict")) && RINGCENTRAL.authorizeRequests.get() == 1);
            Map<String, String> handoff = chromium.widgetFrameQueryWith("authorizationCode");
            assertThat(handoff.get("authorizationCode")).startsWith("U0FOREJPWH"); // the mock's code
            assertThat(handoff.get("redirectUri")).isEqualTo(CALLBACK);
            assertThat(handoff.get("clientId")).isEqualTo("sign-in-once");
            assertThat(handoff.get("externalAuthId")).doesNotContain("ada")
                    .as("an opaque id, tagged with this sign-in").matches("[\\w-]{43}\\.[\\w-]{11}");
            // the widget (the stand-in, as the real one) exchanges the code from its frame, and that succeeds
            chromium.await(d -> RINGCENTRAL.tokensIssued.get() == 1);
            assertThat(RINGCENTRAL.tokenRequestOrigins).containsExactly(WIDGET.frameOrigin());

            chromium.driver().get(url("/strict"));
            assertThat(chromium.widgetFrameQuery()).as("a reload").doesNotContainKey("authorizationCode");
            List<String> framesWithCode = WIDGET.requests().stream()
                    .filter(r -> r.contains("app.html") && r.contains("authorizationCode=")).toList();
            assertThat(framesWithCode).as("frame loads that carried a code").hasSize(1);

            assertThat(RINGCENTRAL.tokenRequestOrigins).as("no other exchange").hasSize(1);
            java.net.http.HttpResponse<String> again = RINGCENTRAL.exchangeCode("sign-in-once",
                    handoff.get("authorizationCode"), handoff.get("redirectUri"), handoff.get("authorizationCodeVerifier"));
            assertThat(again.body()).as("single use").contains("invalid_grant");
        }
    }

    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }
}

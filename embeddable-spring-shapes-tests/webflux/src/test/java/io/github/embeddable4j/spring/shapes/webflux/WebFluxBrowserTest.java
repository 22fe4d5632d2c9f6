package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A WebFlux page in headless Chromium under a strict nonce policy: the loader the WebFlux filter put in the head runs
 * (the stand-in widget, whose frame is on another origin than the loader, creates its frame and loads it), while the
 * page's own inline script without the nonce is blocked, and nothing of the widget's is. The application listens to
 * widget events, so the page also gets the bridge, whose script forwards the widget's events to the server through
 * reactive Spring Security's CSRF check.
 */
@SpringBootTest(classes = {WebFluxApplication.class, WebFluxBridgeTest.Listeners.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ringcentral.embeddable.inject.anonymous=true")
class WebFluxBrowserTest {

    private static final StandInWidget WIDGET = start();

    @LocalServerPort
    int port;

    @Autowired
    WebFluxBridgeTest.Listeners listeners;

    private static StandInWidget start() {
        try {
            return new StandInWidget();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void widget(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
    }

    @AfterAll
    static void stop() {
        WIDGET.close();
    }

    @Test
    void theInjectedLoaderRunsUnderAStrictNoncePolicy() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get("http://localhost:" + port + "/strict");
            chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
            chromium.await(d -> WIDGET.requests().stream().anyMatch(r -> r.startsWith("/app.html")));
            assertThat(chromium.script("return document.head.querySelectorAll('script[src*=\"adapter.js\"][nonce]').length"))
                    .isEqualTo(1L);
            // The policy is enforced: the page's own inline script (no nonce) was blocked ...
            assertThat(chromium.driver().findElement(By.id("inline-check")).getText())
                    .isEqualTo("Inline scripts without the nonce are blocked");
            List<String> console = chromium.console();
            assertThat(console).anyMatch(line -> line.contains("Content Security Policy") && line.contains("inline"));
            // ... and that is the only violation: nothing the widget loads was blocked.
            assertThat(console).filteredOn(line -> line.contains("Content Security Policy"))
                    .allMatch(line -> line.contains("Executing inline script"));
        }
    }

    /** The glue, under the same policy: the stand-in's login reaches the application's listener, with the page's session. */
    @Test
    void theWidgetsLoginReachesTheServersListener() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get("http://localhost:" + port + "/strict");
            chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
            assertThat(chromium.script("return document.head.querySelectorAll('script[src=\"/embeddable4j/embeddable4j.js\"][nonce]').length"))
                    .isEqualTo(1L);
            // This page's events: those of its session (a test before may have left others).
            List<WidgetEvent.LoginStatus> logins = twoLoginsOfThePagesSession(chromium);
            // The stand-in posts "logged out" at start-up, then its login: both forwarded, in order.
            assertThat(logins).extracting(WidgetEvent.LoginStatus::loggedIn).containsExactly(false, true);
            assertThat(logins.get(1).loginNumber()).isEqualTo("+16505550100*101");
            List<String> console = chromium.console();
            // Only the page's own inline script was blocked by the policy: nothing of the widget's or the bridge's.
            assertThat(console).filteredOn(line -> line.contains("Content Security Policy"))
                    .allMatch(line -> line.contains("Executing inline script"));
            assertThat(console).noneMatch(line -> line.contains("/embeddable4j/events") && line.contains("403"));
        }
    }

    /**
     * A page that places the widget as its own iframe ({@code EmbeddableWebFilter.iframe} in its model): no floating
     * widget besides it, and the bridge's script, under the page's nonce, pointed at that frame: the widget's events
     * reach the server, and the CRM's registration and a contact match call-out reach the frame and the provider.
     */
    @Test
    void aPageThatPlacesItsOwnIframeGetsTheBridgeForThatFrame() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get("http://localhost:" + port + "/inline-phone");
            StandInFrame frame = new StandInFrame(chromium, "phone").awaitApp();
            assertThat(chromium.script("return document.getElementById('rc-widget-adapter-frame')")).isNull();
            assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length")).isEqualTo(0L);
            assertThat(chromium.script("return document.querySelectorAll('script[src=\"/embeddable4j/embeddable4j.js\"][nonce]').length"))
                    .isEqualTo(1L);
            List<WidgetEvent.LoginStatus> logins = twoLoginsOfThePagesSession(chromium);
            assertThat(logins).extracting(WidgetEvent.LoginStatus::loggedIn).containsExactly(false, true);
            frame.awaitType("rc-adapter-register-third-party-service");
            frame.emit("{\"type\":\"rc-post-message-request\",\"requestId\":\"inline-1\",\"path\":\"/contacts/match\","
                    + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}");
            Map<String, Object> answer = frame.awaitResponse("inline-1");
            assertThat(String.valueOf(answer.get("response"))).contains("Ada Lovelace");
            assertThat(chromium.console()).filteredOn(line -> line.contains("Content Security Policy")).isEmpty();
        }
    }

    /** The login statuses of the page's session (the CSRF token the page got made one), up to two, within 10 s. */
    private List<WidgetEvent.LoginStatus> twoLoginsOfThePagesSession(HeadlessChromium chromium) throws InterruptedException {
        String session = ReceivedWidgetEvent.sessionKeyOf(chromium.driver().manage().getCookieNamed("SESSION").getValue());
        List<WidgetEvent.LoginStatus> logins = List.of();
        long end = System.nanoTime() + 10_000_000_000L;
        while (logins.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
            logins = listeners.logins.stream().filter(e -> session.equals(e.getSessionKey())).map(e -> e.getEvent()).toList();
        }
        return logins;
    }
}

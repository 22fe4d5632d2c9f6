package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.awaitReceived;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A site that opens the application with {@code window.open} holds its window, and the widget's frame obeys any
 * window: it could post a call to {@code handle.frames[0]} (a red-team trial placed one through a stand-in, and
 * found the Vaadin docs and example silent about it). The example sends {@code Cross-Origin-Opener-Policy:
 * same-origin-allow-popups} ({@link OpenerPolicyConfiguration}): the attack lands without it (the control, with the
 * header taken off by {@link OpenerPolicyOffOnRequest}) and not with it, while the page still drives its widget.
 */
class OpenerPolicyBrowserTest extends StandInWidgetContext {

    private static final String PREMIUM = "+19005550199";

    private static final HttpServer ATTACKER = attacker();
    private static final String ATTACKER_ORIGIN = "http://127.0.0.1:" + ATTACKER.getAddress().getPort();

    @AfterAll
    static void stopAttacker() {
        ATTACKER.stop(0);
    }

    @Test
    void withoutThePolicyASiteThatOpenedTheAppPlacesACallThroughTheWidget() {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            openFromAnotherSite(chromium, "/?" + OpenerPolicyOffOnRequest.WITHOUT_POLICY);
            assertThat(awaitReceived(chromium, "rc-adapter-new-call")).first()
                    .satisfies(r -> assertThat(r.get("origin")).isEqualTo(ATTACKER_ORIGIN));
        }
    }

    @Test
    void theExamplesPolicyCutsThatSiteOffAndThePageStillDrivesItsWidget() throws Exception {
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(appUrl("/"))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue(OpenerPolicyConfiguration.HEADER)).contains("same-origin-allow-popups");

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            String attackerWindow = openFromAnotherSite(chromium, "/");
            String victim = chromium.driver().getWindowHandle();
            chromium.driver().switchTo().window(attackerWindow);
            chromium.await(d -> "closed".equals(chromium.script("return window.__state")));
            assertThat(((Number) chromium.script("return window.__posts")).intValue()).isZero();
            chromium.driver().switchTo().window(victim);
            assertThat(received(chromium, "rc-adapter-new-call")).isEmpty();

            chromium.driver().findElement(By.id("call-16505550101")).click();
            assertThat(awaitReceived(chromium, "rc-adapter-new-call")).singleElement()
                    .satisfies(r -> assertThat(r.get("origin")).isEqualTo("http://localhost:" + port));
        }
    }

    /** Opens the other site's page, which opens the application at {@code path}; switches to the application's window. */
    private String openFromAnotherSite(HeadlessChromium chromium, String path) {
        chromium.driver().get(ATTACKER_ORIGIN + "/attack#" + URLEncoder.encode(appUrl(path), StandardCharsets.UTF_8));
        String attackerWindow = chromium.driver().getWindowHandle();
        String victim = chromium.await(d -> chromium.windows().stream().filter(w -> !w.equals(attackerWindow)).findFirst()
                .orElse(null));
        chromium.driver().switchTo().window(victim);
        chromium.await(d -> logContains(chromium, "login: logged in"));
        return attackerWindow;
    }

    /** Another site's page: opens the URL in its fragment and posts a call to that window's first frame. */
    private static HttpServer attacker() {
        String html = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>another site</title></head><body><script>
                window.__posts = 0;
                window.__state = 'opening';
                var w = window.open(decodeURIComponent(location.hash.substring(1)), 'victim');
                setInterval(function () {
                  try {
                    if (!w || w.closed) { window.__state = 'closed'; return; }
                    if (w.frames.length > 0) {
                      w.frames[0].postMessage({ type: 'rc-adapter-new-call', phoneNumber: '%s', toCall: true }, '*');
                      window.__posts++;
                    }
                  } catch (e) { window.__state = 'error: ' + e; }
                }, 100);
                </script></body></html>
                """.formatted(PREMIUM);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] page = html.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

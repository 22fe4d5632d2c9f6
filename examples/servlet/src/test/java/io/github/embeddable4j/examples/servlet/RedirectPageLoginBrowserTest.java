package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RingCentralSite;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Logging in through the self-hosted redirect page, in a real browser: the widget's frame opens the login popup on
 * the app's redirect page, which must hand {@code {callbackUri}} back to the frame. When the redirect page posted
 * only to the loader's origin and the frame ran on another one (as the real built loader's does), the popup closed
 * and the widget never got the code: nobody could log in.
 */
class RedirectPageLoginBrowserTest {

    private static final String REDIRECT = ServletExampleApp.REDIRECT_PATH;

    @ParameterizedTest
    @EnumSource(StandInWidget.Topology.class)
    void theCallbackReachesTheWidgetFrameInBothTopologies(StandInWidget.Topology topology) throws Exception {
        withApp(topology, (chromium, app) -> assertCallback(logIn(chromium, app), app, "?code=c0de&state=s1"));
    }

    /**
     * The widget's SSO login loads the redirect URI in a hidden frame named {@code SSOIframe} inside its own frame, so
     * the application's page is an ancestor of the redirect page too. Its {@code frame-ancestors} listed only the widget
     * origins, which every ancestor must match: Chromium blocked the page, and the callback never came (a Boot 4
     * trial found it).
     */
    @ParameterizedTest
    @EnumSource(StandInWidget.Topology.class)
    void theCallbackOfTheWidgetsSsoFrameReachesIt(StandInWidget.Topology topology) throws Exception {
        withApp(topology, (chromium, app) -> assertCallback(
                callbacksOf(chromium, app, "standin-open-sso-frame", app + REDIRECT + "?code=c0de&state=s2"), app, "?code=c0de&state=s2"));
    }

    /** The example app with a stand-in widget in {@code topology}, its redirect page at {@link #REDIRECT}, and a browser. */
    private static void withApp(StandInWidget.Topology topology, java.util.function.BiConsumer<HeadlessChromium, String> test)
            throws Exception {
        try (StandInWidget widget = new StandInWidget(topology, false)) {
            EmbeddableConfig.Builder config = EmbeddableConfig.builder().clientId("redirect-test").hosting(widget.baseUrl());
            if (topology == StandInWidget.Topology.OTHER_ORIGIN) {
                config.frameOrigins(widget.frameOrigin());
            }
            int port = freePort();
            config.redirectUri("http://localhost:" + port + REDIRECT);
            Server app = ServletExampleApp.start(port, Embeddable.of(config.build()));
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                test.accept(chromium, "http://localhost:" + port);
            } finally {
                app.stop();
            }
        }
    }

    /** One callback, posted by the redirect page (the app's origin) to the frame, with the code in the URL. */
    private static void assertCallback(List<Object> callbacks, String app, String query) {
        assertThat(callbacks).singleElement().satisfies(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> cb = (Map<String, Object>) c;
            assertThat(cb.get("origin")).isEqualTo(app);
            assertThat((String) cb.get("callbackUri")).isEqualTo(app + REDIRECT + query);
        });
    }

    /** The real built loader on apps.ringcentral.com frames ringcentral.github.io: the default configuration. */
    @Test
    void theCallbackReachesTheFrameOfTheRealLoader() throws Exception {
        Path fixtures = RingCentralSite.fixtures(RedirectPageLoginBrowserTest.class).orElse(null);
        Assumptions.assumeTrue(fixtures != null, RingCentralSite.ABSENT);
        int port = freePort();
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("redirect-test")
                .redirectUri("http://localhost:" + port + REDIRECT).build());
        try (RingCentralSite site = new RingCentralSite(fixtures, false)) {
            Server app = ServletExampleApp.start(port, embeddable);
            try (HeadlessChromium chromium = new HeadlessChromium(site.chromiumArguments())) {
                List<Object> callbacks = logIn(chromium, "http://localhost:" + port);
                assertThat(callbacks).hasSize(1);
                assertThat((String) chromium.script("return document.getElementById('rc-widget-adapter-frame').src"))
                        .startsWith("https://ringcentral.github.io/");
            } finally {
                app.stop();
            }
        }
    }

    /** Opens the page, lets the widget frame open the login popup on the redirect page, returns what the frame got. */
    @SuppressWarnings("unchecked")
    private static List<Object> logIn(HeadlessChromium chromium, String app) {
        List<Object> callbacks = callbacksOf(chromium, app, "standin-open-login", app + REDIRECT + "?code=c0de&state=s1");
        // The popup closed itself after posting.
        chromium.await(d -> chromium.windows().size() == 1);
        return callbacks;
    }

    /** Opens the page, asks the widget frame to open the redirect page ({@code hook}: a popup or its SSO frame). */
    @SuppressWarnings("unchecked")
    private static List<Object> callbacksOf(HeadlessChromium chromium, String app, String hook, String url) {
        chromium.driver().get(app + "/");
        chromium.script("window.__callbacks = []; window.__frameUp = false; window.addEventListener('message', function (e) {"
                + " if (e.data && e.data.type === 'standin-callback') { window.__callbacks.push(e.data); }"
                + " if (e.data && e.data.type === 'standin-ping') { window.__frameUp = true; } });");
        chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
        // The frame's page must have loaded (it announces itself) before it can be asked to open the login popup.
        chromium.await(d -> Boolean.TRUE.equals(chromium.script("if (!window.__frameUp) {"
                + " document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage("
                + "{type: 'standin-emit', event: {type: 'standin-ping'}}, '*'); } return window.__frameUp")) ? true : null);
        chromium.script("document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage("
                + "{type: arguments[1], url: arguments[0]}, '*')", url, hook);
        chromium.await(d -> ((List<Object>) chromium.script("return window.__callbacks")).isEmpty() ? null : true);
        return (List<Object>) chromium.script("return window.__callbacks");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

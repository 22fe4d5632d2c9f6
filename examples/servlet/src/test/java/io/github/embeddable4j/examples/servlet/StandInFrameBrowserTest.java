package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The stand-in frame's test hook on a slow frame: the page has the frame element before the widget's app in it
 * listens, and a message posted to it then is lost (a test that emitted at once timed out in CI). {@link
 * StandInFrame#emit} waits for the app.
 */
class StandInFrameBrowserTest {

    @Test
    void emitWaitsForTheFramesAppWhereAMessagePostedAtOnceIsLost() throws Exception {
        try (StandInWidget widget = new StandInWidget().appDelay(Duration.ofSeconds(2))) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().hosting(widget.baseUrl())
                    .frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/");
                chromium.script("window.__probes = []; window.addEventListener('message', function (e) {"
                        + " if (e.data && e.data.type === 'test-probe') { window.__probes.push(e.data.n); } })");
                StandInFrame frame = new StandInFrame(chromium).awaitFrame();
                chromium.script("document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage("
                        + "{type: 'standin-emit', event: {type: 'test-probe', n: 1}}, '*')"); // at once: the race
                frame.emit("{\"type\":\"test-probe\",\"n\":2}");
                chromium.await(d -> ((List<?>) chromium.script("return window.__probes")).isEmpty() ? null : true);
                assertThat(chromium.script("return window.__probes")).as("the first was lost, the second waited")
                        .isEqualTo(List.of(2L));
            } finally {
                app.stop();
            }
        }
    }
}

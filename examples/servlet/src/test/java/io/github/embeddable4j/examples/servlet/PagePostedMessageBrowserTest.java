package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A widget message the page posts to itself is ignored, as it must be (the widget's come from its frame), but a new
 * user trying a listener that way got no word at all (a Boot 4 trial): the console now says once why, and how to try
 * a listener without a call.
 */
class PagePostedMessageBrowserTest {

    private static final String FRAME = "document.getElementById('rc-widget-adapter-frame')";

    @TempDir
    Path dir;

    @Test
    void aWidgetMessageThePagePostsToItselfIsIgnoredAndSaidOnce() throws Exception {
        Path counts = dir.resolve("graduation.json");
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("page-posted-app")
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable, counts);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/");
                chromium.await(d -> chromium.script("return " + FRAME + " && " + FRAME + ".src.indexOf(arguments[0]) === 0",
                        widget.frameOrigin()));
                chromium.script("window.__seen = []; window.addEventListener('message', function (e) {"
                        + " var m = e.data && e.data.message; if (m) { window.__seen.push(m.id); } })");
                // A command to the loader, which takes those from the page too (a browser add-on of RingCentral's posts
                // this one): no word about it (a review)
                chromium.script("window.postMessage({type: 'rc-adapter-syncMinimized', minimized: false}, '*')");
                for (int i = 1; i <= 2; i++) { // posted by the page itself, twice
                    chromium.script("window.postMessage({type: 'rc-message-updated-notify', message: {id: 'from-page-"
                            + i + "', type: 'SMS', direction: 'Outbound', readStatus: 'Read'}}, '*')");
                }
                // Positive control: the widget's frame posts the same kind of message, until the page has it.
                long end = System.nanoTime() + 20_000_000_000L;
                while (!Boolean.TRUE.equals(chromium.script("return window.__seen.indexOf('from-frame-1') >= 0"))
                        && System.nanoTime() < end) {
                    chromium.script(FRAME + "?.contentWindow.postMessage({type: 'standin-emit', event: {type:"
                            + " 'rc-message-updated-notify', message: {id: 'from-frame-1', type: 'SMS', direction:"
                            + " 'Outbound', readStatus: 'Read'}}}, '*')");
                    Thread.sleep(50);
                }
                end = System.nanoTime() + 10_000_000_000L;
                while (!(Files.exists(counts) && Files.readString(counts).contains("from-frame-1")) && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                List<String> console = new ArrayList<>(chromium.console());
                assertThat(String.valueOf(chromium.script("return window.__seen.join(',')"))).as("the page's messages were posted")
                        .contains("from-page-1", "from-page-2");
                assertThat(Files.exists(counts) ? Files.readString(counts) : "").as("counts; console: %s", console)
                        .contains("from-frame-1").doesNotContain("from-page-");
                assertThat(console).filteredOn(line -> line.contains("posted by the page itself")).singleElement()
                        .asString().contains("rc-message-updated-notify", "does not reach your listeners", "frame");
            } finally {
                app.stop();
            }
        }
    }
}

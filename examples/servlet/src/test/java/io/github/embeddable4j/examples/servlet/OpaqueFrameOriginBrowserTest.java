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
 * The widget's frame can come to show a page with an opaque origin ({@code null}): a browser error page when the frame
 * fails to load, or a sandboxed document. Its messages are ignored like any other origin's, but {@code null} is no
 * origin anyone could allow, so the page must not tell the server of it: the endpoint takes http(s) origins only and
 * answered the whole batch 400, which lost a real event posted just before (found by a new user's trial on Boot and
 * Jetty, with the frame sent to a page that refuses framing).
 */
class OpaqueFrameOriginBrowserTest {

    private static final String FRAME = "document.getElementById('rc-widget-adapter-frame')";

    @TempDir
    Path dir;

    @Test
    void aMessageFromAnOpaqueOriginIsIgnoredWithoutLosingTheEventsBeforeIt() throws Exception {
        Path counts = dir.resolve("graduation.json");
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("opaque-app")
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable, counts);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/");
                chromium.await(d -> chromium.script("return " + FRAME + " && " + FRAME + ".src.indexOf(arguments[0]) === 0",
                        widget.frameOrigin()));
                // Each message's origin, and the origin of the event this test has the frame post: the stand-in's own
                // messages at start-up come from the frame's origin too, so under load they arrived before the event,
                // the frame was replaced before it posted it, and the counts stayed empty (a CI run).
                chromium.script("window.__origins = []; window.addEventListener('message', function (e) {"
                        + " window.__origins.push(e.origin); var m = e.data && e.data.message;"
                        + " if (m && m.id === 'before-opaque-1') { window.__origins.push('event:' + e.origin); } })");
                // A real event from the widget's frame, posted again until the page has it (the frame may still load).
                long end = System.nanoTime() + 20_000_000_000L;
                while (!Boolean.TRUE.equals(chromium.script("return window.__origins.indexOf('event:' + arguments[0]) >= 0",
                        widget.frameOrigin())) && System.nanoTime() < end) {
                    chromium.script(FRAME + "?.contentWindow.postMessage({type: 'standin-emit', event: {type:"
                            + " 'rc-message-updated-notify', message: {id: 'before-opaque-1', type: 'SMS', direction:"
                            + " 'Outbound', readStatus: 'Read'}}}, '*')");
                    Thread.sleep(50);
                }
                // At once (the bridge sends its batch 500 ms after the first event), the frame becomes a sandboxed
                // document, whose origin is opaque, and posts a widget-like message.
                chromium.script("var old = " + FRAME + "; var f = document.createElement('iframe'); f.id = old.id;"
                        + " f.setAttribute('sandbox', 'allow-scripts'); f.srcdoc = '<script>parent.postMessage({type:"
                        + " \"rc-message-updated-notify\", message: {id: \"from-opaque-1\", type: \"SMS\", direction:"
                        + " \"Outbound\", readStatus: \"Read\"}}, \"*\")<\\/script>'; old.replaceWith(f);");
                chromium.await(d -> chromium.script("return window.__origins.indexOf('null') >= 0"));

                end = System.nanoTime() + 10_000_000_000L;
                while (!(Files.exists(counts) && Files.readString(counts).contains("before-opaque-1")) && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                Thread.sleep(1000); // a batch with the opaque origin, if the page sent one, has been answered
                List<String> console = new ArrayList<>(chromium.console());
                assertThat(Files.exists(counts) ? Files.readString(counts) : "").as("counts; console: %s", console)
                        .contains("before-opaque-1").doesNotContain("from-opaque-1");
                assertThat(console).as("the page's console").noneMatch(line -> line.contains("answered 400"))
                        .noneMatch(line -> line.contains("add it to the frame origins"))
                        .anyMatch(line -> line.contains("without an origin of its own (null)"));
            } finally {
                app.stop();
            }
        }
    }
}

package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RingCentralSite;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page served as {@code application/xhtml+xml} (as Facelets may serve one), in real Chromium: the browser parses it
 * as XML, so one tag the filter adds that is not well-formed XML (a bare {@code async}) replaces the whole page with a
 * parse error and no widget. The page must parse, the loader build its widget (the real loader writes its box with
 * {@code innerHTML}, which such a page also parses as XML), and the bridge script forward the widget's events.
 */
class XhtmlPageBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theXhtmlPageParsesAndTheWidgetAndItsBridgeWork() throws Exception {
        Path counts = dir.resolve("graduation.json");
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("xhtml-app")
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable, counts);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/xhtml");
                assertParsedAsXml(chromium);
                chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
                assertThat((String) chromium.script("return document.getElementById('rc-widget-adapter-frame').src"))
                        .startsWith(widget.frameOrigin());
                // The bridge script ran too: an event the frame posts reaches the server's tracker (posted again until
                // it does, as the frame may still be loading when it is first asked to).
                long end = System.nanoTime() + 20_000_000_000L;
                while (!(Files.exists(counts) && Files.readString(counts).contains("xhtml-sms-1")) && System.nanoTime() < end) {
                    chromium.script("document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage({type: 'standin-emit',"
                            + " event: {type: 'rc-message-updated-notify', message: {id: 'xhtml-sms-1', type: 'SMS',"
                            + " direction: 'Outbound', readStatus: 'Read'}}}, '*')");
                    Thread.sleep(500);
                }
                assertThat(Files.exists(counts) ? Files.readString(counts) : "").as("counts; console: %s", chromium.console())
                        .contains("xhtml-sms-1");
            } finally {
                app.stop();
            }
        }
    }

    /** The real built loader (from the fixtures) builds its widget in an XHTML page. */
    @Test
    void theRealLoaderBuildsItsWidgetInAnXhtmlPage() throws Exception {
        Path fixtures = RingCentralSite.fixtures(XhtmlPageBrowserTest.class).orElse(null);
        Assumptions.assumeTrue(fixtures != null, RingCentralSite.ABSENT);
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("xhtml-app").build());
        try (RingCentralSite site = new RingCentralSite(fixtures, false)) {
            Server app = ServletExampleApp.start(0, embeddable, dir.resolve("graduation.json"));
            try (HeadlessChromium chromium = new HeadlessChromium(site.chromiumArguments())) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/xhtml");
                assertParsedAsXml(chromium);
                chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
                assertThat((String) chromium.script("return document.getElementById('rc-widget-adapter-frame').src"))
                        .startsWith("https://ringcentral.github.io/");
                assertThat(chromium.console()).noneMatch(line -> line.contains("Uncaught"));
            } finally {
                app.stop();
            }
        }
    }

    private static void assertParsedAsXml(HeadlessChromium chromium) {
        assertThat(chromium.script("return document.contentType")).isEqualTo("application/xhtml+xml");
        assertThat(chromium.script("return document.getElementsByTagNameNS('*', 'parsererror').length"))
                .as("an XML parse error in the page (Chromium shows it instead of the page)").isEqualTo(0L);
        assertThat(chromium.script("return document.querySelector('h1') && document.querySelector('h1').textContent"))
                .isEqualTo("XHTML");
        assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length")).isEqualTo(1L);
    }
}

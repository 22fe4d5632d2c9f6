package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.CallWith;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The servlet example in real headless Chromium, with a stand-in widget host that records how it was loaded. */
class ServletExampleBrowserTest {

    private static StandInWidget widget;
    private static Embeddable embeddable;
    private static Server app;
    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @BeforeAll
    static void start() throws Exception {
        widget = new StandInWidget();
        embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("browser-test-client").appServer(AppServer.SANDBOX)
                .defaultCallWith(CallWith.RINGOUT).zIndex(1200).hosting(widget.baseUrl()).build());
        app = ServletExampleApp.start(0, embeddable);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        widget.close();
    }

    private static String url(String path) {
        return "http://localhost:" + ServletExampleApp.port(app) + path;
    }

    @Test
    void everyPageLoadsTheWidgetOnceWithTheConfiguredParameters() {
        for (String path : new String[] {"/", "/about"}) {
            long before = adapterRequests();
            chromium.driver().get(url(path));
            String src = chromium.await(d -> (String) chromium.script(
                    "return window.__standInAdapter ? window.__standInAdapter.src : null"));
            assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length"))
                    .as(path).isEqualTo(1L);
            assertThat(chromium.script("return window.__standInAdapter.count")).isEqualTo(1L);
            assertThat(src).isEqualTo(embeddable.adapterUrl());
            Map<String, String> query = StandInWidget.query(src);
            assertThat(query).containsEntry("clientId", "browser-test-client")
                    .containsEntry("appServer", "https://platform.devtest.ringcentral.com")
                    .containsEntry("defaultCallWith", "ringout").containsEntry("zIndex", "1200");
            assertThat(adapterRequests()).isEqualTo(before + 1);
            assertThat(widget.requests()).contains(src.substring(widget.loaderOrigin().length()));
            assertThat(chromium.driver().getTitle()).contains("embeddable4j servlet example"); // the page itself is intact
        }
    }

    @Test
    void aPageThatOptsOutHasNoWidget() throws InterruptedException {
        long before = adapterRequests();
        chromium.driver().get(url("/no-widget"));
        chromium.await(d -> "complete".equals(chromium.script("return document.readyState")));
        assertThat(chromium.script("return document.querySelectorAll('script').length")).isEqualTo(0L);
        assertThat(chromium.script("return window.__standInAdapter === undefined")).isEqualTo(true);
        assertThat(chromium.driver().getPageSource()).contains("No widget here");
        assertThat(adapterRequests()).isEqualTo(before);
    }

    private static long adapterRequests() {
        return widget.adapterRequests();
    }
}

package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The example's strict-CSP page: a nonce-only script policy, and the widget still loads, frame and all. */
class StrictCspBrowserTest {

    @Test
    void theWidgetLoadsUnderAStrictNoncePolicy() throws Exception {
        try (StandInWidget widget = new StandInWidget()) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().hosting(widget.baseUrl())
                    .frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable);
            String url = "http://localhost:" + ServletExampleApp.port(app) + "/strict-csp";
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
                assertThat(policy).contains("script-src 'nonce-").contains("'strict-dynamic'")
                        .contains("frame-src 'self' " + widget.loaderOrigin() + " " + widget.frameOrigin());
                String nonce = policy.replaceFirst(".*'nonce-([^']+)'.*", "$1");
                assertThat(page.body()).contains(" nonce=\"" + nonce + "\" async=\"\"></script>");

                chromium.driver().get(url);
                chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
                chromium.await(d -> widget.requests().stream().anyMatch(r -> r.startsWith("/app.html")));
                // The policy is enforced: the page's own inline script (no nonce) was blocked ...
                assertThat(chromium.driver().findElement(org.openqa.selenium.By.id("inline-check")).getText())
                        .startsWith("Inline scripts without the nonce are blocked");
                java.util.List<String> console = chromium.console();
                assertThat(console).anyMatch(line -> line.contains("Content Security Policy") && line.contains("inline"));
                // ... and that is the only violation: nothing the widget loads (script, frame, image) was blocked.
                assertThat(console).filteredOn(line -> line.contains("Content Security Policy"))
                        .allMatch(line -> line.contains("Executing inline script"));
            } finally {
                app.stop();
            }
        }
    }
}

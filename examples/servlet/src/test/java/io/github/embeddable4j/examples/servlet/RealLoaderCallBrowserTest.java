package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RingCentralSite;
import io.github.embeddable4j.examples.testing.StandInFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incoming call with the REAL loader (adapter.js from the fixtures): the page stays responsive and the bridge
 * forwards the ring to the server. The call is what the widget posts, a web-phone session
 * with its {@code callStatus}: without one the real loader spins for ever ({@code rotateCallInfo} looks for a state
 * to show and finds none), so the stand-in frame refuses such a message instead of hanging the page.
 */
class RealLoaderCallBrowserTest {

    @TempDir
    Path dir;

    @Test
    void aRingThroughTheRealLoaderReachesTheServerAndLeavesThePageResponsive() throws Exception {
        Path fixtures = RingCentralSite.fixtures(RealLoaderCallBrowserTest.class).orElse(null);
        Assumptions.assumeTrue(fixtures != null, RingCentralSite.ABSENT);
        Path counts = dir.resolve("graduation.json");
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("ring-app").build());
        try (RingCentralSite site = new RingCentralSite(fixtures, true)) {
            Server app = ServletExampleApp.start(0, embeddable, counts);
            try (HeadlessChromium chromium = new HeadlessChromium(site.chromiumArguments())) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/");
                StandInFrame frame = new StandInFrame(chromium).awaitFrame();
                assertThatThrownBy(() -> frame.emit("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"bare\","
                        + "\"direction\":\"Inbound\",\"from\":\"+16505550101\"}}"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callStatus");
                // Posted again until the server has it: the frame may still be loading when first asked.
                long end = System.nanoTime() + 20_000_000_000L;
                while (!(Files.exists(counts) && Files.readString(counts).contains("ring-1")) && System.nanoTime() < end) {
                    frame.emit("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"ring-1\",\"callId\":\"sip-ring-1\","
                            + "\"direction\":\"Inbound\",\"callStatus\":\"webphone-session-connecting\","
                            + "\"from\":\"+16505550101\",\"to\":\"+16505550100\",\"startTime\":0}}");
                    Thread.sleep(500);
                }
                assertThat(Files.exists(counts) ? Files.readString(counts) : "").as("console: %s", chromium.console())
                        .contains("ring-1");
                // The page still runs scripts (a hung page never answers, and its bridge never sends the ring).
                assertThat(chromium.script("return document.title")).isNotNull();
                assertThat(chromium.console()).noneMatch(line -> line.contains("Uncaught"));
            } finally {
                app.stop();
            }
        }
    }
}

package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tab stays open while its server restarts (a redeploy, a developer's restart): the widget's events in between are
 * kept by the page's bridge and sent once the server is back, not dropped at the first refused connection.
 */
class EventsAcrossARestartBrowserTest {

    @TempDir
    Path dir;

    @Test
    void eventsPostedWhileTheServerIsDownArriveWhenItIsBack() throws Exception {
        acrossAnOutage("restarting-app", (port, frame, chromium, counts) -> {
            // The page stays open; its next post is refused.
            frame.emit(message("during-outage"));
            Thread.sleep(2500); // the bridge has tried (500 ms) and failed at least once
            assertThat(Files.readString(counts)).doesNotContain("during-outage");
        });
    }

    /**
     * A redeploy of one application: the container stays up and answers 404 while the application's context is gone
     * (WildFly, Tomcat and Jetty do), so the page's posts are answered, not refused. Modelled by a bare server on the
     * same port, which answers 404 for everything.
     */
    @Test
    void eventsPostedWhileTheApplicationIsRedeployedArriveWhenItIsBack() throws Exception {
        acrossAnOutage("redeployed-app", (port, frame, chromium, counts) -> {
            Server container = new Server(port); // the container without the application
            container.start();
            try {
                frame.emit(message("during-outage"));
                java.util.List<String> console = new java.util.ArrayList<>(); // console() hands each line once
                long end = System.nanoTime() + 10_000_000_000L;
                while (console.stream().noneMatch(l -> l.contains("404")) && System.nanoTime() < end) {
                    console.addAll(chromium.console());
                    Thread.sleep(100);
                }
                assertThat(console).as("the post met the 404").anyMatch(l -> l.contains("/embeddable4j/events") && l.contains("404"));
                Thread.sleep(1500); // and the bridge has had the time to try again
                assertThat(Files.readString(counts)).doesNotContain("during-outage");
            } finally {
                container.stop();
            }
        });
    }

    /** What happens while the application is away: the page sends an event then. */
    interface Outage {
        void happen(int port, StandInFrame frame, HeadlessChromium chromium, Path counts) throws Exception;
    }

    /**
     * Opens the application's page, sees an event arrive, stops the application, lets the outage happen, starts the
     * application again on the same port, and expects the event sent during the outage to arrive.
     */
    private void acrossAnOutage(String clientId, Outage outage) throws Exception {
        Path counts = dir.resolve("graduation.json");
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId(clientId)
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable, counts);
            int port = ServletExampleApp.port(app);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + port + "/");
                StandInFrame frame = new StandInFrame(chromium).awaitFrame();
                frame.emit(message("before-outage"));
                awaitCounted(counts, "before-outage", chromium);

                app.stop();
                outage.happen(port, frame, chromium, counts);

                app = ServletExampleApp.start(port, embeddable, counts);
                awaitCounted(counts, "during-outage", chromium);
            } finally {
                app.stop();
            }
        }
    }

    private static String message(String id) {
        return "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"" + id + "\",\"type\":\"SMS\","
                + "\"direction\":\"Outbound\",\"readStatus\":\"Read\"}}";
    }

    private static void awaitCounted(Path counts, String id, HeadlessChromium chromium) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!(Files.exists(counts) && Files.readString(counts).contains(id)) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(Files.exists(counts) ? Files.readString(counts) : "").as("console: %s", chromium.console()).contains(id);
    }
}

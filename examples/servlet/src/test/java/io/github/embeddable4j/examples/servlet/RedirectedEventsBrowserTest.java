package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a visitor's session has ended (signed out in another tab, expired), an application's security answers the
 * bridge's next post with a redirect to its sign-in page, as Spring Security's form login does. Followed, the redirect
 * ended on the sign-in page's 200, which the page took for "taken": the events were lost without a word (found by a
 * new user's trial behind nginx). The page must not follow it, and must say the events were dropped.
 */
class RedirectedEventsBrowserTest {

    private static final String FRAME = "document.getElementById('rc-widget-adapter-frame')";

    @TempDir
    Path dir;

    @Test
    void eventsRedirectedToASignInPageAreReportedAsDroppedNotTakenForDelivered() throws Exception {
        Path counts = dir.resolve("graduation.json");
        AtomicBoolean signedOut = new AtomicBoolean();
        AtomicInteger redirected = new AtomicInteger();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("redirected-app")
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable, counts);
            // The application's security, in front of the endpoint: signed out, a post is sent to the sign-in page
            // (here the home page, which answers 200 as a sign-in page does).
            Filter security = (request, response, chain) -> {
                if (signedOut.get() && "POST".equals(((HttpServletRequest) request).getMethod())) {
                    redirected.incrementAndGet();
                    ((HttpServletResponse) response).sendRedirect("/");
                } else {
                    chain.doFilter(request, response);
                }
            };
            ((ServletContextHandler) app.getHandler()).addFilter(new FilterHolder(security), "/embeddable4j/*",
                    EnumSet.of(DispatcherType.REQUEST));
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/");
                // Signed in: an event reaches the server (posted again until it does: the frame may still load).
                emitUntil(chromium, counts, "signed-in-sms-1");
                assertThat(Files.readString(counts)).contains("signed-in-sms-1");

                signedOut.set(true);
                chromium.script(FRAME + ".contentWindow.postMessage({type: 'standin-emit', event: " + sms("signed-out-sms-1")
                        + "}, '*')");
                List<String> console = new ArrayList<>();
                long end = System.nanoTime() + 10_000_000_000L;
                while (console.stream().noneMatch(l -> l.contains("redirected")) && System.nanoTime() < end) {
                    console.addAll(chromium.console()); // console() hands each line once
                    Thread.sleep(100);
                }
                assertThat(redirected.get()).as("the post was redirected").isPositive();
                assertThat(console).as("the page's console").anyMatch(l -> l.contains("the event endpoint redirected 1 events"));
                assertThat(Files.readString(counts)).doesNotContain("signed-out-sms-1");
            } finally {
                app.stop();
            }
        }
    }

    private static void emitUntil(HeadlessChromium chromium, Path counts, String id) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!(Files.exists(counts) && Files.readString(counts).contains(id)) && System.nanoTime() < end) {
            chromium.script(FRAME + ".contentWindow.postMessage({type: 'standin-emit', event: " + sms(id) + "}, '*')");
            Thread.sleep(500);
        }
    }

    private static String sms(String id) {
        return "{type: 'rc-message-updated-notify', message: {id: '" + id + "', type: 'SMS', direction: 'Outbound',"
                + " readStatus: 'Read'}}";
    }
}

package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page's count of keepalive bytes in flight stays true when a page left with a batch in flight sends its last
 * batch beside it: each request takes off its own bytes. A shared field, overwritten by the second batch, left the
 * first's counted for the page's life, and a page restored from the back/forward cache sent only half of what waited
 * when next left (a review). Control: nothing in flight at the first leave.
 */
class KeepaliveCountBrowserTest {

    private static final String TEXT = "日本語のメッセージ".repeat(16).substring(0, 140);

    @ParameterizedTest
    @ValueSource(strings = {"control", "left with a batch in flight"})
    void aPageBackFromTheCacheSendsItsWholeLastBatch(String mode) throws Exception {
        boolean inFlightAtFirstLeave = !mode.equals("control");
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicBoolean slow = new AtomicBoolean();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher one = WidgetEventDispatcher.builder().listener(BridgedApp.messageRecorder(received)).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Filter slowEvents = (request, response, chain) -> {
                if (slow.get() && ((HttpServletRequest) request).getRequestURI().endsWith("/events")) {
                    try {
                        Thread.sleep(2500); // a busy server: the batch stays in flight
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                chain.doFilter(request, response);
            };
            Server server = BridgedApp.start(widget, one, BridgeLimits.defaults(), slowEvents, BridgedApp::gonePage);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(server) + "/");
                new StandInFrame(chromium).awaitApp();
                chromium.script("window.sms = function (id) { return {type: 'rc-message-updated-notify', message: {id: id,"
                        + " subject: id, filler: '" + TEXT + "', more: '" + "x".repeat(700) + "'}}; };"
                        + " window.__marker = 'still this page';"
                        + " window.emit = function (prefix, n, leave) { var f = document.getElementById('rc-widget-adapter-frame');"
                        + "  var seen = 0; window.addEventListener('message', function (e) {"
                        + "   if (!e.data || e.data.type !== 'rc-message-updated-notify' || String(e.data.message.id).indexOf(prefix) !== 0) { return; }"
                        + "   if (++seen === n && leave) { location.href = '/gone'; } });"
                        + "  for (var k = 1; k <= n; k++) { f.contentWindow.postMessage({type: 'standin-emit', event: sms(prefix + k)}, '*'); } };");
                // 1. a first leave: with a batch of ~36 KB in flight (held by the server), or none
                if (inFlightAtFirstLeave) {
                    slow.set(true);
                    chromium.script("emit('a', 30, false);");
                    Thread.sleep(1200); // the timer's batch is in flight, held
                    chromium.script("emit('b', 3, true);"); // more events, then the page is left: pagehide, flush(true)
                } else {
                    chromium.script("emit('a', 30, false);");
                    Thread.sleep(1500);
                    chromium.script("emit('b', 3, true);");
                }
                chromium.await(d -> d.getCurrentUrl().endsWith("/gone") ? true : null);
                Thread.sleep(3500);
                slow.set(false);
                // 2. back: the page comes back from the back/forward cache
                chromium.driver().navigate().back();
                chromium.await(d -> d.getCurrentUrl().endsWith("/") ? true : null);
                Thread.sleep(3000); // both answers in
                assertThat(chromium.script("return window.__marker;")).as("restored from the back/forward cache")
                        .isEqualTo("still this page");
                long end = System.currentTimeMillis() + 5000;
                while (System.currentTimeMillis() < end && received.size() < 33) {
                    Thread.sleep(100);
                }
                assertThat(received).as("the first visit's events").hasSize(33);
                // 3. the page is left again with ~51 KB waiting (the quota's room: all of it goes, as with one bridge)
                chromium.script("emit('c', 40, true);");
                chromium.await(d -> d.getCurrentUrl().endsWith("/gone") ? true : null);
                end = System.currentTimeMillis() + 10000;
                while (System.currentTimeMillis() < end && received.size() < 73) {
                    Thread.sleep(200);
                }
                Thread.sleep(500);
                assertThat(received.stream().filter(e -> e.contains("\"id\":\"c")).count())
                        .as("events of the second leave delivered, of 40").isEqualTo(40);
            } finally {
                server.stop();
            }
        }
    }
}

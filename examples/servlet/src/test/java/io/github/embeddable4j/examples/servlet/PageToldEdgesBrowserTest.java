package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * What the page's event script counts as told to the server when it hands a login status to a Vaadin component that
 * came later (only what the server took: a review's batch refused with a 403 was counted, so nobody told the server),
 * and the events it drops when a batch the server did not take goes back in front of a full queue (said, as the
 * queue's own drops are).
 */
class PageToldEdgesBrowserTest {

    private static final String FRAME = "document.getElementById('rc-widget-adapter-frame')";
    private static final String LISTEN = "window.__ui = document.createElement('div'); window.__heard = [];"
            + " window.__ui.addEventListener('embeddable4j-message', function (e) {"
            + "   window.__heard.push({host: e.detail.host, m: JSON.parse(e.detail.json), told: e.detail.pageTold,"
            + "     registered: e.detail.pageRegistered}); });";

    /**
     * The page's script queued the login status, the server refused the batch (a bare 403: a CSRF check in front of
     * the bridge), and the status is dropped; a component that comes later is handed it not marked "told", so it tells
     * its dispatcher (RingCentralEmbeddable.take) rather than leave the server without the login.
     */
    @Test
    void aStatusTheServerRefusedIsNotMarkedTold() throws Exception {
        List<String> logins = new CopyOnWriteArrayList<>();
        WidgetEventListener loginListener = new WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent event) {
                logins.add(event.event().json());
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("rc-login-status-notify");
            }
        };
        Filter csrf = (rq, rs, chain) -> {
            if (((HttpServletRequest) rq).getRequestURI().endsWith("/events")) {
                ((HttpServletResponse) rs).sendError(403); // a CSRF check in front of the bridge
                return;
            }
            chain.doFilter(rq, rs);
        };
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(loginListener).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, BridgeLimits.defaults(), csrf);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                new StandInFrame(chromium).awaitFrame();
                chromium.script(FRAME + ".contentWindow.postMessage({type: 'standin-emit', event: {type:"
                        + " 'rc-login-status-notify', loggedIn: true, loginNumber: '+16505550100*101', admin: false,"
                        + " features: {call: true}, isFreshLogin: false}}, '*')");
                List<String> console = new ArrayList<>();
                chromium.await(d -> {
                    console.addAll(chromium.console());
                    return console.stream().anyMatch(l -> l.contains("answered 403")) ? true : null;
                });
                // the exported Vaadin component's host arrives after the refusal
                chromium.script(LISTEN + " window.embeddable4j.attachElement(document.createElement('div'), 'component-host',"
                        + " 'floating', [arguments[0]], 'rc-widget', 0, window.__ui);", widget.frameOrigin());
                chromium.await(d -> chromium.script("return window.__heard.some(function (h) {"
                        + " return h.m.type === 'rc-login-status-notify'; })"));
                Thread.sleep(500);
                assertThat(logins).as("the server never got the status").isEmpty();
                assertThat(chromium.script("var h = window.__heard.filter(function (h) {"
                        + " return h.m.type === 'rc-login-status-notify'; })[0]; return String(h.told)"))
                        .as("handed to the component as told, so nobody tells the server").isEqualTo("false");
            } finally {
                app.stop();
            }
        }
    }

    /**
     * A batch the server did not take goes back in front of the queue, cut to 500 (retryLater): the oldest cut are said
     * in the console as the queue's own drops are.
     */
    @Test
    void theOldestCutWhenABatchGoesBackAreSaid() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Filter restarting = BridgedApp.refusingEventsWhile(rq -> { // the first batch held, then refused for now
            if (!first.compareAndSet(true, false)) {
                return false;
            }
            firstArrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
        WidgetEventListener listener = SmsIds.listener(delivered);
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(listener).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, BridgeLimits.defaults(), restarting);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                new StandInFrame(chromium).awaitFrame();
                emit(chromium, 0, 500, "sms-burst-");
                assertThat(firstArrived.await(20, TimeUnit.SECONDS)).as("the first batch is at the server").isTrue();
                emit(chromium, 0, 15, "sms-late-");
                Thread.sleep(1000); // the late ones are queued behind the batch in flight: never more than 500 waiting
                List<String> console = new ArrayList<>(chromium.console());
                assertThat(console).as("nothing cut while 465 wait").noneMatch(l -> l.contains("oldest are dropped"));
                release.countDown(); // 503: the batch goes back in front, with 515 waiting: the oldest 15 are cut, and said
                chromium.await(d -> {
                    console.addAll(chromium.console());
                    return console.stream().anyMatch(l -> l.contains("oldest are dropped")) ? true : null;
                });
            } finally {
                app.stop();
            }
        }
    }

    private static void emit(HeadlessChromium chromium, int from, int to, String prefix) {
        chromium.script("var w = " + FRAME + ".contentWindow; for (var i = arguments[0]; i < arguments[1]; i++) {"
                + " w.postMessage({type: 'standin-emit', event: {type: 'rc-message-updated-notify', message: {id: arguments[2] + i,"
                + " type: 'SMS', direction: 'Outbound', subject: 'hi', readStatus: 'Read', padding: 'p'.repeat(600)}}}, '*'); }",
                from, to, prefix);
    }
}

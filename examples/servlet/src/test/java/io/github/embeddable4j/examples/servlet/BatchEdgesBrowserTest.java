package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * Event batches at their edges (found by a review of the size cap): a batch in flight when the page is left, and the
 * batch limit after one event too large alone.
 */
class BatchEdgesBrowserTest {


    /**
     * A batch in flight when the page is left arrives: every batch is a keepalive request, which outlives the page
     * (pagehide sends only what is still queued). Here the batch has not gone out because another tab of the
     * application holds the origin's six HTTP/1.1 connections (long polls; on a slow uplink a large batch still
     * uploading is the same); a batch sent as a plain request was cancelled with the page.
     */
    @Test
    void aBatchInFlightWhenThePageIsLeftStillArrives() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger hanging = new AtomicInteger();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(SmsIds.listener(delivered)).build();
                HeadlessChromium chromium = new HeadlessChromium(List.of("--disable-features=BackForwardCache"))) {
            Server app = BridgedApp.start(widget, dispatcher, BridgeLimits.defaults(), (rq, rs, chain) -> chain.doFilter(rq, rs),
                    ctx -> longPolls(ctx, hanging));
            try {
                String origin = "http://localhost:" + BridgedApp.port(app);
                chromium.driver().get(origin + "/");
                new StandInFrame(chromium).awaitFrame();
                String first = chromium.driver().getWindowHandle();
                String other = chromium.newTab(); // another tab of the application, with six long polls
                chromium.driver().get(origin + "/favicon.ico");
                chromium.script("for (var i = 0; i < 6; i++) { fetch('/hang/' + i); }");
                chromium.await(d -> hanging.get() >= 6 ? true : null);
                chromium.driver().switchTo().window(first);
                emit(chromium, List.of(sms("sms-left", "hello")));
                Thread.sleep(1500); // past the page's half second: the batch is posted (and waits for a connection)
                assertThat(delivered).as("not delivered yet: the connections are busy").isEmpty();
                chromium.driver().get("about:blank"); // the user leaves the page
                Thread.sleep(1000);
                chromium.driver().switchTo().window(other);
                chromium.driver().get("about:blank"); // the other tab's long polls end: connections are free
                long until = System.currentTimeMillis() + 5000;
                while (delivered.isEmpty() && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                }
                assertThat(delivered).as("the event of the batch in flight when the page was left").contains("sms-left");
            } finally {
                app.stop();
            }
        }
    }

    /**
     * A call log the user saves just before leaving the page, in the same setting: the event batch posted at that
     * moment outlived the page (keepalive), the call-out did not, and the CRM never got the log (a review). Call-outs
     * are keepalive requests too, within the page's quota.
     */
    @Test
    void aCallLogSavedAsThePageIsLeftStillArrives() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> logged = new CopyOnWriteArrayList<>();
        AtomicInteger hanging = new AtomicInteger();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(SmsIds.listener(delivered)).build();
                ThirdPartyService crm = ThirdPartyService.builder("crm").callLogger((r, c) -> logged.add(r.call().sessionId())).build();
                HeadlessChromium chromium = new HeadlessChromium(List.of("--disable-features=BackForwardCache"))) {
            Server app = BridgedApp.start(widget, dispatcher, crm, true, BridgeLimits.defaults(), (rq, rs, chain) -> chain.doFilter(rq, rs),
                    ctx -> longPolls(ctx, hanging));
            try {
                String origin = "http://localhost:" + BridgedApp.port(app);
                chromium.driver().get(origin + "/");
                new StandInFrame(chromium).awaitFrame();
                Thread.sleep(1500); // the registration, after the stand-in's login status, is answered
                String first = chromium.driver().getWindowHandle();
                String other = chromium.newTab();
                chromium.driver().get(origin + "/favicon.ico");
                chromium.script("for (var i = 0; i < 6; i++) { fetch('/hang/' + i); }");
                chromium.await(d -> hanging.get() >= 6 ? true : null);
                chromium.driver().switchTo().window(first);
                emit(chromium, List.of(sms("sms-left", "bye"), "{\"type\":\"rc-post-message-request\",\"requestId\":\"r-left\","
                        + "\"path\":\"/callLogger\",\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s-left\"},"
                        + "\"note\":\"promised a quote\"}}"));
                Thread.sleep(1500); // both requests are made, and wait for a connection
                assertThat(logged).as("not yet: the connections are busy").isEmpty();
                chromium.driver().get("about:blank"); // the user leaves the page
                Thread.sleep(1000);
                chromium.driver().switchTo().window(other);
                chromium.driver().get("about:blank"); // the other tab's long polls end: connections are free
                long until = System.currentTimeMillis() + 6000;
                while ((delivered.isEmpty() || logged.isEmpty()) && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                }
                assertThat(delivered).as("the event batch made as the page was left").contains("sms-left");
                assertThat(logged).as("the call log saved as the page was left").containsExactly("s-left");
                Thread.sleep(500);
                // the page's fetch failed as it was left: not a connection's failure, nothing to tell the server of
                assertThat(crm.stats().rejected()).as("call-outs reported as maybe not done").isZero();
            } finally {
                app.stop();
            }
        }
    }

    /**
     * The page reports a widget frame on an origin it does not allow once, in a batch's {@code rejectedOrigins}: a batch
     * refused for now (503, the bridge restarting) was sent again without it, and the server never said (a review).
     */
    @Test
    void aRejectedFrameOriginIsReportedAfterItsBatchWasRefusedForNow() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        Filter restartingOnce = BridgedApp.refusingEventsWhile(rq -> posts.incrementAndGet() == 1);
        List<String> warned = new CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(
                io.github.embeddable4j.core.bridge.BridgeEndpoints.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                warned.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(SmsIds.listener(new CopyOnWriteArrayList<>())).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, null, false, BridgeLimits.defaults(), restartingOnce, ctx -> { });
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                long until = System.currentTimeMillis() + 8000;
                while (warned.stream().noneMatch(m -> m.contains("a page found the widget frame on " + widget.frameOrigin()))
                        && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                }
                assertThat(warned).as("the server heard of the frame origin")
                        .anyMatch(m -> m.contains("a page found the widget frame on " + widget.frameOrigin()));
                assertThat(posts.get()).as("after the first batch was refused for now").isGreaterThanOrEqualTo(2);
            } finally {
                app.stop();
            }
        } finally {
            jul.removeHandler(handler);
        }
    }

    /**
     * One event the server refuses alone (its body limit set lower) halved the page's batch limit down to one for good:
     * every later event went in a request of its own, one per half second, though the server takes ten in one.
     */
    @Test
    void afterOneEventTooLargeAloneLaterEventsStillGoInBatches() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger posts = new AtomicInteger();
        Filter counting = (rq, rs, chain) -> {
            if ("POST".equals(((HttpServletRequest) rq).getMethod())
                    && ((HttpServletRequest) rq).getRequestURI().endsWith("/events")) {
                posts.incrementAndGet();
            }
            chain.doFilter(rq, rs);
        };
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(SmsIds.listener(delivered)).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, BridgeLimits.defaults().withMaxBodyBytes(16 * 1024), counting);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                new StandInFrame(chromium).awaitFrame();
                // a long message (18 KB) with three short ones: the long one is over the server's 16 KiB alone
                emit(chromium, List.of(sms("sms-long", "x".repeat(18_000)), sms("sms-a", "hi"), sms("sms-b", "hi"),
                        sms("sms-c", "hi")));
                chromium.await(d -> delivered.containsAll(List.of("sms-a", "sms-b", "sms-c")) ? true : null);
                Thread.sleep(700);
                int before = posts.get();
                List<String> later = List.of("sms-1", "sms-2", "sms-3", "sms-4", "sms-5", "sms-6", "sms-7", "sms-8",
                        "sms-9", "sms-10");
                emit(chromium, later.stream().map(id -> sms(id, "hi")).toList()); // ~11 KB together: one batch fits
                chromium.await(d -> delivered.containsAll(later) ? true : null);
                assertThat(posts.get() - before).as("requests for ten short events the server takes in one batch")
                        .isLessThanOrEqualTo(2);
            } finally {
                app.stop();
            }
        }
    }

    /**
     * What the page's script drops rather than sends, it says once in the console: an event over the server's 32,768
     * characters, and the oldest of more than 500 waiting for a server that does not take them (a WebFlux trial's
     * 100 KB event and 600-event burst went without a word). Both drops really happened: the large event and the
     * burst's first hundred never reached the server, while the rest of the burst did.
     */
    @Test
    void whatThePageDropsItSaysOnceInTheConsole() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Filter restarting = BridgedApp.refusingEventsWhile(rq -> refusing.get()); // every batch refused for now, until told
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(SmsIds.listener(delivered)).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, BridgeLimits.defaults(), restarting);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                new StandInFrame(chromium).awaitFrame();
                emit(chromium, List.of(sms("sms-huge", "x".repeat(40_000))));
                List<String> burst = java.util.stream.IntStream.range(0, 600).mapToObj(i -> "sms-burst-" + i).toList();
                emit(chromium, burst.stream().map(id -> sms(id, "hi")).toList());
                List<String> console = new java.util.ArrayList<>(); // each read of the browser's log takes its lines
                chromium.await(d -> {
                    console.addAll(chromium.console());
                    return console.stream().anyMatch(l -> l.contains("oldest are dropped")) ? true : null;
                });
                refusing.set(false);
                // the first batch taken starts with the oldest kept (the events are sent in order)
                chromium.await(d -> delivered.contains("sms-burst-100") ? true : null);
                console.addAll(chromium.console());
                assertThat(console).filteredOn(l -> l.contains("characters was not sent to the server")).singleElement()
                        .asString().contains("rc-message-updated-notify").contains("over 32768 characters");
                assertThat(console).filteredOn(l -> l.contains("oldest are dropped")).hasSize(1);
                assertThat(delivered).as("the large event").doesNotContain("sms-huge");
                assertThat(delivered).as("the burst's oldest hundred").doesNotContain("sms-burst-0", "sms-burst-99");
            } finally {
                app.stop();
            }
        }
    }

    private static void emit(HeadlessChromium chromium, List<String> events) {
        StringBuilder posts = new StringBuilder("var w = document.getElementById('rc-widget-adapter-frame').contentWindow;");
        for (String event : events) {
            posts.append(" w.postMessage({type: 'standin-emit', event: ").append(event).append("}, '*');");
        }
        chromium.script(posts.toString());
    }

    private static String sms(String id, String text) {
        return "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"" + id + "\",\"type\":\"SMS\","
                + "\"direction\":\"Outbound\",\"subject\":\"" + text + "\",\"messageStatus\":\"Delivered\","
                + "\"to\":[{\"phoneNumber\":\"+14155550123\",\"name\":\"Ada Lovelace\"}],\"from\":{\"phoneNumber\":"
                + "\"+16505550100\",\"name\":\"Grace Hopper\"},\"creationTime\":\"2026-12-07T06:00:00.000Z\","
                + "\"conversationId\":\"7000000000000000001\",\"lastModifiedTime\":\"2026-12-07T06:00:00.000Z\","
                + "\"uri\":\"https://platform.ringcentral.com/restapi/v1.0/account/400129284008/extension/400129284008/"
                + "message-store/" + id + "\",\"readStatus\":\"Read\",\"priority\":\"Normal\",\"availability\":\"Alive\","
                + "\"smsSendingAttemptsCount\":1,\"padding\":\"" + "p".repeat(600) + "\"}}";
    }

    /** A long poll of the application's: held until the server stops, counted in {@code hanging}. */
    private static void longPolls(jakarta.servlet.ServletContext ctx, AtomicInteger hanging) {
        var hang = ctx.addServlet("hang", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                var async = request.startAsync();
                async.setTimeout(0);
                hanging.incrementAndGet();
            }
        });
        hang.setAsyncSupported(true);
        hang.addMapping("/hang/*");
    }
}

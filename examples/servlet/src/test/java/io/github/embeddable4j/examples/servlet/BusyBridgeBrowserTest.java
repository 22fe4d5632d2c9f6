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
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * A server too busy for part of a batch (its listener's queue full): the events it took are not sent again. It used
 * to refuse the whole batch, and the page's resend five seconds later gave the listener those events a second time
 * (a call logged twice in a CRM; found by a concurrency audit). Now the answer says how many were taken, and the page
 * sends only the rest.
 */
class BusyBridgeBrowserTest {

    private static final Pattern ID = Pattern.compile("\"id\":\"(busy-\\d)\"");

    @Test
    void eventsTheServerTookBeforeItWasBusyAreNotSentAgain() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        WidgetEventListener slow = new WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent event) {
                Matcher m = ID.matcher(event.event().json());
                delivered.add(m.find() ? m.group(1) : event.event().json());
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the one thread: the queue's one slot fills
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("rc-message-updated-notify");
            }
        };
        AtomicInteger busyAnswers = new AtomicInteger();
        Filter statuses = (request, response, chain) -> {
            chain.doFilter(request, response);
            if (((HttpServletResponse) response).getStatus() == 429) {
                busyAnswers.incrementAndGet();
            }
        };
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).queueCapacity(1)
                        .listenerTimeout(Duration.ofSeconds(60)).listener(slow).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, BridgeLimits.defaults(), statuses);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                StandInFrame frame = new StandInFrame(chromium);
                frame.emit(sms("busy-1"));
                assertThat(holding.await(20, TimeUnit.SECONDS)).as("the listener holds busy-1").isTrue();
                // Two in one batch (the page sends what comes within half a second together): busy-2 takes the queue's
                // one slot, busy-3 finds it full.
                chromium.script("var w = document.getElementById('rc-widget-adapter-frame').contentWindow;"
                        + " w.postMessage({type: 'standin-emit', event: JSON.parse(arguments[0])}, '*');"
                        + " w.postMessage({type: 'standin-emit', event: JSON.parse(arguments[1])}, '*');",
                        sms("busy-2"), sms("busy-3"));
                chromium.await(d -> busyAnswers.get() > 0 ? true : null);
                release.countDown();
                // Sent again after the answer's 5 s: busy-3 only. A second busy-2 would have come before it (one thread,
                // in order), so once busy-3 is here, nothing else is on its way.
                chromium.await(d -> delivered.contains("busy-3") ? true : null);
                assertThat(delivered).containsExactly("busy-1", "busy-2", "busy-3");
                assertThat(busyAnswers).as("one busy answer, for the batch of two").hasValue(1);
            } finally {
                release.countDown();
                app.stop();
            }
        }
    }

    private static String sms(String id) {
        return "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"" + id + "\",\"type\":\"SMS\","
                + "\"direction\":\"Outbound\",\"readStatus\":\"Read\"}}";
    }
}

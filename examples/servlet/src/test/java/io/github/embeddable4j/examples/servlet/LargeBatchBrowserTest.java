package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The widget sends every message changed in the last half hour at each sync, so fifty SMS updates can come at once, and
 * in a language of 3-byte letters fifty 140-letter texts are 70 KB: over the event endpoint's 64 KiB body. The page
 * batched by count only, the endpoint answered 413, and the page dropped the batch with a console line (found by a
 * review from the widget's source). Now a batch holds at most 60 KiB of JSON, and a batch the server refuses as too
 * large (its limit set lower) is sent again in halves. Chromium holds a keepalive request's body against a 64 KiB
 * quota for the page until its answer is read: the page reads it, or the batch after a 60 KiB one failed to send
 * (this test found it: 41 of 50 arrived, the rest were tried again and again).
 */
class LargeBatchBrowserTest {

    /** 140 letters of 3 bytes each in UTF-8. */
    private static final String TEXT = "日本語のメッセージ".repeat(16).substring(0, 140);

    @Test
    void fiftySmsUpdatesInThreeByteLettersAllArrive() throws Exception {
        int bytes = 0;
        for (String id : ids(50)) {
            bytes += sms(id).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        assertThat(bytes).as("fifty such updates, over the endpoint's 64 KiB").isGreaterThan(64 * 1024);
        Delivery delivery = deliver(BridgeLimits.defaults(), 50);
        assertThat(delivery.delivered()).containsExactlyElementsOf(ids(50));
        assertThat(delivery.tooLarge()).as("no batch over the endpoint's 64 KiB").isZero();
    }

    @Test
    void aServerWithASmallerBodyLimitGetsTheBatchInHalves() throws Exception {
        Delivery delivery = deliver(BridgeLimits.defaults().withMaxBodyBytes(8 * 1024), 20);
        assertThat(delivery.tooLarge()).as("the server refused the page's first batch as too large").isPositive();
        assertThat(delivery.delivered()).as("all, in order").containsExactlyElementsOf(ids(20));
    }

    private record Delivery(List<String> delivered, int tooLarge) {
    }

    private static Delivery deliver(BridgeLimits limits, int count) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        WidgetEventListener listener = SmsIds.listener(delivered);
        AtomicInteger tooLarge = new AtomicInteger();
        Filter statuses = (request, response, chain) -> {
            chain.doFilter(request, response);
            if (((HttpServletResponse) response).getStatus() == 413) {
                tooLarge.incrementAndGet();
            }
        };
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
                WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).listener(listener).build();
                HeadlessChromium chromium = new HeadlessChromium()) {
            Server app = BridgedApp.start(widget, dispatcher, limits, statuses);
            try {
                chromium.driver().get("http://localhost:" + BridgedApp.port(app) + "/");
                new StandInFrame(chromium).awaitFrame();
                StringBuilder posts = new StringBuilder("var w = document.getElementById('rc-widget-adapter-frame')"
                        + ".contentWindow;");
                for (String id : ids(count)) { // all within the page's half second: one batch, as at a sync
                    posts.append(" w.postMessage({type: 'standin-emit', event: ").append(sms(id)).append("}, '*');");
                }
                chromium.script(posts.toString());
                try {
                    chromium.await(d -> delivered.size() >= count ? true : null);
                } catch (RuntimeException e) {
                    throw new AssertionError(delivered.size() + " of " + count + " delivered", e);
                }
                Thread.sleep(300); // nothing more on its way: a second copy would come in order after the last
                return new Delivery(List.copyOf(delivered), tooLarge.get());
            } finally {
                app.stop();
            }
        }
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add("sms-" + i);
        }
        return ids;
    }

    /**
     * An SMS update as the widget posts it: the record of RingCentral's message store (the fields of ringcentral-mock's
     * {@code sms.json}), with a text of 140 letters.
     */
    private static String sms(String id) {
        String store = "https://platform.ringcentral.com/restapi/v1.0/account/400129284008/extension/400129284008/";
        return "{\"type\":\"rc-message-updated-notify\",\"message\":{\"uri\":\"" + store + "message-store/" + id
                + "\",\"id\":\"" + id + "\",\"to\":[{\"phoneNumber\":\"+14155550123\",\"name\":\"Ada Lovelace\","
                + "\"location\":\"San Francisco, CA\",\"messageStatus\":\"Delivered\"}],\"from\":{\"phoneNumber\":"
                + "\"+16505550100\",\"name\":\"Grace Hopper\",\"location\":\"Belmont, CA\"},\"type\":\"SMS\","
                + "\"creationTime\":\"2026-12-07T06:00:00.000Z\",\"readStatus\":\"Read\",\"priority\":\"Normal\","
                + "\"attachments\":[{\"id\":\"" + id + "-a\",\"uri\":\"" + store + "message-store/" + id + "/content/"
                + id + "-a\",\"type\":\"Text\",\"contentType\":\"text/plain\"}],\"direction\":\"Outbound\","
                + "\"availability\":\"Alive\",\"subject\":\"" + TEXT + "\",\"messageStatus\":\"Delivered\","
                + "\"smsSendingAttemptsCount\":1,\"conversationId\":\"7000000000000000001\",\"conversation\":{\"id\":"
                + "\"7000000000000000001\",\"uri\":\"" + store.replace("extension/400129284008/", "")
                + "conversation/7000000000000000001\"},\"lastModifiedTime\":\"2026-12-07T06:00:00.000Z\"}}";
    }
}

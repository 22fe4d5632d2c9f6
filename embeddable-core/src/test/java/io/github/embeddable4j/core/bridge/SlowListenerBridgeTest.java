package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A slow listener fills only its own queue: the endpoint answered 429 "busy" for a batch whenever one listener's queue
 * was full, although the others took every event, and the glue's retries (up to six on a 429) gave those others the
 * same events up to seven times (found by a review). Now only events no listener could take are refused.
 */
class SlowListenerBridgeTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("review").build());

    private static BridgeEndpoints.Request post() {
        return new BridgeEndpoints.Request("POST", "application/json", 10, null, "same-origin", "localhost:8080",
                "http://localhost:8080", "session-1", null, "10.0.0.1");
    }

    private static byte[] ring(String id) {
        return ("{\"events\":[{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"" + id + "\",\"callStatus\":\"Ringing\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A listener of ring events that holds its thread until released. */
    private static final class Stuck implements WidgetEventListener {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch running = new CountDownLatch(1);

        @Override
        public void onWidgetEvent(ReceivedWidgetEvent event) {
            running.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("rc-call-ring-notify");
        }
    }

    private static WidgetEventDispatcher.Builder oneSlotEach() {
        return WidgetEventDispatcher.builder().threads(1).queueCapacity(1).listenerTimeout(Duration.ofSeconds(30));
    }

    @Test
    void aFullQueueOfOneListenerDoesNotRefuseWhatTheOthersTook() throws Exception {
        List<String> fast = new CopyOnWriteArrayList<>();
        Stuck slow = new Stuck();
        try (WidgetEventDispatcher dispatcher = oneSlotEach().listener(e -> fast.add(e.event().json())).listener(slow).build()) {
            BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, dispatcher, null, BridgeLimits.defaults());
            for (String id : List.of("e1", "e2")) { // the slow listener's thread holds e1, its queue e2
                assertThat(endpoints.events(ring(id), ring(id).length, post())).isEqualTo("{\"accepted\":1}");
                assertThat(slow.running.await(10, TimeUnit.SECONDS)).isTrue();
                awaitCopy(fast, id); // the fast listener's one slot is free again
            }
            long droppedBefore = dispatcher.stats().dropped();
            assertThat(endpoints.events(ring("e3"), ring("e3").length, post())).isEqualTo("{\"accepted\":1}");
            assertThat(dispatcher.stats().dropped()).as("the slow listener's copy, lost and counted").isEqualTo(droppedBefore + 1);
            awaitCopy(fast, "e3");
            slow.release.countDown();
            assertThat(fast.stream().filter(j -> j.contains("\"e3\"")).count()).as("the fast listener's copies of e3").isEqualTo(1);
        }
    }

    private static void awaitCopy(List<String> received, String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.stream().noneMatch(j -> j.contains("\"" + id + "\"")) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    /**
     * A batch whose queue fills part-way: the answer says how many of its first events were taken, so the glue sends
     * only the rest again. It used to refuse the whole batch, and the resend gave the listener the taken ones twice (a
     * concurrency audit): here e2, queued, would have come again with e3.
     */
    @Test
    void aBatchTakenPartWaySaysHowManyWereTaken() throws Exception {
        Stuck only = new Stuck();
        List<String> seen = new CopyOnWriteArrayList<>();
        WidgetEventListener recording = new WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent event) {
                seen.add(event.event().json());
                only.onWidgetEvent(event);
            }

            @Override
            public Set<String> eventTypes() {
                return only.eventTypes();
            }
        };
        try (WidgetEventDispatcher dispatcher = oneSlotEach().listener(recording).build()) {
            BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, dispatcher, null, BridgeLimits.defaults());
            endpoints.events(ring("e1"), ring("e1").length, post()); // held by the listener's thread
            assertThat(only.running.await(10, TimeUnit.SECONDS)).isTrue();
            // one the listener does not want (taken by nobody, needing no one), e2 into the one free slot, then e3
            byte[] batch = ("{\"events\":[{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"},"
                    + "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"e2\"}},"
                    + "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"e3\"}}]}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> endpoints.events(batch, batch.length, post())).isInstanceOfSatisfying(BridgeError.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfterSeconds()).isEqualTo(5);
                assertThat(e.toJson()).startsWith("{\"error\":\"busy\",").endsWith(",\"taken\":2}")
                        .contains("1 events were not taken (the first 2 were)");
            });
            only.release.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(seen).hasSize(2).allMatch(j -> !j.contains("\"e3\""));
            assertThat(seen.get(1)).contains("\"e2\"");
        }
    }

    @Test
    void whatNoListenerCouldTakeIsRefusedForTheGlueToSendAgain() throws Exception {
        Stuck only = new Stuck();
        try (WidgetEventDispatcher dispatcher = oneSlotEach().listener(only).build()) {
            BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, dispatcher, null, BridgeLimits.defaults());
            endpoints.events(ring("e1"), ring("e1").length, post());
            assertThat(only.running.await(10, TimeUnit.SECONDS)).isTrue();
            endpoints.events(ring("e2"), ring("e2").length, post());
            assertThatThrownBy(() -> endpoints.events(ring("e3"), ring("e3").length, post()))
                    .isInstanceOfSatisfying(BridgeError.class, e -> assertThat(e.status()).isEqualTo(429));
            only.release.countDown();
        }
    }
}

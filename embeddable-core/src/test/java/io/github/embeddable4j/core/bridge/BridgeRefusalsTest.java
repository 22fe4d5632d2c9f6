package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BridgeRefusalsTest {

    @Test
    void countsEachRefusalUnderItsCode() {
        BridgeRefusals refusals = new BridgeRefusals();
        refusals.count(new BridgeError(403, "cross-origin", "x"));
        refusals.count(new BridgeError(403, "cross-origin", "y"));
        refusals.count(new BridgeError(429, "rate-limited", "z", 10));
        assertThat(refusals.counts()).containsExactly(Map.entry("cross-origin", 2L), Map.entry("rate-limited", 1L));
        assertThat(refusals.count("cross-origin")).isEqualTo(2);
        assertThat(refusals.count("too-large")).isZero();
    }

    /** A registry bound late still gets a series for every reason seen, and one for each new reason, once each. */
    @Test
    void listenersHearOfEveryReasonOnceWhenItFirstAppears() {
        BridgeRefusals refusals = new BridgeRefusals();
        refusals.count(BridgeError.methodNotAllowed("GET"));
        List<String> heard = new ArrayList<>();
        List<Long> countWhenHeard = new ArrayList<>();
        refusals.onNewReason(reason -> {
            heard.add(reason);
            countWhenHeard.add(refusals.count(reason));
        });
        assertThat(heard).containsExactly("method-not-allowed");
        refusals.count(new BridgeError(413, "too-large", "x"));
        refusals.count(new BridgeError(413, "too-large", "x"));
        refusals.count(BridgeError.methodNotAllowed("GET"));
        assertThat(heard).containsExactly("method-not-allowed", "too-large");
        assertThat(countWhenHeard).as("the new reason was already counted when told").containsExactly(1L, 1L);
    }

    /** Many threads refusing at once for the same new reason: no refusal lost, the reason told once. */
    @Test
    void concurrentRefusalsAreAllCounted() throws Exception {
        BridgeRefusals refusals = new BridgeRefusals();
        List<String> heard = new CopyOnWriteArrayList<>();
        refusals.onNewReason(heard::add);
        int threads = 8;
        int each = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    refusals.count(new BridgeError(429, "rate-limited", "x"));
                }
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(refusals.count("rate-limited")).isEqualTo((long) threads * each);
        assertThat(heard).containsExactly("rate-limited");
    }
}

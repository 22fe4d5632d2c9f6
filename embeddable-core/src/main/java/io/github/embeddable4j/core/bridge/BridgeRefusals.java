package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.Internal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * How many requests the bridge refused, by reason: the {@link BridgeError#code()} of the 4xx it answered
 * ({@code cross-origin}, {@code rate-limited}, {@code too-large}, {@code malformed-json}, ...). When the server stops
 * hearing a page's widget events, these say whether the bridge turned them away and why; the HTTP status alone cannot
 * tell a page on another origin from one over its rate. A refusal costs a map lookup; an answered request nothing.
 * Spring Boot's starter publishes them as the meter {@code ringcentral.embeddable.bridge.refusals} (tag {@code reason}).
 *
 * <pre>{@code bridgeServlet.refusals().counts()  // {cross-origin=3, rate-limited=1}}</pre>
 */
public final class BridgeRefusals {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Consumer<String>> newReasonListeners = new CopyOnWriteArrayList<>();

    /** Counts one refusal under its code: the adapters' call, as they answer it. */
    @Internal("embeddable4j's adapters (the bridge endpoints), which count what they refuse")
    public void count(BridgeError refusal) {
        String reason = refusal.code();
        LongAdder count = counts.get(reason);
        if (count == null) {
            LongAdder made = new LongAdder();
            made.increment(); // counted before anyone hears of the reason, so a meter made then reads at least 1
            count = counts.putIfAbsent(reason, made);
            if (count == null) {
                newReasonListeners.forEach(listener -> listener.accept(reason));
                return;
            }
        }
        count.increment();
    }

    /** The refusals counted for a reason so far; 0 for one never seen. */
    public long count(String reason) {
        LongAdder count = counts.get(reason);
        return count == null ? 0 : count.sum();
    }

    /** Every reason seen so far and its count, in the reasons' order. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }

    /**
     * Calls {@code listener} with every reason already seen, then with each new one when it is first counted (on the
     * refusing thread), so a metrics registry can add a series per reason as it appears. A reason counted while the
     * listener is being added may be told twice.
     */
    @Internal("embeddable4j's Spring starter, which makes a meter per reason")
    public void onNewReason(Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        newReasonListeners.add(listener);
        counts.keySet().forEach(listener);
    }
}

package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.Internal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A fixed-window request counter per browser session, with bounded memory: it remembers at most {@code maxKeys}
 * sessions (the least recently seen are forgotten first), so a flood of new sessions cannot grow the heap.
 *
 * <pre>{@code if (!limiter.tryAcquire(sessionKey)) throw new BridgeError(429, "rate-limited", "...");}</pre>
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public final class SessionRateLimiter {

    private final int permits;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, long[]> windows;

    public SessionRateLimiter(int permitsPerWindow, Duration window, int maxKeys) {
        this(permitsPerWindow, window, maxKeys, System::nanoTime);
    }

    SessionRateLimiter(int permitsPerWindow, Duration window, int maxKeys, LongSupplier clock) {
        if (permitsPerWindow < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("A rate limiter needs at least one permit and one key");
        }
        this.permits = permitsPerWindow;
        this.windowNanos = window.toNanos();
        this.clock = clock;
        this.windows = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** For the limits of a bridge endpoint. */
    public static SessionRateLimiter of(BridgeLimits limits) {
        return new SessionRateLimiter(limits.requestsPerWindow(), limits.window(), 100_000);
    }

    /** Whether the session may make one more request now; counts it when it may. */
    public synchronized boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        long[] w = windows.get(key);
        if (w == null || now - w[0] >= windowNanos) {
            windows.put(key, new long[] {now, 1});
            return true;
        }
        if (w[1] >= permits) {
            return false;
        }
        w[1]++;
        return true;
    }

    /** How many sessions are remembered now (bounded by {@code maxKeys}). */
    public synchronized int size() {
        return windows.size();
    }
}

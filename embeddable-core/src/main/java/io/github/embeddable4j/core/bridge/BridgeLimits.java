package io.github.embeddable4j.core.bridge;

import java.time.Duration;
import java.util.Objects;

/**
 * What one bridge endpoint accepts: body size, events per batch, size of one event, and requests per browser session
 * in a time window. The defaults fit the widget: its largest message (a message-store record) is a few KB, and the
 * bridge script sends at most one batch per half second.
 *
 * @param maxBodyBytes       largest events request body (default 64 KiB); larger ones get 413 (a CRM call-out's body
 *                           has its own limit, 512 KiB, the service's)
 * @param maxEventsPerBatch  most events in one batch (default 50); more get 413
 * @param maxEventChars      largest single event as JSON text (default 32 KiB); larger ones get 400
 * @param requestsPerWindow  requests one session may make per window (default 60); more get 429
 * @param window             the rate window (default 10 s)
 */
public record BridgeLimits(int maxBodyBytes, int maxEventsPerBatch, int maxEventChars, int requestsPerWindow, Duration window) {

    private static final BridgeLimits DEFAULTS = new BridgeLimits(64 * 1024, 50, 32 * 1024, 60, Duration.ofSeconds(10));

    public BridgeLimits {
        Objects.requireNonNull(window, "window");
        if (maxBodyBytes < 1024 || maxEventsPerBatch < 1 || maxEventChars < 256 || requestsPerWindow < 1
                || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Bridge limits must allow a body of 1 KiB, one event of 256 chars and one"
                    + " request per positive window");
        }
    }

    /** The defaults: 64 KiB body, 50 events of 32 KiB chars a batch, 60 requests a session per 10 s. */
    public static BridgeLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with another largest body, in bytes (at least 1 KiB). */
    public BridgeLimits withMaxBodyBytes(int bytes) {
        return new BridgeLimits(bytes, maxEventsPerBatch, maxEventChars, requestsPerWindow, window);
    }

    /** These limits with another most events in one batch. */
    public BridgeLimits withMaxEventsPerBatch(int events) {
        return new BridgeLimits(maxBodyBytes, events, maxEventChars, requestsPerWindow, window);
    }

    /** These limits with another rate: {@code requests} per session per {@code per}, more get 429. */
    public BridgeLimits withRate(int requests, Duration per) {
        return new BridgeLimits(maxBodyBytes, maxEventsPerBatch, maxEventChars, requests, per);
    }
}

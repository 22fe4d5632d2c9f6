package io.github.embeddable4j.core.inject;

import io.github.embeddable4j.core.Internal;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Tells once, in the log, that a page's Content-Security-Policy refuses the widget's tags
 * ({@link PageRequests#refusedNonce}): the browser's console is otherwise the only place that says so (a strict-CSP
 * trial's three common mistakes all failed without a word on the server). One per filter.
 */
@Internal("embeddable4j's servlet and WebFlux filters")
public final class PolicyNonceWarning {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    private final AtomicBoolean told = new AtomicBoolean();

    /** Checks a page's policies (enforced and report-only) against its tags' nonce; returns why they refuse it, or null. */
    public @Nullable String check(Iterable<String> policies, @Nullable String nonce) {
        String reason = PageRequests.refusedNonce(policies, nonce);
        if (reason != null && told.compareAndSet(false, true)) {
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: " + reason + " (Said once.)");
        }
        return reason;
    }
}

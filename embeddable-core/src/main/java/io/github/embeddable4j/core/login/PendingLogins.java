package io.github.embeddable4j.core.login;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.jspecify.annotations.NullUnmarked;

/**
 * The sign-ins a session started, by state. A few may be open at once (connect clicked in two tabs); the oldest
 * goes when there are more, and an expired one is never returned.
 */
@NullUnmarked // internal: a missing or expired entry is null
final class PendingLogins implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final int MAX_OPEN = 5;

    private final LinkedHashMap<String, PendingLogin> byState = new LinkedHashMap<>();

    synchronized void add(PendingLogin pending, Instant now, Duration timeout) {
        dropExpired(now, timeout);
        while (byState.size() >= MAX_OPEN) {
            Iterator<String> oldest = byState.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byState.put(pending.state(), pending);
    }

    /** The sign-in with this state, removed whatever happens next (a state answers once); null when none or expired. */
    synchronized PendingLogin take(String state, Instant now, Duration timeout) {
        PendingLogin pending = byState.remove(state);
        return pending == null || pending.isExpired(now, timeout) ? null : pending;
    }

    synchronized boolean isEmpty() {
        return byState.isEmpty();
    }

    /** Under the same lock as changes: a session store writing it while a request adds or takes would write a torn map. */
    @Serial
    private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
    }

    private void dropExpired(Instant now, Duration timeout) {
        byState.values().removeIf(p -> p.isExpired(now, timeout));
    }
}

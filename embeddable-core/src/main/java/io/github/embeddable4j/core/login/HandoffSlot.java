package io.github.embeddable4j.core.login;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.NullUnmarked;

/**
 * The session's waiting handoff. Taking it is atomic, so two pages written at the same time in one session cannot
 * both carry it (for sessions kept in memory; a serialized session store gives each request its own copy).
 */
@NullUnmarked // internal: an empty slot holds null
final class HandoffSlot implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AtomicReference<LoginHandoff> handoff;
    private final long storedAtMillis;

    HandoffSlot(LoginHandoff handoff, long storedAtMillis) {
        this.handoff = new AtomicReference<>(handoff);
        this.storedAtMillis = storedAtMillis;
    }

    /** The handoff, now no longer in the slot; null when another page has it or it was used. */
    LoginHandoff take() {
        return handoff.getAndSet(null);
    }

    /** Puts back a handoff that no page carried, unless the slot holds one again. */
    void putBack(LoginHandoff taken) {
        handoff.compareAndSet(null, taken);
    }

    boolean isEmpty() {
        return handoff.get() == null;
    }

    long storedAtMillis() {
        return storedAtMillis;
    }
}

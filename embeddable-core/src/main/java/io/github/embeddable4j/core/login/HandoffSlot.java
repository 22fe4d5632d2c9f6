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
    /** The app and server that issued the code ({@link LoginAuthorization#issuer()}); null in sessions kept before. */
    private final String issuer;

    HandoffSlot(LoginHandoff handoff, long storedAtMillis, String issuer) {
        this.handoff = new AtomicReference<>(handoff);
        this.storedAtMillis = storedAtMillis;
        this.issuer = issuer;
    }

    /** Whether the code is one this app and server's widget can exchange (an older session's slot counts). */
    boolean isFor(String issuer) {
        return this.issuer == null || this.issuer.equals(issuer);
    }

    String issuer() {
        return issuer;
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

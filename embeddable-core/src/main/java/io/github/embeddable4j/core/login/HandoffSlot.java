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
    /** Who can exchange the code ({@link LoginAuthorization#issuer()}); null in sessions kept before it was recorded. */
    private final String issuer;
    /** The fingerprint of the key of the handoff's externalAuthId ({@link ExternalAuthIds#fingerprint()}); null before. */
    private final String keyFingerprint;

    HandoffSlot(LoginHandoff handoff, long storedAtMillis, String issuer, String keyFingerprint) {
        this.handoff = new AtomicReference<>(handoff);
        this.storedAtMillis = storedAtMillis;
        this.issuer = issuer;
        this.keyFingerprint = keyFingerprint;
    }

    /**
     * Whether the code is one a widget of this issuer ({@link LoginAuthorization#issuer()}) can exchange. A slot kept
     * before issuers were recorded (null) is the flow's own widget's, the only one that signed in once then.
     */
    boolean isFor(String issuer, boolean flowsOwn) {
        return this.issuer == null ? flowsOwn : this.issuer.equals(issuer);
    }

    String issuer() {
        return issuer;
    }

    String keyFingerprint() {
        return keyFingerprint;
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

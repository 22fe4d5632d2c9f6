package io.github.embeddable4j.core.login;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sign-in the server started and the authorization server has not answered yet: what to keep in the user's
 * session between the authorize redirect and the callback. Single use: take it out of the session when its state
 * comes back, whatever the answer. {@link #toString()} masks the state and the verifier (the state answers once, but
 * a log line holding an open one could be replayed while it waits).
 */
public final class PendingLogin implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String state;
    private final String codeVerifier;
    private final String redirectUri;
    private final String externalAuthId;
    private final String returnPath;
    private final long createdAtMillis;
    private final String authorizeUrl;
    /** Who can exchange its code ({@link LoginAuthorization#issuer()}); null in sessions kept before it was recorded. */
    private final @Nullable String issuer;
    /**
     * The fingerprint of the server key its externalAuthId was derived with ({@link ExternalAuthIds#fingerprint()}),
     * to tell an instance with another key from another user; null when started without endpoints, or kept before.
     */
    private final @Nullable String keyFingerprint;

    PendingLogin(String state, String codeVerifier, String redirectUri, String externalAuthId, String returnPath,
            long createdAtMillis, String authorizeUrl, String issuer, @Nullable String keyFingerprint) {
        this.state = Objects.requireNonNull(state, "state");
        this.codeVerifier = Objects.requireNonNull(codeVerifier, "codeVerifier");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.externalAuthId = Objects.requireNonNull(externalAuthId, "externalAuthId");
        this.returnPath = Objects.requireNonNull(returnPath, "returnPath");
        this.createdAtMillis = createdAtMillis;
        this.authorizeUrl = Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keyFingerprint = keyFingerprint;
    }

    /**
     * Whether it was started for a widget of this issuer ({@link LoginAuthorization#issuer()}). One kept before issuers
     * were recorded (null) is the flow's own widget's, the only one that signed in once then.
     */
    boolean isFor(String issuer, boolean flowsOwn) {
        return this.issuer == null ? flowsOwn : this.issuer.equals(issuer);
    }

    @Nullable String issuer() {
        return issuer;
    }

    @Nullable String keyFingerprint() {
        return keyFingerprint;
    }

    /** The state sent with the authorize request; the callback must bring it back. */
    public String state() {
        return state;
    }

    /** Where to send the browser now. */
    public String authorizeUrl() {
        return authorizeUrl;
    }

    /** The id of the application user who started the sign-in. */
    public String externalAuthId() {
        return externalAuthId;
    }

    /** The same-origin path to send the browser back to. */
    public String returnPath() {
        return returnPath;
    }

    /** When the sign-in was started. */
    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }

    /** Whether it was started longer than {@code timeout} before {@code now}. */
    public boolean isExpired(Instant now, Duration timeout) {
        return createdAt().plus(timeout).isBefore(now);
    }

    /** The handoff for the code the callback brought: nothing is exchanged here, the widget does that. */
    public LoginHandoff complete(String authorizationCode) {
        return LoginHandoff.of(authorizationCode, codeVerifier, redirectUri, externalAuthId);
    }

    /** Masks the verifier. */
    @Override
    public String toString() {
        return "PendingLogin[state=***, codeVerifier=***, redirectUri=" + redirectUri + ", externalAuthId="
                + externalAuthId + ", returnPath=" + returnPath + ", createdAt=" + createdAt() + "]";
    }
}

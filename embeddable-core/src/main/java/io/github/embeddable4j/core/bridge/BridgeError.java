package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.Internal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a bridge request was refused: an HTTP status (always 4xx), a short machine-readable code and a sentence for
 * people. Endpoints answer with {@link #toJson()}, never with a stack trace.
 *
 * <pre>{@code response.setStatus(error.status()); write(error.toJson());}</pre>
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public final class BridgeError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final int retryAfterSeconds;
    private @Nullable String allow;
    private int taken = -1;

    public BridgeError(int status, String code, String message) {
        this(status, code, message, 0);
    }

    /** With a {@code Retry-After} in seconds for the answer (0: none), for a 429. */
    public BridgeError(int status, String code, String message, int retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("A bridge error is a 4xx, not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    }

    /** The HTTP status: 400, 403, 404, 405, 413, 415 or 429. */
    public int status() {
        return status;
    }

    /** A short code such as {@code too-large}. */
    public String code() {
        return code;
    }

    /** The {@code Retry-After} the answer carries, in seconds; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * A 405 for a path that answers only {@code allow} (its {@code Allow} header), worded the same by every endpoint.
     *
     * <pre>{@code BridgeError.methodNotAllowed("GET, HEAD").toJson()  // {"error":"method-not-allowed","message":"This path answers GET, HEAD only."}}</pre>
     */
    public static BridgeError methodNotAllowed(String allow) {
        BridgeError e = new BridgeError(405, "method-not-allowed", "This path answers " + Objects.requireNonNull(allow, "allow") + " only.");
        e.allow = allow;
        return e;
    }

    /** The {@code Allow} header the answer carries (a 405's methods), or null for none. */
    public @Nullable String allow() {
        return allow;
    }

    /**
     * A 429 for an event batch whose first {@code taken} events were taken and the rest not: its JSON says how many
     * were, so the page sends only the rest again, after the 5 s of its {@code Retry-After}.
     */
    static BridgeError busy(int taken, int notTaken) {
        BridgeError e = new BridgeError(429, "busy", "The server is busy; " + notTaken + " events were not taken (the first "
                + taken + " were): send them again.", 5);
        e.taken = taken;
        return e;
    }

    /** {@code {"error":"too-large","message":"..."}}; a busy answer to events adds {@code "taken"}, see {@link #busy}. */
    public String toJson() {
        var json = Json.object().put("error", code).put("message", getMessage());
        if (taken >= 0) {
            json.put("taken", taken);
        }
        return Json.write(json);
    }

    static BridgeError badRequest(String code, String message) {
        return new BridgeError(400, code, message);
    }
}

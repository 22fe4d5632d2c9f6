package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.Internal;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks a bridge endpoint makes before it reads a body, the same for every adapter: POST only,
 * {@code application/json} only (UTF-8), same origin only, and a declared length within the limit. Same origin is
 * what the browser says: {@code Sec-Fetch-Site: same-origin} when it sends that header (every current browser does),
 * otherwise an {@code Origin} whose host and port are the request's {@code Host}. A request with neither is refused:
 * the endpoints serve the application's own pages' scripts, nothing else.
 *
 * <pre>{@code BridgeRequestCheck.check("POST", type, length, origin, secFetchSite, host, limits);  // throws BridgeError}</pre>
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public final class BridgeRequestCheck {

    private BridgeRequestCheck() {
    }

    /**
     * @param contentLength the declared length, or -1 when unknown (chunked): the body is then counted as it is read
     * @throws BridgeError 405, 415, 403 or 413, naming what is wrong
     */
    public static void check(String method, @Nullable String contentType, long contentLength, @Nullable String origin,
            @Nullable String secFetchSite, @Nullable String host, BridgeLimits limits) throws BridgeError {
        if (!"POST".equals(method)) {
            throw new BridgeError(405, "method-not-allowed", "Use POST.");
        }
        if (!isJson(contentType)) {
            throw new BridgeError(415, "unsupported-media-type", "Send application/json (UTF-8).");
        }
        checkSameOrigin(origin, secFetchSite, host);
        if (contentLength > limits.maxBodyBytes()) {
            throw new BridgeError(413, "too-large", "The body is larger than " + limits.maxBodyBytes() + " bytes.");
        }
    }

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset") && kv.length == 2
                    && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    static void checkSameOrigin(@Nullable String origin, @Nullable String secFetchSite, @Nullable String host)
            throws BridgeError {
        if (secFetchSite != null && !secFetchSite.isBlank()) {
            if (!secFetchSite.trim().equalsIgnoreCase("same-origin")) {
                throw new BridgeError(403, "cross-origin", "Only the application's own pages may call this endpoint.");
            }
            return;
        }
        if (origin == null || origin.isBlank()) {
            throw new BridgeError(403, "origin-required",
                    "Send the request from the application's own pages (with an Origin or Sec-Fetch-Site header).");
        }
        if (host == null || !host.trim().equalsIgnoreCase(hostOf(origin))) {
            throw new BridgeError(403, "cross-origin", "Only the application's own pages may call this endpoint.");
        }
    }

    /** {@code host[:port]} of an origin, as a Host header writes it; "" when it is not an http(s) origin. */
    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                return "";
            }
            return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }
}

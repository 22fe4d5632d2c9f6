package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.Internal;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks a bridge endpoint makes before it reads a body, the same for every adapter: POST only,
 * {@code application/json} only (UTF-8), same origin only, and a declared length within the limit. Same origin is
 * what the browser says: {@code Sec-Fetch-Site: same-origin} when it sends that header (every current browser does),
 * otherwise an {@code Origin} whose host and port are the request's {@code Host}, or that is the origin the server
 * resolved for the request (its scheme, server name and port, which follow {@code X-Forwarded-*} or {@code Forwarded}
 * headers where the application trusts its proxy: a proxy that rewrites {@code Host} then still passes). A request
 * with neither header is refused: the endpoints serve the application's own pages' scripts, nothing else.
 *
 * <pre>{@code BridgeRequestCheck.check("POST", type, length, origin, secFetchSite, host, serverOrigin, limits);  // throws BridgeError}</pre>
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public final class BridgeRequestCheck {

    private BridgeRequestCheck() {
    }

    /**
     * @param contentLength the declared length, or -1 when unknown (chunked): the body is then counted as it is read
     * @param host          the request's {@code Host} header
     * @param serverOrigin  {@code scheme://name:port} as the server resolved them for the request (a servlet
     *                      request's scheme, server name and port), or null
     * @throws BridgeError 405, 415, 403 or 413, naming what is wrong
     */
    public static void check(String method, @Nullable String contentType, long contentLength, @Nullable String origin,
            @Nullable String secFetchSite, @Nullable String host, @Nullable String serverOrigin, BridgeLimits limits)
            throws BridgeError {
        if (!"POST".equals(method)) {
            throw BridgeError.methodNotAllowed("POST");
        }
        if (!isJson(contentType)) {
            throw new BridgeError(415, "unsupported-media-type", "Send application/json (UTF-8).");
        }
        checkSameOrigin(origin, secFetchSite, host, serverOrigin);
        if (contentLength > limits.maxBodyBytes()) {
            throw new BridgeError(413, "too-large", "The body is larger than " + limits.maxBodyBytes() + " bytes.");
        }
    }

    /**
     * A body in a {@code Content-Encoding} (gzip, ...) is refused with 415, as HTTP says (RFC 9110, 15.5.16): the glue
     * never compresses, and a compressed body read as JSON was a 400 {@code malformed-json} that named the wrong cause.
     */
    public static void checkEncoding(@Nullable String contentEncoding) throws BridgeError {
        if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            throw new BridgeError(415, "unsupported-encoding", "Send the body without a Content-Encoding.");
        }
    }

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1); // ";" alone split to nothing at all, and parts[0] threw
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

    static void checkSameOrigin(@Nullable String origin, @Nullable String secFetchSite, @Nullable String host,
            @Nullable String serverOrigin) throws BridgeError {
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
        String originHost = hostOf(origin);
        if (host != null && !originHost.isEmpty() && host.trim().equalsIgnoreCase(originHost)) {
            return; // an Origin without a host ("null") matches no Host header, not even an empty one
        }
        String normalized = normalize(origin);
        if (normalized.isEmpty() || serverOrigin == null || !normalized.equals(normalize(serverOrigin))) {
            throw new BridgeError(403, "cross-origin", "Only the application's own pages may call this endpoint.");
        }
    }

    /**
     * {@code scheme://host[:port]} in lower case, without the scheme's default port; "" when not an http(s) origin
     * (browsers send none with a path, query, user info or fragment).
     */
    private static String normalize(String origin) {
        URI uri = bareOrigin(origin);
        if (uri == null) {
            return "";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** {@code host[:port]} of an origin, as a Host header writes it; "" when it is not an http(s) origin. */
    private static String hostOf(String origin) {
        URI uri = bareOrigin(origin);
        return uri == null ? "" : uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** The origin as a URI when it is {@code http(s)://host[:port]} and nothing more, as browsers send it; else null. */
    private static @Nullable URI bareOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
            return bare ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}

package io.github.embeddable4j.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URL checks shared by the configuration types. Messages read "what is wrong; how to fix it". */
@Internal("embeddable4j's own URL settings, whose refusals quote the value")
public final class Urls {

    private Urls() {
    }

    /**
     * Parses an absolute URL, refusing user info, a fragment and any scheme but https (http on loopback when allowed),
     * and a broken character: {@link URI} accepts a lone surrogate, which no URL or page can carry.
     */
    static URI requireHttpUrl(String value, boolean allowLoopbackHttp) {
        return requireHttpUrl(value, allowLoopbackHttp, "https://host/path");
    }

    /** {@link #requireHttpUrl(String, boolean)}, saying how to write the value with {@code shape} when it is not absolute. */
    private static URI requireHttpUrl(String value, boolean allowLoopbackHttp, String shape) {
        ConfigValues.checkEncodable(value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(value) + "' is not a valid URL (" + e.getReason()
                    + "); write an absolute https:// URL with spaces and special characters percent-encoded");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null && !scheme.isEmpty() && !scheme.equals("https") && !scheme.equals("http")
                && !looksLikeHostAndPort(uri)) {
            // javascript:, data:, mailto: are absolute, so "not absolute" would mislead; the scheme is what is wrong
            throw new IllegalArgumentException("'" + shown(value) + "' is a " + scheme + ": URL, not a web address; write it as "
                    + shape);
        }
        if (uri.isAbsolute() && uri.getHost() == null && uri.getRawAuthority() != null
                && uri.getRawAuthority().indexOf('@') < 0) {
            // absolute, but java.net.URI reads no host in it: one with letters outside ASCII, or with a '_'
            throw new IllegalArgumentException("'" + shown(value) + "' has a host name this library cannot read (letters"
                    + " outside ASCII, or '_'); write an internationalised name in its ASCII form (punycode, xn--...)"
                    + " and use a host name without '_'");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + shown(value) + "' is not an absolute URL; write it as " + shape);
        }
        boolean loopback = isLoopback(uri.getHost());
        if (!scheme.equals("https") && !(allowLoopbackHttp && loopback && scheme.equals("http"))) {
            throw new IllegalArgumentException("'" + shown(value) + "' does not use https; write an https:// URL"
                    + (allowLoopbackHttp ? " (plain http:// is allowed only for localhost, 127.0.0.1 and [::1])" : ""));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + shown(value) + "' has user info before the host; remove it");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + shown(value) + "' has a #fragment; remove it");
        }
        return uri;
    }

    /** A scheme (or a user name that looks like one) and {@code //}, then all up to the authority's last {@code @}. */
    private static final java.util.regex.Pattern USER_INFO =
            java.util.regex.Pattern.compile("^((?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://)?)[^/?#]*@");

    /**
     * The value as a message quotes it: user info before the host (a password, as in {@code https://bob:pw@cdn...},
     * {@code bob:p@ss@cdn...} or without a scheme) is replaced by {@code ***}, since the message goes to the start-up
     * log.
     *
     * <pre>{@code Urls.shown("https://bob:hunter2@cdn.example/x") // "https://***@cdn.example/x"}</pre>
     */
    public static String shown(String value) {
        return USER_INFO.matcher(value.strip()).replaceFirst("$1***@");
    }

    /** {@code localhost:8080/x} or {@code crm.example.com:8443}: a host and port written without a scheme. */
    private static boolean looksLikeHostAndPort(URI uri) {
        String rest = uri.getRawSchemeSpecificPart();
        // a port is digits up to the path: javascript:1;alert(1) is still a script URL
        return uri.getScheme().contains(".") || rest.matches("\\d{1,5}(/.*)?");
    }

    /** Parses an origin: an absolute https URL with no path (or "/"), query or fragment. Returns it normalised. */
    static String requireOrigin(String value, boolean allowLoopbackHttp) {
        URI uri = requireHttpUrl(value, allowLoopbackHttp, "https://host, the scheme and host only");
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("'" + shown(value) + "' is not an origin; write the scheme and host only,"
                    + " such as https://platform.ringcentral.com");
        }
        return originOf(uri);
    }

    /** {@code scheme://host[:port]}, lower case, without a default port. */
    static String originOf(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }
}

package io.github.embeddable4j.core.login;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What sign in once reads from a request and sets on a page carrying a one-time login, the same in every adapter:
 * whether a person reads the answer ({@link #wantsPage}), whether a visit may be redirected to the connect path
 * ({@link #isPageNavigation}), whether a page's scripts will run so it may take the handoff or the sign-out mark
 * ({@link #isPageLoad}), and the cache headers such a page needs ({@link #noStoreHeaders}). Headers are passed as
 * lookups, so no framework type is needed.
 *
 * <pre>{@code if (LoginRequests.isPageLoad(request::getHeader)) { var reservation = login.takeHandoff(session, () -> login.externalAuthIdOf(userId)); }}</pre>
 */
public final class LoginRequests {

    /**
     * The headers that tell caches whether to keep a response: {@code Cache-Control}, and those CDNs read in its place
     * ({@code CDN-Cache-Control}, RFC 9213, and {@code Surrogate-Control}). A page carrying a one-time login says
     * {@code no-store} in {@code Cache-Control}, and in each of the others the application set, or a CDN told to keep
     * the page would serve this visitor's code to the next.
     */
    public static final List<String> CACHE_HEADERS = List.of("Cache-Control", "CDN-Cache-Control", "Surrogate-Control");

    private LoginRequests() {
    }

    /**
     * Whether a request is a browser's navigation, whose answer a person reads: {@code Sec-Fetch-Mode: navigate}, or,
     * from a client without Fetch Metadata, an {@code Accept} header naming {@code text/html}.
     *
     * @param header the request's headers by name
     */
    public static boolean wantsPage(Function<String, @Nullable String> header) {
        String mode = header.apply("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.equals("navigate");
        }
        String accept = header.apply("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /**
     * Whether a request is the browser's own top-level visit of a page, which may be redirected to the connect path
     * (and on to RingCentral): a GET that accepts HTML, not made by htmx ({@code HX-Request}), and, where the browser
     * says how it fetches (Fetch Metadata), a navigation of the window itself. A script's fetch (htmx, Turbo) that
     * followed that redirect would end on RingCentral's page, another origin it may not read, and a frame would show
     * a page RingCentral does not let be framed; either way the sign-in would be lost.
     *
     * @param header the request's headers by name ({@code Accept}, {@code Sec-Fetch-Mode}, {@code Sec-Fetch-Dest},
     *               {@code HX-Request} are read)
     */
    public static boolean isPageNavigation(String method, Function<String, @Nullable String> header) {
        if (!"GET".equals(method) || !isPageLoad(header)) {
            return false;
        }
        String accept = header.apply("Accept");
        String destination = header.apply("Sec-Fetch-Dest");
        return accept != null && accept.contains("text/html") && (destination == null || destination.equals("document"));
    }

    /**
     * Whether a page is loaded by the browser to be shown, so that its scripts run: not fetched by a script (htmx's
     * {@code HX-Request}, or Fetch Metadata's {@code Sec-Fetch-Mode} other than {@code navigate}: a {@code fetch()},
     * Turbo, an XMLHttpRequest). Only such a page may take the one-time login handoff or the sign-out mark: the
     * snippet carrying them goes into the page's head, which nobody runs in a page a script fetched (htmx drops it,
     * a {@code fetch()} reads text), so they would be spent on it and lost. Frames' pages count (their scripts run).
     *
     * @param header the request's headers by name ({@code Sec-Fetch-Mode} and {@code HX-Request} are read)
     */
    public static boolean isPageLoad(Function<String, @Nullable String> header) {
        String mode = header.apply("Sec-Fetch-Mode");
        return !"true".equals(header.apply("HX-Request")) && (mode == null || mode.equals("navigate"))
                && !isSpeculative(header);
    }

    /**
     * A prefetch or prerender ({@code Sec-Purpose: prefetch}, or {@code prefetch;prerender}; older browsers'
     * {@code Purpose: prefetch}): the browser may never show the page, so it takes no handoff, which the page it does
     * show then takes.
     */
    private static boolean isSpeculative(Function<String, @Nullable String> header) {
        String purpose = header.apply("Sec-Purpose");
        String old = header.apply("Purpose");
        return (purpose != null && purpose.toLowerCase(Locale.ROOT).contains("prefetch"))
                || (old != null && old.trim().equalsIgnoreCase("prefetch"));
    }

    /**
     * What a page carrying a one-time login sets: {@code Cache-Control: no-store}, and {@code no-store} in each other
     * of {@link #CACHE_HEADERS} the page already has (without one, a CDN follows {@code Cache-Control}).
     *
     * @param current the response's header by name, or null where it has none
     */
    public static Map<String, String> noStoreHeaders(Function<String, @Nullable String> current) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : CACHE_HEADERS) {
            if (name.equals("Cache-Control") || current.apply(name) != null) {
                headers.put(name, "no-store");
            }
        }
        return headers;
    }

    /** Whether a header is one of {@link #CACHE_HEADERS}, in any case. */
    public static boolean isCacheHeader(String name) {
        for (String cacheHeader : CACHE_HEADERS) {
            if (cacheHeader.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}

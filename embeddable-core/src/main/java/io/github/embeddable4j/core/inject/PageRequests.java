package io.github.embeddable4j.core.inject;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Internal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an injecting adapter reads from a request's and a response's headers, decided once here so the servlet filter
 * and the WebFlux filter agree: which navigations lose their conditional headers, which response headers are a page's
 * validators, and where a request keeps its CSP nonce. Headers and attributes are passed as lookups, so no framework
 * type is needed.
 */
@Internal("embeddable4j's servlet and WebFlux filters")
public final class PageRequests {

    /**
     * The request headers a browser's navigation loses ({@link #isNavigation}, to a path of {@link #isPageType}): it
     * sends them with the validators of the copy it holds, which may be the file as served before the widget was added
     * (an injecting filter drops the validators of every page it injects into, so only such a copy has them). A
     * static-file handler would answer 304, and the page would stay without the widget, or 206 with a part of the file.
     */
    public static final List<String> CONDITIONAL_HEADERS =
            List.of("If-None-Match", "If-Modified-Since", "Range", "If-Range");

    /** Where a nonce is looked for after the configured attributes: Spring Security's proposal's name, and another. */
    public static final List<String> DEFAULT_NONCE_ATTRIBUTES = List.of("_csp_nonce", "cspNonce");

    private PageRequests() {
    }

    /**
     * Whether a request carries a validator or a range ({@code If-None-Match}, {@code If-Modified-Since}, {@code Range}):
     * three lookups, the only cost on the usual request. {@code If-Range} comes only with {@code Range}.
     */
    public static boolean isConditional(Function<String, @Nullable String> header) {
        return header.apply("If-None-Match") != null || header.apply("If-Modified-Since") != null
                || header.apply("Range") != null;
    }

    /**
     * Whether a request is a browser's navigation: Fetch Metadata's destination {@code document}, {@code iframe} or
     * {@code frame}; without it an {@code Accept} naming HTML, as every browser's navigation sends. A script, an image,
     * a {@code fetch} are not, and keep their 304s and ranges. Ask {@link #isPageType} of its path too (a PDF opened
     * in a tab is a navigation).
     */
    public static boolean isNavigation(Function<String, @Nullable String> header) {
        String destination = header.apply("Sec-Fetch-Dest");
        if (destination != null) {
            return destination.equals("document") || destination.equals("iframe") || destination.equals("frame");
        }
        String accept = header.apply("Accept");
        return accept != null && (accept.contains("text/html") || accept.contains("application/xhtml+xml"));
    }

    /**
     * Whether a request for a path of this MIME type (by its extension; null when it has none) reaches the application
     * without its {@link #CONDITIONAL_HEADERS}, so that the page is written in full and the filter decides: a
     * {@link #isNavigation navigation} to a path that {@link #isPageType may be a page}, or any request for an HTML file
     * ({@code .html}). A non-navigation keeps them elsewhere: a script's, an image's or a JSON API's 304s and ranges
     * stay. For an HTML file they would describe the file without the widget: a proxy or a CDN revalidating a copy
     * cached before the widget was added got a 304 and kept it, and a download resumed with {@code Range} got the
     * file's bytes, whose offsets are not the page's (a protocol trial).
     */
    public static boolean losesConditionalHeaders(Function<String, @Nullable String> header, @Nullable String pathMimeType) {
        if (!isConditional(header)) {
            return false;
        }
        return isHtmlType(pathMimeType) || (isNavigation(header) && isPageType(pathMimeType));
    }

    private static boolean isHtmlType(@Nullable String mimeType) {
        return mimeType != null && isPageType(mimeType);
    }

    /**
     * Whether a path's MIME type (by its extension, as the server maps it; null when it has none) may be a page: HTML,
     * or none, since an extensionless path is whatever its handler makes it.
     */
    public static boolean isPageType(@Nullable String pathMimeType) {
        if (pathMimeType == null) {
            return true;
        }
        String lower = pathMimeType.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/html") || lower.startsWith("application/xhtml+xml");
    }

    /** Whether a request header is one of {@link #CONDITIONAL_HEADERS} (any case). */
    public static boolean isConditionalHeader(String name) {
        for (String hidden : CONDITIONAL_HEADERS) {
            if (hidden.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a response header is a validator of the page as the application wrote it ({@code ETag},
     * {@code Last-Modified}, {@code Accept-Ranges}): it does not describe the page with the widget in it, where a 304
     * would keep a page whose loader the configuration has changed since, and a range would mix two versions.
     */
    public static boolean isValidator(String name) {
        return "ETag".equalsIgnoreCase(name) || "Last-Modified".equalsIgnoreCase(name) || "Accept-Ranges".equalsIgnoreCase(name);
    }

    /**
     * The nonce in the first of {@code names} (then {@link #DEFAULT_NONCE_ATTRIBUTES}) that holds one, or null. An
     * attribute may hold the nonce as text, as a {@link Supplier} of it (a deferred token), or as any object whose
     * {@code toString()} is the nonce.
     */
    public static @Nullable String nonce(List<String> names, Function<String, @Nullable Object> attribute) {
        String found = firstNonce(names, attribute);
        return found != null ? found : firstNonce(DEFAULT_NONCE_ATTRIBUTES, attribute);
    }

    /**
     * The script nonce of the first of a page's own {@code Content-Security-Policy} header values that allows scripts by
     * one, or null: the header is what the browser enforces, so it goes before a request attribute's nonce. (Wicket
     * serves a page rendered in an earlier request, with that request's header and nonce, while the nonce it holds for
     * this request is another.)
     */
    public static @Nullable String policyNonce(Iterable<String> policies) {
        for (String policy : policies) {
            java.util.Optional<String> nonce = CspSources.scriptNonceOf(policy);
            if (nonce.isPresent()) {
                return nonce.get();
            }
        }
        return null;
    }

    /**
     * {@link #policyNonce(Iterable)} of the enforced policies, else of the report-only ones: during a rollout a page
     * may send its nonce only in {@code Content-Security-Policy-Report-Only}, and tags without it are reported.
     */
    public static @Nullable String policyNonce(Iterable<String> enforced, Iterable<String> reportOnly) {
        String found = policyNonce(enforced);
        return found != null ? found : policyNonce(reportOnly);
    }

    /**
     * Why one of a page's policies will refuse the widget's script tags carrying {@code nonce} (null: none), or null.
     * Only a policy whose script directive holds {@code 'strict-dynamic'} is judged: browsers then ignore its host
     * sources, so a tag runs only with one of its nonces. (Without it, the loader's origin and {@code 'self'} may allow
     * the tags, which {@code CspSources.mergeInto} adds.)
     */
    public static @Nullable String refusedNonce(Iterable<String> policies, @Nullable String nonce) {
        for (String headerValue : policies) {
            for (String policy : CspSources.policiesOf(headerValue)) { // one value may join several policies by commas
                List<String> sources = CspSources.scriptSourcesOf(policy);
                boolean strictDynamic = sources.stream().anyMatch(s -> s.equalsIgnoreCase("'strict-dynamic'"));
                if (strictDynamic && (nonce == null || sources.stream().noneMatch(s -> isNonce(s, nonce)))) {
                    return "the page's Content-Security-Policy allows scripts by 'strict-dynamic', so only by a nonce it"
                            + " lists," + (nonce == null ? " and the widget's tags carry none" : " and the widget's tags carry another")
                            + ": the browser refuses the loader and the bridge script. Give the request its policy's nonce"
                            + " (the request attribute _csp_nonce, or the one nonce-attribute names) before the page's first"
                            + " byte is written, or send the policy header with the nonce by then.";
                }
            }
        }
        return null;
    }

    /** Whether a source is {@code 'nonce-<nonce>'}: the keyword in any case, as CSP reads it; the value exactly. */
    private static boolean isNonce(String source, String nonce) {
        return source.length() == nonce.length() + 8 && source.regionMatches(true, 0, "'nonce-", 0, 7)
                && source.startsWith(nonce, 7) && source.endsWith("'");
    }

    private static @Nullable String firstNonce(List<String> names, Function<String, @Nullable Object> attribute) {
        for (String name : names) {
            Object value = attribute.apply(name);
            if (value instanceof Supplier<?> supplier) {
                value = supplier.get();
            }
            if (value != null && !value.toString().isEmpty()) {
                return value.toString();
            }
        }
        return null;
    }
}

package io.github.embeddable4j.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OAuth redirect page for a self-hosted redirect URI. The login popup lands here with the authorization code
 * in its URL, and the page hands {@code {callbackUri: location.href}} to the widget the way RingCentral's stock
 * {@code redirect.html} does: to a same-origin widget through its {@code oAuthCallback}, else by posting to the
 * window that opened it once for each origin the widget may run on ({@link WidgetOrigins}; the browser delivers it
 * only where the target matches the opener's real origin), then closes; inside a frame it posts to the parent
 * ({@code callbackUri} for the widget's SSO frame, {@code refreshCallbackUri} for its token-refresh frame). The widget
 * exchanges the code itself (PKCE), so no server logic is involved. It never posts to {@code '*'}. Like the stock page
 * it also posts to its own origin: with {@code disableLoginPopup} the application's page (the loader in it) opens the
 * popup, so the opener is on this page's origin, and only a window there can receive it. The stock page's
 * last resort, writing the callback URL (with the code) to this origin's localStorage, is left out: it would keep
 * an authorization code in storage, and its key does not match the one the widget watches.
 * Framework adapters serve {@link #bytes()} with {@link #headers()}.
 */
public final class RedirectPage {

    private final List<String> targetOrigins;
    private final String script;
    private final String html;
    private final byte[] bytes;
    private final Map<String, String> headers;

    private RedirectPage(List<String> targetOrigins) {
        this.targetOrigins = List.copyOf(targetOrigins);
        StringBuilder targets = new StringBuilder("[");
        for (int i = 0; i < targetOrigins.size(); i++) {
            targets.append(i == 0 ? "\"" : ", \"").append(Escape.jsString(targetOrigins.get(i))).append('"');
        }
        targets.append(']');
        // window.opener is the widget's frame (it opened the popup), whose origin is one of the targets, or with
        // disableLoginPopup the application's page, on this page's own origin, as the stock redirect.js allows too.
        this.script = "(function () {\n"
                + "  var targets = " + targets + ";\n"
                + "  if (targets.indexOf(window.location.origin) < 0) { targets.push(window.location.origin); }\n"
                + "  var callbackUri = window.location.href;\n"
                + "  try {\n"
                + "    if (window.opener && window.opener.oAuthCallback) {\n"
                + "      window.opener.oAuthCallback(callbackUri);\n"
                + "      window.close();\n"
                + "      return;\n"
                + "    }\n"
                + "  } catch (e) { /* a cross-origin opener: post to it instead */ }\n"
                + "  if (window.opener && window.opener !== window) {\n"
                + "    targets.forEach(function (t) { window.opener.postMessage({ callbackUri: callbackUri }, t); });\n"
                + "    window.close();\n"
                + "    return;\n"
                + "  }\n"
                + "  if (window.parent && window.parent !== window) {\n"
                + "    var key = window.name === 'SSOIframe' ? 'callbackUri' : 'refreshCallbackUri';\n"
                + "    targets.forEach(function (t) { var m = {}; m[key] = callbackUri; window.parent.postMessage(m, t); });\n"
                + "  }\n"
                + "})();";
        this.html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>Signing in</title></head>\n"
                + "<body><p>Signing you in to RingCentral. You can close this window.</p>\n"
                + "<script>" + script + "</script></body></html>\n";
        this.bytes = html.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html;charset=UTF-8");
        // The authorization code is in the URL: keep it out of caches and Referer headers.
        h.put("Cache-Control", "no-store");
        h.put("Referrer-Policy", "no-referrer");
        // Only the widget may frame this page (its SSO and token-refresh frames), and every ancestor must match: the
        // widget's frame sits in the application's own page, on this page's origin ('self'; a trial's SSO frame was
        // blocked without it). Framed by 'self' alone it gives nothing away: it posts to widget origins and its own.
        h.put("Content-Security-Policy", "default-src 'none'; script-src " + ScriptHash.sha256Source(script)
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'self' " + String.join(" ", targetOrigins));
        h.put("X-Content-Type-Options", "nosniff");
        // A same-origin opener policy would cut the popup off from the widget that opened it.
        h.put("Cross-Origin-Opener-Policy", "unsafe-none");
        this.headers = Map.copyOf(h);
    }

    /** The redirect page for a rendered configuration; it posts to each of {@link Embeddable#widgetOrigins()}. */
    public static RedirectPage of(Embeddable embeddable) {
        return new RedirectPage(Objects.requireNonNull(embeddable, "embeddable").widgetOrigins().all());
    }

    /**
     * The widget origins the page posts the callback URL to, in order, before its own (which its script adds, as the
     * stock page does); never {@code '*'}.
     */
    public List<String> targetOrigins() {
        return targetOrigins;
    }

    /** The inline script, whose hash the page's CSP allows. */
    public String script() {
        return script;
    }

    /** The page. */
    public String html() {
        return html;
    }

    /** The page in UTF-8 (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The headers to send with the page: Content-Type, {@code Cache-Control: no-store},
     * {@code Referrer-Policy: no-referrer}, a CSP that allows only the page's own script by hash, and
     * {@code Cross-Origin-Opener-Policy: unsafe-none}.
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Whether {@code embeddable}'s login popup can come back to a redirect page of the application's own at all: not on
     * RingCentral's demo app (no client ID; it lists only its hosting's stock page), nor without a redirect URI (the
     * widget uses that stock page). Where it cannot, advice about the page (such as opening it to visitors without a
     * session) is noise beside {@link #mismatchWarnings}'s "never used".
     *
     * <pre>{@code if (RedirectPage.isUsedBy(widget)) { ... }}</pre>
     */
    public static boolean isUsedBy(Embeddable embeddable) {
        return embeddable.config().clientId().isPresent() && embeddable.config().customRedirectUri().isPresent();
    }

    /**
     * What is wrong with serving {@code embeddable}'s redirect page at {@code paths}: its redirect URI not among them
     * (the login popup would land elsewhere), or no redirect URI set at all (the widget uses RingCentral's page). Each
     * warning names the fix. Adapters check each widget when its page is first served; an application that builds
     * widgets while it runs (a tenant's row) can check one when it is built. Empty when it is right.
     *
     * <pre>{@code RedirectPage.mismatchWarnings(tenantWidget, "RedirectPageServlet", "", List.of("/ringcentral/redirect"))}</pre>
     *
     * @param servedBy    what serves the page, named at the start of each warning (such as {@code RedirectPageServlet})
     * @param contextPath the application's context or base path ("" for the root)
     * @param paths       where the page is served within the application, such as {@code /ringcentral/redirect}
     *                    (a servlet mapping ending in {@code /*} covers what is below it)
     */
    public static List<String> mismatchWarnings(Embeddable embeddable, String servedBy, String contextPath, Collection<String> paths) {
        List<String> warnings = new ArrayList<>();
        List<String> answersAt = paths.stream().map(m -> contextPath + m).toList(); // the paths a browser asks for
        if (embeddable.config().clientId().isEmpty()) {
            // RingCentral's demo app lists only its hosting's stock page: no redirect URI can be registered on it
            String own = embeddable.config().customRedirectUri().orElse(null);
            warnings.add(servedBy + ": the widget runs on RingCentral's demo app (no clientId), which "
                    + (own == null ? "uses its hosting's stock page " + embeddable.redirectUri() + ", so this page is never used"
                            : "does not list the configured redirectUri " + own + " among its redirect URIs, so the login"
                                    + " popup cannot come back to this page (\"Redirect URIs do not match\")")
                    + ". To use it, give the widget a client ID of your own app (RingCentral Developer Console), set"
                    + " redirectUri to this page's URL (served at " + answersAt + ") and register it on that app.");
            return warnings;
        }
        if (embeddable.config().customRedirectUri().isEmpty()) {
            warnings.add(servedBy + ": no redirectUri is configured, so the widget uses its hosting's stock page "
                    + embeddable.redirectUri() + " and this page is never used. Set redirectUri to this page's URL "
                    + "(served at " + answersAt + ") and register it on the app.");
            return warnings;
        }
        String path = URI.create(embeddable.redirectUri()).getPath();
        boolean served = false;
        for (String mapping : paths) {
            String full = contextPath + mapping;
            if (mapping.endsWith("/*") ? path.startsWith(full.substring(0, full.length() - 1)) || path.equals(full.substring(0, full.length() - 2))
                    : path.equals(full)) {
                served = true;
            }
        }
        if (served) {
            return warnings;
        }
        String exact = answersAt.stream().filter(f -> !f.contains("*") && path.endsWith(f)).findFirst().orElse(null);
        if (exact != null) { // the path is a prefix and this page's path: a proxy may strip the prefix
            warnings.add(servedBy + ": the configured redirectUri " + embeddable.redirectUri() + " has the path " + path
                    + ", and this page is served at " + exact + ". That is right if a proxy publishes this application under "
                    + path.substring(0, path.length() - exact.length()) + " and strips it; otherwise set redirectUri to"
                    + " this page's URL and register that URL on the RingCentral app.");
        } else {
            String inside = path.startsWith(contextPath + "/") ? path.substring(contextPath.length()) : null;
            warnings.add(servedBy + ": the configured redirectUri " + embeddable.redirectUri() + " has the path " + path
                    + ", but this page is served at " + answersAt + " (context path '" + contextPath + "'). Set redirectUri"
                    + " to this page's URL (such as " + origin(embeddable.redirectUri()) + (answersAt.isEmpty() ? "" : answersAt.get(0))
                    + ") and register that URL on the RingCentral app" + (inside == null ? "." : ", or serve the page at "
                    + inside + "."));
        }
        return warnings;
    }

    /**
     * {@link #mismatchWarnings(Embeddable, String, String, Collection)} for a page built before its application's base
     * path is known (a WebFlux filter is a bean, and only its requests carry {@code spring.webflux.base-path}): a
     * redirect URI whose path ends in one of {@code paths} counts as served there, whatever comes before it.
     *
     * <pre>{@code RedirectPage.mismatchWarnings(widget, "EmbeddableRedirectPageWebFilter", List.of("/ringcentral/redirect"))}</pre>
     *
     * @param paths where the page is served within the application, such as {@code /ringcentral/redirect}
     */
    public static List<String> mismatchWarnings(Embeddable embeddable, String servedBy, Collection<String> paths) {
        String uriPath = embeddable.config().customRedirectUri().map(uri -> URI.create(uri).getPath()).orElse("");
        String basePath = paths.stream().filter(p -> !p.contains("*") && uriPath.endsWith(p))
                .map(p -> uriPath.substring(0, uriPath.length() - p.length())).findFirst().orElse("");
        return mismatchWarnings(embeddable, servedBy, basePath, paths);
    }

    /** The redirect URI's scheme and authority: the host the page is served on (a tenant's, say). */
    private static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}

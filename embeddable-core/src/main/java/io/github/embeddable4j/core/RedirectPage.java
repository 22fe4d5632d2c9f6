package io.github.embeddable4j.core;

import java.nio.charset.StandardCharsets;
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
 * exchanges the code itself (PKCE), so no server logic is involved. It never posts to {@code '*'}, nor to its own
 * origin unless that is a widget origin: the widget acts on any {@code callbackUri} it receives. The stock page's
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
        // window.opener is the widget's frame (it opened the popup); its origin is one of the targets.
        this.script = "(function () {\n"
                + "  var targets = " + targets + ";\n"
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
        // blocked without it). Framed by 'self' alone it gives nothing away: it posts only to widget origins.
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

    /** The origins the page posts the callback URL to, in order; never {@code '*'}. */
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
}

package io.github.embeddable4j.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The OAuth redirect page for a self-hosted redirect URI. The login popup lands here with the authorization code
 * in its URL; the page posts {@code {callbackUri: location.href}} to the widget that opened it (targeting only the
 * widget's origin) and closes. The widget exchanges the code itself (PKCE), so no server logic is involved.
 * Framework adapters serve {@link #bytes()} with {@link #headers()}.
 */
public final class RedirectPage {

    private final String targetOrigin;
    private final String script;
    private final String html;
    private final byte[] bytes;
    private final Map<String, String> headers;

    private RedirectPage(String targetOrigin) {
        this.targetOrigin = targetOrigin;
        // window.opener is the widget's frame (it opened the popup), on the widget's origin.
        this.script = "(function () {\n"
                + "  var target = \"" + Escape.jsString(targetOrigin) + "\";\n"
                + "  if (window.opener && window.opener !== window) {\n"
                + "    window.opener.postMessage({ callbackUri: window.location.href }, target);\n"
                + "    window.close();\n"
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
        h.put("Content-Security-Policy", "default-src 'none'; script-src " + ScriptHash.sha256Source(script)
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        h.put("X-Content-Type-Options", "nosniff");
        // A same-origin opener policy would cut the popup off from the widget that opened it.
        h.put("Cross-Origin-Opener-Policy", "unsafe-none");
        this.headers = Map.copyOf(h);
    }

    /** The redirect page for a rendered configuration; it posts to {@link Embeddable#widgetOrigin()}. */
    public static RedirectPage of(Embeddable embeddable) {
        return new RedirectPage(Objects.requireNonNull(embeddable, "embeddable").widgetOrigin());
    }

    /** The only origin the page posts the callback URL to. */
    public String targetOrigin() {
        return targetOrigin;
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

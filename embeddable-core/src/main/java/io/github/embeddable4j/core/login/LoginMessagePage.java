package io.github.embeddable4j.core.login;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plain page that tells the user why signing in to RingCentral did not happen (declined, expired, started by
 * another user) and offers a way back: no script, no stack trace, text escaped, not cacheable, not framable.
 * Framework adapters serve {@link #bytes()} with {@link #headers()} and a 4xx (or 503) status.
 */
public final class LoginMessagePage {

    /** A link on the page; {@code href} should be a path on the application's origin. */
    public record Link(String href, String text) {
        public Link {
            Objects.requireNonNull(href, "href");
            Objects.requireNonNull(text, "text");
        }
    }

    private static final Map<String, String> HEADERS;

    static {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html;charset=UTF-8");
        h.put("Cache-Control", "no-store");
        // The callback URL that led here may carry a code or an error: keep it out of Referer headers.
        h.put("Referrer-Policy", "no-referrer");
        h.put("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        h.put("X-Content-Type-Options", "nosniff");
        HEADERS = Map.copyOf(h);
    }

    private final String html;

    private LoginMessagePage(String html) {
        this.html = html;
    }

    /** A page with a heading, a paragraph and links, each escaped. */
    public static LoginMessagePage of(String title, String message, List<Link> links) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\"><title>").append(escape(title))
                .append("</title></head>\n<body><h1>").append(escape(title)).append("</h1>\n<p>")
                .append(escape(message)).append("</p>\n");
        for (Link link : links) {
            sb.append("<p><a href=\"").append(escape(link.href())).append("\">").append(escape(link.text()))
                    .append("</a></p>\n");
        }
        return new LoginMessagePage(sb.append("</body></html>\n").toString());
    }

    /** The page. */
    public String html() {
        return html;
    }

    /** The page in UTF-8. */
    public byte[] bytes() {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** Content-Type, {@code Cache-Control: no-store}, {@code Referrer-Policy: no-referrer}, a CSP with no sources. */
    public Map<String, String> headers() {
        return HEADERS;
    }

    /** Escapes text for HTML content and double- or single-quoted attributes. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\n' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}

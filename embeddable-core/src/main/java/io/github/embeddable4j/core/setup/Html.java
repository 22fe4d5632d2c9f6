package io.github.embeddable4j.core.setup;

/** Escaping for the setup page: every value it shows goes through {@link #text(String)}. */
final class Html {

    private Html() {
    }

    /**
     * Escapes text for an element's content or a double- or single-quoted attribute value. Control characters other
     * than tab and line breaks, and the noncharacters U+FFFE and U+FFFF, become U+FFFD: they have no business on the
     * page, they are parse errors, and a parser that reads U+FFFF as its end of input (jsoup does) stops there.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c < 0xA0) || c >= 0xFFFE
                        ? "\uFFFD" : null;
            };
            if (replacement != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}

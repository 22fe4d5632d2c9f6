package io.github.embeddable4j.core;

import java.nio.charset.StandardCharsets;

/** Context-specific encoders. Everything a user configures passes through one of these before it reaches markup. */
final class Escape {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Escape() {
    }

    /**
     * Percent-encodes a query key or value: every byte of its UTF-8 form except the RFC 3986 unreserved characters.
     * '+' and ' ' are encoded too, so both RFC 3986 and form-style decoders read the exact original back.
     */
    static String queryComponent(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            if (!isUnreserved(s.charAt(i))) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
                for (byte b : rest) {
                    int c = b & 0xFF;
                    if (isUnreserved((char) c)) {
                        sb.append((char) c);
                    } else {
                        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    }
                }
                break;
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * Escapes text for a double-quoted HTML attribute. Besides the five markup characters, anything outside
     * printable ASCII becomes a numeric reference, so the result is pure ASCII and encodes the same in every
     * ASCII-compatible charset the page may be served in. A character XML cannot hold (C0 controls but tab and line
     * ends, unpaired surrogates, U+FFFE, U+FFFF) is written as U+FFFD, as HTML already reads NUL and surrogates: a
     * reference to one is a fatal error in a page served as {@code application/xhtml+xml}, where the filter injects too.
     */
    static String htmlAttribute(String s) {
        int i = 0;
        while (i < s.length() && isPlainAttributeChar(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (cp >= 0x20 && cp < 0x7F) {
                        sb.append((char) cp);
                    } else {
                        sb.append("&#x").append(Integer.toHexString(isXmlChar(cp) ? cp : 0xFFFD).toUpperCase()).append(';');
                    }
                }
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** XML 1.0's {@code Char} production. */
    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || cp >= 0x10000;
    }

    private static boolean isPlainAttributeChar(char c) {
        return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
    }

    /**
     * Escapes text for a double-quoted JavaScript string inside an HTML {@code <script>} element: besides quotes
     * and backslashes, {@code < > &}, control characters and the JS line separators become {@code \\uXXXX}, so the
     * text can end neither the string nor the element.
     */
    static String jsString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\'' || c == '<' || c == '>' || c == '&' || c < 0x20 || c == 0x7F
                    || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

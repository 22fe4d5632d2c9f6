package io.github.embeddable4j.servlet;

/** Deterministic HTML pages of a given size for the container tests. */
final class TestPages {

    static final String HEAD = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Caf\u00e9 \u2615</title>"
            + "<script>if (a</head) {}</script></head><body>\n";
    static final String TAIL = "</body></html>\n";
    private static final String FILL = "<p>Call 555-0100 for the café \u00e9clair order, or text us.</p>\n";

    private TestPages() {
    }

    /** An HTML page of about {@code size} characters; size 0 is the empty document. */
    static String page(int size) {
        if (size == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(size + FILL.length() + 64).append(HEAD);
        while (sb.length() + TAIL.length() < size) {
            sb.append(FILL);
        }
        return sb.append(TAIL).toString();
    }

    /** A page whose only non-ASCII characters are Latin-1 (for ISO-8859-1 responses). */
    static String latin1Page(int size) {
        return page(size).replace("\u2615", "*");
    }
}

package io.github.embeddable4j.servlet;

/** Deterministic HTML pages of a given size for the container tests. */
final class TestPages {

    static final String HEAD = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Caf\u00e9 \u2615</title>"
            + "<script>if (a</head) {}</script></head><body>\n";
    static final String TAIL = "</body></html>\n";
    private static final String FILL = "<p>Call 555-0100 for the café \u00e9clair order, or text us.</p>\n";

    private TestPages() {
    }

    /** Pages of a megabyte and more, built once: the fault suites ask for the same 10 MB page hundreds of times. */
    private static final java.util.Map<Integer, String> LARGE = new java.util.concurrent.ConcurrentHashMap<>();

    /** An HTML page of about {@code size} characters; size 0 is the empty document. */
    static String page(int size) {
        if (size == 0) {
            return "";
        }
        if (size >= 1 << 20) {
            return LARGE.computeIfAbsent(size, TestPages::build);
        }
        return build(size);
    }

    /** The UTF-8 bytes of {@link #page(int)}, built once for pages of a megabyte and more. */
    static byte[] utf8Page(int size) {
        if (size >= 1 << 20) {
            return LARGE_UTF8.computeIfAbsent(size, s -> page(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return page(size).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final java.util.Map<Integer, byte[]> LARGE_UTF8 = new java.util.concurrent.ConcurrentHashMap<>();

    private static String build(int size) {
        StringBuilder sb = new StringBuilder(size + FILL.length() + 64).append(HEAD);
        while (sb.length() + TAIL.length() < size) {
            sb.append(FILL);
        }
        return sb.append(TAIL).toString();
    }

    /**
     * A page of about {@code size} characters whose body is pseudo-random text (the same for the same size), so it
     * stays large when compressed.
     */
    static String noisyPage(int size) {
        return HEAD + noisyFragment(size - HEAD.length() - TAIL.length()) + TAIL;
    }

    /** Paragraphs of pseudo-random text, about {@code size} characters, without any marker. */
    static String noisyFragment(int size) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(size);
        StringBuilder sb = new StringBuilder(Math.max(size, 0) + 128);
        while (sb.length() < size) {
            sb.append("<p>");
            for (int i = 0; i < 72; i++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            sb.append("</p>\n");
        }
        return sb.toString();
    }

    /** Where the page's real {@code </head>} begins, in its UTF-8 bytes (the script before it has a fake one). */
    static int realHeadEnd(byte[] utf8Page) {
        return new String(utf8Page, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("</head>");
    }

    /**
     * A page in Japanese where the others have Latin-1 and an emoji (for Shift_JIS responses): 表 is 0x95 0x5C there,
     * ソ 0x83 0x5C and ア 0x83 0x41, second bytes that read as a backslash and 'A' byte by byte.
     */
    static String japanesePage(int size) {
        return page(size).replace("\u2615", "\u8868\u793a\u30bd").replace("\u00e9", "\u30a2");
    }

    /** A page whose only non-ASCII characters are Latin-1 (for ISO-8859-1 responses). */
    static String latin1Page(int size) {
        return page(size).replace("\u2615", "*");
    }
}

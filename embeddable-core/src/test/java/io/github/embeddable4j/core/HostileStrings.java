package io.github.embeddable4j.core;

import java.util.SplittableRandom;

/**
 * A seeded generator of nasty strings: quotes of every kind, markup, comment and CDATA ends, script schemes, control
 * characters, Unicode line separators, bidi overrides, surrogate pairs and lone surrogates, noncharacters, percent-
 * and entity-encoded forms of all of these, URL and template syntax, and now and then a very long value.
 */
final class HostileStrings {

    static final String[] QUOTES = {"\"", "'", "`", "\u201C", "\u201D", "\u2018", "\u2019", "\u00AB", "\u00BB", "\uFF02",
        "\uFF07", "\\\"", "\\'", "\"\"", "''"};
    static final String[] MARKUP = {"<", ">", "&", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x22;", "&#34;", "&#x3C;",
        "&#60;", "&#x0;", "&#xD800;", "&#x110000;", "&#x85;", "&lt", "&amp", "&#", "&#x", "&;", "</script>", "</SCRIPT >",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<!--", "-->", "--!>",
        "<!-->", "]]>", "<![CDATA[", "</textarea>", "</title>", "</style>", "</pre>", "</code>", "</option>", "<iframe>",
        "\" onmouseover=\"alert(1)", "' autofocus onfocus='alert(1)", "/>", "\"/><script>", "<base href=//evil>",
        "<meta http-equiv=refresh content=0>"};
    static final String[] SCHEMES = {"javascript:", "JaVaScRiPt:", "java\tscript:", "javascript&colon;", "data:text/html,",
        "vbscript:", "//evil.example", "\\\\evil.example", "https://evil.example/"};
    static final String[] CONTROLS = {"\u0000", "\u0001", "\u0008", "\t", "\n", "\r", "\r\n", "\u000B", "\u000C", "\u001B",
        "\u001F", "\u007F", "\u0080", "\u0085", "\u008D", "\u009B", "\u009F"};
    static final String[] UNICODE = {"\u2028", "\u2029", "\u202E", "\u202D", "\u202A", "\u2066", "\u2067", "\u2069",
        "\u200B", "\u200D", "\u200E", "\uFEFF", "\u00A0", "\u3000", "e\u0301", "\uD83D\uDE00", "\uD834\uDD1E",
        "\uDBFF\uDFFF", "\uD800\uDC00", "\uFFFE", "\uFFFF", "\uFDD0", "\uFFFD", "\u00E9", "\u00DF", "\u4E2D\u6587",
        "\u0645\u0631\u062D\u0628\u0627", "\u03A9", "\uFF1C", "\uFF1E", "\u2039", "\u203A"};
    static final String[] LONE_SURROGATES = {"\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDE00\uD83D"};
    static final String[] PERCENT = {"%", "%%", "%2", "%zz", "%20", "%22", "%27", "%3C", "%3E", "%3c/script%3e", "%00",
        "%0A", "%0D%0A", "%25", "%2525", "%E2%80%A8", "%ED%A0%80", "%C0%BC", "%FF", "+", "%2B", "%26", "%3D", "%23"};
    static final String[] URL_SYNTAX = {"?", "#", "&x=1", "=", ";", "/", "\\", "@", ":", "../", "?a=b&c=d", "#frag",
        "&clientId=evil", "&appServer=https://evil.example"};
    static final String[] TEMPLATE = {"${x}", "{{x}}", "#{x}", "<%= x %>", "\\u003c", "\\x3c", "\\n", "\\", "\\u2028",
        "');alert(1);//", "\";alert(1);//", "*/", "/*"};
    static final String[] PLAIN = {"a", "Z", "9", "-", "_", ".", "~", " ", "  ", "hello", "MyCRM/1.0", "x1", "0"};

    /** Every piece, by family; a test asserts each family reached a rendering. */
    static final String[][] FAMILIES = {QUOTES, MARKUP, SCHEMES, CONTROLS, UNICODE, PERCENT, URL_SYNTAX, TEMPLATE, PLAIN};
    static final String[] FAMILY_NAMES = {"quotes", "markup", "schemes", "controls", "unicode", "percent", "url-syntax",
        "template", "plain"};

    /** Pieces java.net.URI accepts in a path or query (besides letters and digits), and some it does not. */
    static final String[] URL_PIECES = {"'", "(", ")", "*", "!", "$", "&", ";", "=", "+", ",", ":", "@", "~", "-", ".",
        "_", "%22", "%3C%2Fscript%3E", "%00", "%0D%0A", "%E2%80%A8", "%25", "%27", "\u00E9", "\u4E2D\u6587", "\u202E",
        "\uD83D\uDE00", "\uFEFF", "\uFFFF", "..", "javascript:", "a", "x9", "/", "//"};
    static final String[] URL_BREAKERS = {"\"", "<", ">", " ", "\\", "^", "`", "{", "|", "}", "\u2028", "\u0000", "\n",
        "#", "%", "%zz", "-->", "\uD800", "\uDC00"};

    private HostileStrings() {
    }

    /** Any hostile text; with {@code broken}, lone surrogates too. */
    static String text(SplittableRandom r, boolean broken) {
        if (r.nextInt(300) == 0) {
            return veryLong(r, broken);
        }
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
            sb.append(piece(r, broken));
        }
        return sb.toString();
    }

    /** Hostile text without whitespace, control characters or lone surrogates, at most 256 chars (a client ID's limits). */
    static String token(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String p = piece(r, false);
            if (p.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                sb.append(p);
            }
        }
        String s = sb.length() == 0 ? "id" : sb.toString();
        return s.length() > 256 ? s.substring(0, 256).replaceAll("[\uD800-\uDBFF]$", "") : s;
    }

    /** The model's rule: markup, quoting or URL syntax in a client ID is something else pasted, refused. */
    static boolean hasCharNoClientIdHas(String value) {
        return value.chars().anyMatch(c -> "<>\"'`&?#:;,\\{}|^[]()%@!*".indexOf(c) >= 0);
    }

    /** A {@link #token} of the pieces a client ID may have. */
    static String clientIdToken(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String p = token(r);
            if (!hasCharNoClientIdHas(p)) {
                sb.append(p);
            }
        }
        String s = sb.length() == 0 ? "id" : sb.toString();
        return s.length() > 256 ? s.substring(0, 256).replaceAll("[\uD800-\uDBFF]$", "") : s;
    }

    /** Printable ASCII without spaces (what a login handoff accepts), made of hostile pieces. */
    static String printableAscii(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            for (char c : piece(r, false).toCharArray()) {
                if (c > 0x20 && c < 0x7F) {
                    sb.append(c);
                }
            }
        }
        return sb.length() == 0 ? "x" : sb.toString();
    }

    /** A path or query made of URL pieces; with {@code breaking}, one piece URI refuses may be among them. */
    static String urlPart(SplittableRandom r, boolean breaking) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(URL_PIECES[r.nextInt(URL_PIECES.length)]);
        }
        if (breaking) {
            sb.insert(r.nextInt(sb.length() + 1), URL_BREAKERS[r.nextInt(URL_BREAKERS.length)]);
        }
        return sb.toString();
    }

    static String piece(SplittableRandom r, boolean broken) {
        if (broken && r.nextInt(12) == 0) {
            return LONE_SURROGATES[r.nextInt(LONE_SURROGATES.length)];
        }
        String[] family = FAMILIES[r.nextInt(FAMILIES.length)];
        return family[r.nextInt(family.length)];
    }

    private static String veryLong(SplittableRandom r, boolean broken) {
        int length = 2_000 + r.nextInt(30_000);
        StringBuilder sb = new StringBuilder(length + 64);
        while (sb.length() < length) {
            sb.append(piece(r, broken));
        }
        return sb.toString();
    }

    /** Whether the text has an unpaired UTF-16 surrogate (no charset can encode it). */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

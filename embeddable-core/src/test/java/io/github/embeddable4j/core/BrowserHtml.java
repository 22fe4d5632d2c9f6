package io.github.embeddable4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test's own reading of rendered tags, as the HTML standard defines it (not as the renderer or jsoup decides):
 * a strict tokenizer for the renderer's tag form ({@code <name a="v" b>}), and the decoding of a double-quoted
 * attribute value as a browser does it. jsoup departs from browsers in a few places (it keeps {@code &#x0;} and
 * {@code &#xD800;} as they are, browsers read U+FFFD), so values are checked against this decoding, and jsoup is the
 * second opinion on the structure.
 */
final class BrowserHtml {

    /** Windows-1252 characters that numeric references to 0x80-0x9F stand for (HTML standard, "numeric character reference end state"). */
    private static final Map<Integer, Integer> C1_REPLACEMENTS = Map.ofEntries(Map.entry(0x80, 0x20AC), Map.entry(0x82, 0x201A),
            Map.entry(0x83, 0x0192), Map.entry(0x84, 0x201E), Map.entry(0x85, 0x2026), Map.entry(0x86, 0x2020),
            Map.entry(0x87, 0x2021), Map.entry(0x88, 0x02C6), Map.entry(0x89, 0x2030), Map.entry(0x8A, 0x0160),
            Map.entry(0x8B, 0x2039), Map.entry(0x8C, 0x0152), Map.entry(0x8E, 0x017D), Map.entry(0x91, 0x2018),
            Map.entry(0x92, 0x2019), Map.entry(0x93, 0x201C), Map.entry(0x94, 0x201D), Map.entry(0x95, 0x2022),
            Map.entry(0x96, 0x2013), Map.entry(0x97, 0x2014), Map.entry(0x98, 0x02DC), Map.entry(0x99, 0x2122),
            Map.entry(0x9A, 0x0161), Map.entry(0x9B, 0x203A), Map.entry(0x9C, 0x0153), Map.entry(0x9E, 0x017E),
            Map.entry(0x9F, 0x0178));

    /** One tag of rendered markup: an end tag, or a start tag with its attributes (raw values, null when valueless). */
    record Tag(String name, boolean end, Map<String, String> rawAttributes, String textBefore) {
    }

    private BrowserHtml() {
    }

    /**
     * Splits markup made only of tags and plain text into its tags, strictly in the renderer's form: a lower-case name,
     * attributes separated by one space, values in double quotes. Anything else (a raw quote in a value that ends it
     * early, a stray {@code <}) fails, naming where.
     */
    static List<Tag> tags(String markup) {
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        StringBuilder text = new StringBuilder();
        while (i < markup.length()) {
            char c = markup.charAt(i);
            if (c != '<') {
                text.append(c);
                i++;
                continue;
            }
            boolean end = markup.startsWith("</", i);
            int j = i + (end ? 2 : 1);
            int nameStart = j;
            while (j < markup.length() && Character.isLetterOrDigit(markup.charAt(j)) && markup.charAt(j) < 0x80) {
                j++;
            }
            String name = markup.substring(nameStart, j);
            require(!name.isEmpty() && name.equals(name.toLowerCase(java.util.Locale.ROOT)), markup, i, "a tag name");
            Map<String, String> attrs = new LinkedHashMap<>();
            while (!end && j < markup.length() && markup.charAt(j) == ' ') {
                int a = ++j;
                while (j < markup.length() && (Character.isLowerCase(markup.charAt(j)) || markup.charAt(j) == '-')) {
                    j++;
                }
                String attr = markup.substring(a, j);
                require(!attr.isEmpty() && !attrs.containsKey(attr), markup, a, "a new attribute name");
                String value = null;
                if (j < markup.length() && markup.charAt(j) == '=') {
                    require(markup.startsWith("=\"", j), markup, j, "a double-quoted value");
                    int close = markup.indexOf('"', j + 2);
                    require(close > 0, markup, j, "the value's closing quote");
                    value = markup.substring(j + 2, close);
                    j = close + 1;
                }
                attrs.put(attr, value);
            }
            require(j < markup.length() && markup.charAt(j) == '>', markup, j, "'>'");
            tags.add(new Tag(name, end, attrs, text.toString()));
            text.setLength(0);
            i = j + 1;
        }
        require(text.isEmpty(), markup, i, "nothing after the last tag");
        return tags;
    }

    private static void require(boolean ok, String markup, int at, String what) {
        if (!ok) {
            throw new AssertionError("expected " + what + " at " + at + " of: " + visible(markup));
        }
    }

    /**
     * What a browser reads from a double-quoted attribute value written by an encoder that promises pure ASCII: every
     * character printable ASCII, every {@code &} one of the five named references or a complete numeric one.
     */
    static String decodeAttribute(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '<' || c == '>') {
                throw new AssertionError("character U+" + Integer.toHexString(c) + " written raw at " + i + " of: " + visible(raw));
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int semi = raw.indexOf(';', i);
            if (semi < 0) {
                throw new AssertionError("an '&' that starts no reference at " + i + " of: " + visible(raw));
            }
            String ref = raw.substring(i + 1, semi);
            switch (ref) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                default -> {
                    int cp;
                    if (ref.matches("#[0-9]{1,7}")) {
                        cp = Integer.parseInt(ref.substring(1));
                    } else if (ref.matches("#[xX][0-9A-Fa-f]{1,6}")) {
                        cp = Integer.parseInt(ref.substring(2), 16);
                    } else {
                        throw new AssertionError("'&" + ref + ";' is not a reference this encoder may write, at " + i
                                + " of: " + visible(raw));
                    }
                    out.appendCodePoint(numericReference(cp));
                }
            }
            i = semi + 1;
        }
        return out.toString();
    }

    /** The character a numeric reference stands for, per the HTML standard. */
    static int numericReference(int cp) {
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0xFFFD;
        }
        return cp >= 0x80 && cp <= 0x9F ? C1_REPLACEMENTS.getOrDefault(cp, cp) : cp;
    }

    /**
     * What a browser reads of a value written into an attribute in pure ASCII (every character outside it as a
     * numeric reference): characters HTML cannot carry (NUL, unpaired surrogates) become U+FFFD, and C1 controls
     * their Windows-1252 reading. Characters XML cannot hold (other C0 controls than tab and line ends, U+FFFE,
     * U+FFFF) are written as U+FFFD, so that an XHTML page still parses.
     */
    static String browserView(String value) {
        if (value.chars().allMatch(ch -> ch >= 0x20 && (ch < 0x80 || ch > 0x9F) && ch < 0xD800)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean xmlChar = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            out.appendCodePoint(xmlChar ? numericReference(cp) : 0xFFFD);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Whether a browser reads the value back exactly from any attribute encoding. */
    static boolean carriable(String value) {
        return browserView(value).equals(value);
    }

    /** The text with control characters and non-ASCII shown as escapes, for messages. */
    static String visible(String s) {
        String shown = s.length() > 600 ? s.substring(0, 600) + "...(" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder();
        shown.chars().forEach(c -> {
            if (c < 0x20 || c >= 0x7F) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append((char) c);
            }
        });
        return sb.toString();
    }
}

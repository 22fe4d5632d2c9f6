package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages in Shift_JIS (windows-31j), GBK, GB18030, Big5 and windows-949 get the widget on the byte path too: the
 * second bytes of their characters can look like ASCII letters, '[' or ']' (and GB18030's four-byte form has digits),
 * but never like a byte below 0x40, which is every byte markup begins and ends with. So the byte scanner finds each
 * marker where the browser does: checked against the character-level reference over random documents full of such
 * characters, put also right after {@code <}, {@code </}, inside tag names and in raw text, in random chunkings.
 * Before, these charsets were refused and Japanese, Chinese and Taiwanese applications' pages got no widget.
 */
class EastAsianCharsetsTest {

    private static final String SNIPPET = "<script src=\"https://apps.ringcentral.com/x/adapter.js?a=1&amp;b=2\" async></script>";
    private static final long SEED = Long.getLong("injector.fuzz.seed", 0x5EED_2025L);
    private static final int DOCUMENTS = Integer.getInteger("injector.fuzz.documents",
            Boolean.getBoolean("reliability.long") ? 1_000_000 : 100_000) / 20;

    @ParameterizedTest
    @ValueSource(strings = {"Shift_JIS", "windows-31j", "x-SJIS_0213", "x-MS932_0213", "GBK", "GB18030", "Big5", "Big5-HKSCS",
            "x-windows-950", "x-MS950-HKSCS", "x-windows-949"})
    void theBytePathFindsTheMarkerTheBrowserFinds(String name) {
        Charset cs = Charset.forName(name);
        assertThat(HtmlInjection.isAsciiCompatible(cs)).isTrue();
        char[] pool = lookalikes(cs);
        assertThat(pool.length).as("characters whose bytes include one in 0x30-0x7F").isGreaterThan(100);
        System.out.println("[reliability] " + name + ": " + DOCUMENTS + " documents x 3 chunkings, seed " + SEED
                + "; repeat with -Dinjector.fuzz.seed=" + SEED);
        int injected = IntStream.range(0, DOCUMENTS).parallel().map(d -> check(cs, pool, d)).sum();
        assertThat(injected).as("documents that got the snippet").isBetween(DOCUMENTS / 10, DOCUMENTS - DOCUMENTS / 10);

        // By hand: the second byte of 表 (0x95 0x5C in Shift_JIS) is a backslash, of ア (0x83 0x41) 'A'. "</ア" opens a bogus
        // comment, which leaves the head open; "<ア" is text, which would end it (so it stays in the body here).
        String page = "<html><head><title>表示</title></\u30a2head></head><body><\u30a2head>ソ</body></html>";
        if (cs.newEncoder().canEncode(page)) {
            String expected = page.replace("</head>", SNIPPET + "</head>");
            assertThat(ReferenceInjector.inject(page, SNIPPET, InjectionPoint.HEAD_END)).isEqualTo(expected);
            assertThat(new String(InjectorDifferentialTest.streamBytes(page.getBytes(cs), cs, InjectionPoint.HEAD_END, new int[0]), cs))
                    .isEqualTo(expected);
        }
    }

    /**
     * The one place the byte path differs from the reference (a review found it): a character whose second byte is
     * ']' (Shift_JIS 0x81 0x5D, GBK 0x81 0x5D, Big5 0xA4 0x5D), then "]>", ends a CDATA section there. The reference
     * reads CDATA as XHTML does (to "]]>"); a browser reading the page as HTML ends {@code <![CDATA[} at the first '>'
     * anyway, so the byte path puts the snippet where the browser's parser has the head end: before {@code </body>}
     * here, after the text "]]>" ended the head.
     */
    @ParameterizedTest
    @CsvSource({"Shift_JIS, 815D", "windows-31j, 815D", "GBK, 815D", "GB18030, 815D", "Big5, A45D"})
    void aSecondByteBracketEndsCdataWhereHtmlEndsIt(String name, String hex) {
        Charset cs = Charset.forName(name);
        String x = new String(java.util.HexFormat.of().parseHex(hex), cs);
        String page = "<!DOCTYPE html><html><head><![CDATA[" + x + "]>]]></head><body><p>text</p></body></html>";
        String bytePath = new String(InjectorDifferentialTest.streamBytes(page.getBytes(cs), cs, InjectionPoint.HEAD_END,
                new int[0]), cs);
        assertThat(bytePath).isEqualTo(page.replace("</body>", SNIPPET + "</body>"));
        assertThat(ReferenceInjector.inject(page, SNIPPET, InjectionPoint.HEAD_END))
                .as("the XHTML reading").isEqualTo(page.replace("</head>", SNIPPET + "</head>"));
    }

    /**
     * A page whose first bytes are EF BB BF is read as UTF-8 by browsers whatever charset it declares (the byte order
     * mark decides, in the Encoding standard), so the byte path skips them as a mark, as the browser does: also where
     * they are text in the declared charset (鬠ｿ in Shift_JIS-2004, "ï»¿" in ISO-8859-1), which the reference, reading
     * characters, takes for text before the document (a fragment).
     */
    @org.junit.jupiter.api.Test
    void bytesOfAByteOrderMarkAreOneWhateverTheCharset() {
        for (String[] text : new String[][] {{"x-SJIS_0213", "\u9b20\uff7f"}, {"ISO-8859-1", "\u00ef\u00bb\u00bf"}}) {
            Charset cs = Charset.forName(text[0]);
            String page = text[1] + "<html><head><title>t</title></head><body></body></html>";
            byte[] bytes = page.getBytes(cs);
            assertThat(java.util.Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            assertThat(new String(InjectorDifferentialTest.streamBytes(bytes, cs, InjectionPoint.HEAD_END, new int[0]), cs))
                    .as(text[0]).isEqualTo(page.replace("</head>", SNIPPET + "</head>"));
        }
    }

    private static int check(Charset cs, char[] pool, int d) {
        Random r = new Random(SEED * 0x9E3779B97F4A7C15L + d);
        InjectionPoint point = r.nextInt(4) == 0 ? InjectionPoint.BODY_END : InjectionPoint.HEAD_END;
        String doc = withLookalikes(RandomHtml.document(r, true), pool, r);
        String expected = ReferenceInjector.inject(doc, SNIPPET, point);
        byte[] input = doc.getBytes(cs);
        byte[] expectedBytes = expected.getBytes(cs);
        for (int c = 0; c < 3; c++) {
            int[] cuts = InjectorDifferentialTest.randomCuts(r, input.length, c);
            assertThat(InjectorDifferentialTest.streamBytes(input, cs, point, cuts)).as(() -> cs + ", base seed " + SEED
                    + " (-Dinjector.fuzz.seed), document " + d + ", " + point + ", cuts " + Arrays.toString(cuts) + ": " + doc)
                    .isEqualTo(expectedBytes);
        }
        return ReferenceInjector.find(doc, point == InjectionPoint.HEAD_END) >= 0 ? 1 : 0;
    }

    /** The document with every non-ASCII character replaced by a look-alike one, and more of them sprinkled anywhere. */
    private static String withLookalikes(String doc, char[] pool, Random r) {
        StringBuilder sb = new StringBuilder(doc.length() + 16);
        for (int i = 0; i < doc.length(); i++) {
            char c = doc.charAt(i);
            sb.append(c < 0x80 ? c : pool[r.nextInt(pool.length)]);
            if (r.nextInt(20) == 0) {
                sb.append(pool[r.nextInt(pool.length)]);
            }
        }
        return sb.toString();
    }

    /** Characters of this charset whose encoding holds a byte from 0x30 to 0x7F: the ones a byte scanner could misread. */
    private static char[] lookalikes(Charset cs) {
        List<Character> found = new ArrayList<>();
        var encoder = cs.newEncoder();
        for (char c = 0xA0; c < 0xFFF0 && found.size() < 4000; c++) {
            if (Character.isSurrogate(c) || !encoder.canEncode(c)) {
                continue;
            }
            byte[] bytes = String.valueOf(c).getBytes(cs);
            boolean bracket = false; // a second byte ']' ends a CDATA section early: pinned by its own test below
            boolean lookalike = false;
            for (byte b : bytes) {
                bracket |= b == ']';
                lookalike |= b >= 0x30; // a byte from 0x30 to 0x7F (0x80 and above are negative)
            }
            if (bytes.length > 1 && lookalike && !bracket) {
                found.add(c);
            }
        }
        char[] pool = new char[found.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = found.get(i);
        }
        return pool;
    }
}

package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming injectors against two oracles: {@link ReferenceInjector} (whole-document, regular expressions) and
 * jsoup ({@link JsoupOracle}, a WHATWG parser), over random documents, random chunkings and three charsets; plus
 * every split of marker-bearing documents into two and three writes.
 *
 * <p>A reliability suite with a fixed base seed, so every run checks the same documents and a failure reproduces.
 * {@code -Dinjector.fuzz.seed=N} varies the documents; {@code -Dinjector.fuzz.documents=N} sets how many (100,000 by
 * default, about 20 s on two busy cores; 1,000,000 with {@code -Dreliability.long=true}, the switch of every reliability
 * suite).
 */
class InjectorDifferentialTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset[] LATIN1_CHARSETS = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, WINDOWS_1252};
    private static final Charset[] UNICODE_CHARSETS = {StandardCharsets.UTF_8};
    private static final String SNIPPET = "<script src=\"https://apps.ringcentral.com/x/adapter.js?a=1&amp;b=2\" async></script>";
    private static final long SEED = Long.getLong("injector.fuzz.seed", 0x5EED_2025L);
    private static final int DOCUMENTS = Integer.getInteger("injector.fuzz.documents",
            Boolean.getBoolean("reliability.long") ? 1_000_000 : 100_000);
    private static final int CHUNKINGS = 6;
    private static final JsoupOracle JSOUP = new JsoupOracle(SNIPPET);

    /** Counts over one run, to show the generator exercises both outcomes and jsoup judges most documents. */
    private record Tally(int documents, int injected, int judgedByJsoup, int fragments) {
        Tally plus(Tally o) {
            return new Tally(documents + o.documents, injected + o.injected, judgedByJsoup + o.judgedByJsoup,
                    fragments + o.fragments);
        }
    }

    @Test
    void streamingOutputEqualsBothOraclesForRandomDocumentsChunkingsAndCharsets() {
        // Documents are independent (each has its own generator, seeded from the base seed and its number), so the
        // run can use both cores and a failure names the one document to look at.
        System.out.println("[reliability] injector differential fuzzing: " + DOCUMENTS + " documents x " + CHUNKINGS
                + " chunkings x up to 3 charsets, seed " + SEED + "; repeat with -Dinjector.fuzz.seed=" + SEED);
        long start = System.nanoTime();
        Tally tally = IntStream.range(0, DOCUMENTS).parallel().mapToObj(InjectorDifferentialTest::checkDocument)
                .reduce(new Tally(0, 0, 0, 0), Tally::plus);
        // The generator must exercise both outcomes, and jsoup must judge most documents, or the comparison proves little.
        assertThat(tally.documents()).isEqualTo(DOCUMENTS);
        assertThat(tally.injected()).isBetween(DOCUMENTS / 5, DOCUMENTS - DOCUMENTS / 10);
        // Fragments (the head ended before any html, head or body start tag) are judged by the reference alone.
        assertThat(tally.fragments()).as("fragments").isBetween(DOCUMENTS / 50, DOCUMENTS * 6 / 10);
        assertThat(tally.judgedByJsoup()).isGreaterThan((DOCUMENTS - tally.fragments()) * 85 / 100);
        System.out.println("[reliability] injector differential fuzzing: " + tally.documents() + " documents, "
                + tally.injected() + " injected, " + tally.fragments() + " fragments, " + tally.judgedByJsoup()
                + " judged by jsoup too, in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static Tally checkDocument(int d) {
        Random r = new Random(SEED * 0x9E3779B97F4A7C15L + d);
        boolean latin1 = d % 2 == 1; // Latin-1 documents go through all three charsets, the others through UTF-8
        InjectionPoint point = r.nextInt(4) == 0 ? InjectionPoint.BODY_END : InjectionPoint.HEAD_END;
        String doc = RandomHtml.document(r, latin1);
        String context = "base seed " + SEED + " (-Dinjector.fuzz.seed), document " + d + ", " + point + ": " + doc;
        int at = ReferenceInjector.find(doc, point == InjectionPoint.HEAD_END);
        String expected = ReferenceInjector.inject(doc, SNIPPET, point);
        // Fragments are embeddable4j's own rule, not HTML's: jsoup would find a </body> after the head ended anyway.
        boolean judged = JsoupOracle.notComparable(doc, point) == null && at != ReferenceInjector.FRAGMENT;
        if (judged) {
            assertThat(at).as("reference vs jsoup, " + context).isEqualTo(JSOUP.expectedInjectionIndex(doc, point));
            if (at >= 0) {
                assertThat(JSOUP.checkOutput(doc, expected)).as(context).isNull();
            }
        }
        for (Charset cs : latin1 ? LATIN1_CHARSETS : UNICODE_CHARSETS) {
            byte[] input = doc.getBytes(cs);
            byte[] expectedBytes = expected.getBytes(cs);
            for (int c = 0; c < CHUNKINGS; c++) {
                int[] cuts = randomCuts(r, input.length, c);
                assertThat(streamBytes(input, cs, point, cuts)).as(() -> context + ", " + cs + ", cuts " + Arrays.toString(cuts))
                        .isEqualTo(expectedBytes);
            }
            if (d % 50 == 0) {
                assertThat(streamByteByByte(input, cs, point)).as("%s, %s, byte by byte", context, cs).isEqualTo(expectedBytes);
            }
        }
        for (int c = 0; c < CHUNKINGS; c++) {
            int[] cuts = randomCuts(r, doc.length(), c);
            assertThat(writeChars(doc, point, cuts)).as(() -> context + ", chars, cuts " + Arrays.toString(cuts)).isEqualTo(expected);
        }
        return new Tally(1, at >= 0 ? 1 : 0, judged ? 1 : 0, at == ReferenceInjector.FRAGMENT ? 1 : 0);
    }

    @Test
    void markersSplitAcrossEveryPossibleBoundary() {
        String[] docs = {
            "<html><head><title>t</title></head><body>x</body></html>",
            "<head><!-- </head> --><script>'</head>'</script></HEAD ><body></body>",
            "<head><</head>",
            "<head></hea></head>",
            "<head><!-- a --!-> </head> --!></head>",
            "é<head>中</head\n>😀",
        };
        for (String doc : docs) {
            for (InjectionPoint point : InjectionPoint.values()) {
                String expected = ReferenceInjector.inject(doc, SNIPPET, point);
                byte[] input = doc.getBytes(StandardCharsets.UTF_8);
                byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i <= input.length; i++) {
                    for (int j = i; j <= input.length; j++) {
                        assertThat(streamBytes(input, StandardCharsets.UTF_8, point, new int[] {i, j}))
                                .as("%s split at %d and %d", doc, i, j).isEqualTo(expectedBytes);
                    }
                }
                for (int i = 0; i <= doc.length(); i++) {
                    for (int j = i; j <= doc.length(); j++) {
                        assertThat(writeChars(doc, point, new int[] {i, j})).as("%s split at %d and %d", doc, i, j)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void arbitraryBytesComeOutUnchangedOrWithOneSnippetBeforeAMarker() {
        long seed = SEED;
        Random r = new Random(seed);
        byte[] alphabet = "<>/!-[]'\"=?` \t\n\r\f\u000bheadbodyHEADBODYscript".getBytes(StandardCharsets.US_ASCII);
        byte[] snippet = SNIPPET.getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 5000; run++) {
            byte[] input = new byte[r.nextInt(80)];
            for (int i = 0; i < input.length; i++) {
                input[i] = r.nextInt(5) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            byte[] whole = streamBytes(input, StandardCharsets.ISO_8859_1, InjectionPoint.HEAD_END, new int[0]);
            String context = "base seed " + seed + " (-Dinjector.fuzz.seed), run " + run;
            for (int c = 0; c < 4; c++) {
                assertThat(streamBytes(input, StandardCharsets.ISO_8859_1, InjectionPoint.HEAD_END, randomCuts(r, input.length, c)))
                        .as(context).isEqualTo(whole);
            }
            if (whole.length != input.length) {
                int at = indexOf(whole, snippet);
                assertThat(at).as(context).isGreaterThanOrEqualTo(0);
                byte[] without = new byte[input.length];
                System.arraycopy(whole, 0, without, 0, at);
                System.arraycopy(whole, at + snippet.length, without, at, input.length - at);
                assertThat(without).as(context).isEqualTo(input);
                String after = new String(input, at, input.length - at, StandardCharsets.ISO_8859_1).toLowerCase();
                assertThat(after).as(context).matches("(?s)</(head|body)[\\t\\n\\f\\r />].*");
            }
        }
    }

    static byte[] streamBytes(byte[] input, Charset cs, InjectionPoint point, int[] cuts) {
        return streamBytes(input, cs, point, cuts, SNIPPET);
    }

    static byte[] streamBytes(byte[] input, Charset cs, InjectionPoint point, int[] cuts, String snippet) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (InjectingOutputStream out = new InjectingOutputStream(sink, cs, snippet, point)) {
            int from = 0;
            for (int cut : cuts) {
                out.write(input, from, cut - from);
                from = cut;
            }
            out.write(input, from, input.length - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    private static byte[] streamByteByByte(byte[] input, Charset cs, InjectionPoint point) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (InjectingOutputStream out = new InjectingOutputStream(sink, cs, SNIPPET, point)) {
            for (byte b : input) {
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    static String writeChars(String doc, InjectionPoint point, int[] cuts) {
        return writeChars(doc, point, cuts, SNIPPET);
    }

    static String writeChars(String doc, InjectionPoint point, int[] cuts, String snippet) {
        StringWriter sink = new StringWriter();
        try (InjectingWriter out = new InjectingWriter(sink, snippet, point)) {
            int from = 0;
            boolean asString = false;
            for (int cut : cuts) {
                if (asString) {
                    out.write(doc, from, cut - from);
                } else {
                    out.write(doc.toCharArray(), from, cut - from);
                }
                asString = !asString;
                from = cut;
            }
            out.write(doc.substring(from));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toString();
    }

    /** Sorted cut points: none, every unit, or a few random ones. */
    static int[] randomCuts(Random r, int length, int variant) {
        if (variant == 0 || length == 0) {
            return new int[0];
        }
        if (variant == 1) {
            int[] all = new int[length];
            for (int i = 0; i < length; i++) {
                all[i] = i;
            }
            return all;
        }
        List<Integer> cuts = new ArrayList<>();
        int n = 1 + r.nextInt(Math.min(12, length));
        for (int i = 0; i < n; i++) {
            cuts.add(r.nextInt(length + 1));
        }
        return cuts.stream().sorted().mapToInt(Integer::intValue).toArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming injectors against the whole-document oracle, over thousands of random documents, random
 * chunkings and three charsets; plus every split of marker-bearing documents into two and three writes.
 */
class InjectorDifferentialTest {

    private static final Charset[] CHARSETS = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, Charset.forName("windows-1252")};
    private static final String SNIPPET = "<script src=\"https://apps.ringcentral.com/x/adapter.js?a=1&amp;b=2\" async></script>";
    private static final int DOCUMENTS = Integer.getInteger("inject.documents", 3000);
    private static final int CHUNKINGS = 6;

    @Test
    void streamingOutputEqualsTheOracleForRandomDocumentsChunkingsAndCharsets() {
        long seed = Long.getLong("inject.seed", System.nanoTime());
        Random r = new Random(seed);
        int injected = 0;
        for (int d = 0; d < DOCUMENTS; d++) {
            Charset cs = CHARSETS[d % CHARSETS.length];
            InjectionPoint point = r.nextInt(4) == 0 ? InjectionPoint.BODY_END : InjectionPoint.HEAD_END;
            String doc = RandomHtml.document(r, !cs.equals(StandardCharsets.UTF_8));
            String expected = ReferenceInjector.inject(doc, SNIPPET, point);
            injected += expected.equals(doc) ? 0 : 1;
            byte[] input = doc.getBytes(cs);
            byte[] expectedBytes = expected.getBytes(cs);
            for (int c = 0; c < CHUNKINGS; c++) {
                int[] cuts = randomCuts(r, input.length, c);
                String context = "seed " + seed + ", document " + d + " (" + cs + ", " + point + "), cuts " + java.util.Arrays.toString(cuts)
                        + ": " + doc;
                assertThat(streamBytes(input, cs, point, cuts)).as(context).isEqualTo(expectedBytes);
                assertThat(writeChars(doc, point, randomCuts(r, doc.length(), c))).as(context).isEqualTo(expected);
            }
            if (d % 50 == 0) {
                assertThat(streamByteByByte(input, cs, point)).isEqualTo(expectedBytes);
            }
        }
        // The generator must exercise both outcomes, or the comparison proves little.
        assertThat(injected).isBetween(DOCUMENTS / 5, DOCUMENTS - DOCUMENTS / 10);
    }

    @Test
    void markersSplitAcrossEveryPossibleBoundary() {
        String[] docs = {
            "<html><head><title>t</title></head><body>x</body></html>",
            "<head><!-- </head> --><script>'</head>'</script></HEAD ><body></body>",
            "<head><</head>",
            "<head></hea></head>",
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
        long seed = Long.getLong("inject.seed", System.nanoTime());
        Random r = new Random(seed);
        byte[] alphabet = "<>/!-[]'\"=? \nheadbodyHEADBODYscript".getBytes(StandardCharsets.US_ASCII);
        byte[] snippet = SNIPPET.getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 5000; run++) {
            byte[] input = new byte[r.nextInt(80)];
            for (int i = 0; i < input.length; i++) {
                input[i] = r.nextInt(5) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            byte[] whole = streamBytes(input, StandardCharsets.ISO_8859_1, InjectionPoint.HEAD_END, new int[0]);
            String context = "seed " + seed + ", run " + run;
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
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (InjectingOutputStream out = new InjectingOutputStream(sink, cs, SNIPPET, point)) {
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
        StringWriter sink = new StringWriter();
        try (InjectingWriter out = new InjectingWriter(sink, SNIPPET, point)) {
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
    private static int[] randomCuts(Random r, int length, int variant) {
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

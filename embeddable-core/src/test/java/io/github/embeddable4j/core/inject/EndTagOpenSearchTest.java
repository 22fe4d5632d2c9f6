package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The raw-text search for "</" (eight byte pairs at a time on the byte path, one pair at a time on the char path)
 * against the obvious loop, on text dense in '<' and '/' and at every range boundary, where a pair may straddle the
 * eight-byte blocks or the end of the range.
 */
class EndTagOpenSearchTest {

    /** First "</" in b[from..end), else a '<' in the last unit, else end. */
    private static int expected(byte[] b, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (b[i] == '<' && b[i + 1] == '/') {
                return i;
            }
        }
        return end > from && b[end - 1] == '<' ? end - 1 : end;
    }

    @Test
    void findsTheFirstPairOrATrailingLessThanWhereverTheyFall() {
        Random random = new Random(20261129);
        byte[] alphabet = {'<', '/', 'a', '=', '\u0000', (byte) 0xBC, (byte) 0x3D, (byte) 0x2E};
        int pairsFound = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(random.nextBoolean() ? 3 : alphabet.length)];
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            int want = expected(b, from, end);
            assertThat(ByteScanning.indexOfEndTagOpen(b, from, end)).as("bytes %s [%d, %d)", new String(b,
                    java.nio.charset.StandardCharsets.ISO_8859_1), from, end).isEqualTo(want);
            char[] c = new char[b.length];
            for (int i = 0; i < b.length; i++) {
                c[i] = (char) (b[i] & 0xFF);
            }
            assertThat(CharScanning.indexOfEndTagOpen(c, from, end)).isEqualTo(want);
            if (want < end - 1) {
                pairsFound++;
            }
        }
        assertThat(pairsFound).as("rounds where a pair was found inside the range").isGreaterThan(2_000);
    }

    @Test
    void aPairInEveryPositionOfALongRunIsFound() {
        for (int at = 0; at < 30; at++) {
            byte[] b = "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            b[at + 1] = '/';
            assertThat(ByteScanning.indexOfEndTagOpen(b, 0, b.length)).isEqualTo(at);
            assertThat(ByteScanning.indexOfEndTagOpen(b, 0, at + 1)).as("the '/' just outside").isEqualTo(at);
        }
    }
}

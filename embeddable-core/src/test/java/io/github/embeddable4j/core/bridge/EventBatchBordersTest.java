package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each limit of an event batch at its border, on both sides, and a body in another encoding than UTF-8: mutation
 * testing of EventBatch and Json found them checked only well inside or well outside (or, for the encoding, only
 * through the servlet bridge's tests).
 */
class EventBatchBordersTest {

    private static final BridgeLimits LIMITS = BridgeLimits.defaults(); // 64 KiB, 50 events, 32 Ki chars each
    private static final String EVENT = "{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}";

    private static EventBatch parse(String json) throws BridgeError {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return EventBatch.parse(body, body.length, LIMITS);
    }

    private static BridgeError refusal(String json) {
        return catchThrowableOfType(BridgeError.class, () -> parse(json));
    }

    private static String events(int count) {
        return "{\"events\":[" + String.join(",", Collections.nCopies(count, EVENT)) + "]}";
    }

    @Test
    void theLimitsThemselvesAreAllowed() throws BridgeError {
        assertThat(parse(events(LIMITS.maxEventsPerBatch())).events()).hasSize(LIMITS.maxEventsPerBatch());
        BridgeError tooMany = refusal(events(LIMITS.maxEventsPerBatch() + 1));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.code()).isEqualTo("too-many-events");

        // a body of exactly the limit is read; one byte more is not
        String padded = events(1);
        padded = padded.substring(0, padded.length() - 1) + " ".repeat(LIMITS.maxBodyBytes() - padded.length()) + "}";
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(LIMITS.maxBodyBytes());
        assertThat(parse(padded).events()).hasSize(1);
        byte[] over = (padded + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(over, over.length, LIMITS)).status())
                .isEqualTo(413);

        // an event of exactly the character limit is taken; one character more is not
        String prefix = "{\"type\":\"rc-route-changed-notify\",\"path\":\"";
        String exact = prefix + "x".repeat(LIMITS.maxEventChars() - prefix.length() - 2) + "\"}";
        assertThat(exact).hasSize(LIMITS.maxEventChars());
        assertThat(parse("{\"events\":[" + exact + "]}").events()).hasSize(1);
        String longer = prefix + "x".repeat(LIMITS.maxEventChars() - prefix.length() - 1) + "\"}";
        assertThat(refusal("{\"events\":[" + longer + "]}").code()).isEqualTo("event-too-large");
    }

    /** More events than the first buffer of offsets holds (16), and null or absent optional fields. */
    @Test
    void manyEventsKeepTheirOrderAndOptionalFieldsMayBeNull() throws BridgeError {
        StringBuilder json = new StringBuilder("{\"tab\":null,\"rejectedOrigins\":null,\"events\":[");
        for (int i = 0; i < 40; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"rc-route-changed-notify\",\"path\":\"/p").append(i).append("\"}");
        }
        EventBatch batch = parse(json.append("]}").toString());
        assertThat(batch.events()).hasSize(40);
        assertThat(batch.events().get(39).json()).contains("/p39");
        assertThat(batch.events().get(16).json()).contains("/p16\"");
        assertThat(batch.tab()).isNull();
        assertThat(batch.rejectedOrigins()).isEmpty();
        assertThat(refusal("{\"events\":[" + EVENT + ",[1]]}").code()).isEqualTo("bad-event");
        assertThat(refusal("{\"events\":[" + EVENT + ",\"x\"]}").code()).isEqualTo("bad-event");
        assertThat(refusal("{\"tab\":\"0123456789abcdef\"}").code()).isEqualTo("bad-events");
    }

    @Test
    void aTabIsEightToSixtyFourLettersDigitsOrDashes() throws BridgeError {
        for (String tab : new String[] {"a".repeat(8), "A-0".repeat(21) + "z", "-".repeat(8)}) {
            assertThat(parse("{\"tab\":\"" + tab + "\",\"events\":[]}").tab()).isEqualTo(tab);
        }
        for (String tab : new String[] {"a".repeat(7), "a".repeat(65), "abcdefg_", "abcdefg\u00e9", "abcdefg\\n"}) {
            assertThat(refusal("{\"tab\":\"" + tab + "\",\"events\":[]}").code()).as(tab).isEqualTo("bad-tab");
        }
        assertThat(refusal("{\"tab\":12345678,\"events\":[]}").code()).isEqualTo("bad-tab");
    }

    @Test
    void atMostFiveRejectedOriginsOfAtMost256Characters() throws BridgeError {
        String five = "[\"https://a.example\",\"https://b.example\",\"http://c.example:8080\",\"https://[::1]:1\","
                + "\"https://e.example\"]";
        assertThat(parse("{\"events\":[],\"rejectedOrigins\":" + five + "}").rejectedOrigins()).hasSize(5);
        assertThat(refusal("{\"events\":[],\"rejectedOrigins\":" + five.substring(0, five.length() - 1) + ",\"https://f.example\"]" + "}")
                .code()).isEqualTo("bad-rejected-origins");
        String host256 = "https://" + "a".repeat(256 - "https://".length());
        assertThat(parse("{\"events\":[],\"rejectedOrigins\":[\"" + host256 + "\"]}").rejectedOrigins())
                .containsExactly(host256);
        assertThat(refusal("{\"events\":[],\"rejectedOrigins\":[\"" + host256 + "a\"]}").code())
                .isEqualTo("bad-rejected-origins");
        for (String bad : new String[] {"1", "\"https://a.example/path\"", "\"ftp://a.example\"", "{}"}) {
            assertThat(refusal("{\"events\":[],\"rejectedOrigins\":[" + bad + "]}").code()).as(bad)
                    .isEqualTo("bad-rejected-origins");
        }
        assertThat(refusal("{\"events\":[],\"rejectedOrigins\":\"https://a.example\"}").code())
                .isEqualTo("bad-rejected-origins");
    }

    /** UTF-16 and UTF-32, with or without a byte-order mark, are refused as another encoding (415), not parsed. */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void aBodyInAnotherEncodingIsRefused(String charset) {
        byte[] body = "{\"events\":[]}".getBytes(Charset.forName(charset));
        BridgeError e = catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(body, body.length, LIMITS));
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.code()).isEqualTo("unsupported-media-type");
    }

    /**
     * Bytes that are no UTF-8 inside an event's string (an overlong "/", {@code C0 AF}; a lone continuation byte) are
     * refused as a stray {@code FF} is, not handed to listeners as U+FFFD (a Javalin trial's listener got them); a real
     * U+FFFD in the text is kept.
     */
    @Test
    void bytesThatAreNoUtf8InAnEventAreRefused() throws BridgeError {
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0x80}}) {
            byte[] body = withInRoute(bad);
            BridgeError e = catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(body, body.length, LIMITS));
            assertThat(e).as(java.util.HexFormat.of().formatHex(bad)).isNotNull();
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("malformed-json");
        }
        byte[] replacement = withInRoute(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        assertThat(EventBatch.parse(replacement, replacement.length, LIMITS).events()).singleElement()
                .satisfies(event -> assertThat(event.json()).contains("\uFFFD"));
    }

    /** A batch of one route event whose path holds {@code bytes}. */
    private static byte[] withInRoute(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"events\":[{\"type\":\"rc-route-changed-notify\",\"path\":\"/a".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A NUL in the first four bytes, or a UTF-16 byte-order mark, however short the body; UTF-8's own BOM is fine. */
    @Test
    void theEncodingCheckReadsTheFirstBytesOnly() throws BridgeError {
        assertThatThrownBy(() -> Json.requireUtf8(new byte[] {'{', 0}, 2)).isInstanceOf(BridgeError.class);
        assertThatThrownBy(() -> Json.requireUtf8(new byte[] {'{', ' ', ' ', 0, '}'}, 5)).isInstanceOf(BridgeError.class);
        Json.requireUtf8(new byte[] {'{', ' ', ' ', ' ', 0}, 5); // a NUL later is the parser's to refuse
        Json.requireUtf8(new byte[] {'{', 0}, 1); // past the body's length: not the body's
        assertThatThrownBy(() -> Json.requireUtf8(new byte[] {(byte) 0xFE, (byte) 0xFF}, 2)).isInstanceOf(BridgeError.class);
        assertThatThrownBy(() -> Json.requireUtf8(new byte[] {(byte) 0xFF, (byte) 0xFE}, 2)).isInstanceOf(BridgeError.class);
        Json.requireUtf8(new byte[] {(byte) 0xFE, (byte) 0xFF}, 1);
        Json.requireUtf8(new byte[] {(byte) 0xFE, '{'}, 2); // half a mark is none (the parser refuses the byte)
        Json.requireUtf8(new byte[] {(byte) 0xFF, '{'}, 2);
        Json.requireUtf8(new byte[] {'{', (byte) 0xFF}, 2);
        Json.requireUtf8(new byte[] {'{', (byte) 0xFE}, 2);
        Json.requireUtf8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, 5);
    }

    @Test
    void aRateLimiterNeedsAPermitAndAKey() {
        assertThatThrownBy(() -> new SessionRateLimiter(0, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionRateLimiter(1, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        new SessionRateLimiter(1, Duration.ofSeconds(1), 1);
    }
}

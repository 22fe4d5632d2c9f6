package io.github.embeddable4j.core.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;

/** The bridge's own JSON mapper: strict, with limits on nesting and string length, never taken from a framework. */
final class Json {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_NUMBER_DIGITS = 100;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool())
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(1_000_000).maxNumberLength(MAX_NUMBER_DIGITS).build())
                    .build())
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * For a whole body: "{...} junk" is no JSON document, but a plain read stops at the object's end and takes it.
     * (Not the mapper's own setting: a value read as a tree in the middle of a streamed body would fail on what follows.)
     */
    static final com.fasterxml.jackson.databind.ObjectReader DOCUMENT = MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * 400 {@code malformed-json} for a body the parser refused, saying which limit it passed when it passed one (a
     * red-team trial's valid JSON nested 60 deep was told it was not JSON). The longest string allowed is longer
     * than any body the endpoints read, so depth and number length are the limits a body can pass.
     */
    static BridgeError malformed(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return BridgeError.badRequest("malformed-json", "The body's JSON nests deeper than " + MAX_DEPTH
                    + " levels or has a number of more than " + MAX_NUMBER_DIGITS + " digits.");
        }
        return malformed();
    }

    /** 400 {@code malformed-json} for a body that is no JSON document. */
    static BridgeError malformed() {
        return BridgeError.badRequest("malformed-json", "The body is not valid JSON.");
    }

    /**
     * Refuses a body in another encoding than UTF-8, which the parser would otherwise detect by itself: UTF-16 and
     * UTF-32 show a NUL among the first four bytes (a JSON text's first characters are ASCII, and UTF-8 JSON has no raw
     * NUL anywhere) or a byte-order mark that is no UTF-8 ({@code FE FF}, {@code FF FE}).
     */
    static void requireUtf8(byte[] body, int length) throws BridgeError {
        for (int i = 0; i < Math.min(4, length); i++) {
            if (body[i] == 0) {
                throw notUtf8();
            }
        }
        if (length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            throw notUtf8();
        }
    }

    /**
     * Refuses bytes that are no UTF-8 anywhere in the body (an overlong {@code C0 AF}, a lone continuation byte), which
     * the parser decodes without a word: a review's call-out handed its provider an overlong {@code /} as {@code /},
     * past any filter of the raw bytes, where an event batch refuses it. A body of ASCII alone is one quick pass.
     */
    static void requireWellFormedUtf8(byte[] body, int length) throws BridgeError {
        for (int i = 0; i < length; i++) {
            if (body[i] < 0) {
                try {
                    java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(body, i, length - i));
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw notWellFormedUtf8();
                }
                return;
            }
        }
    }

    /** 400 {@code malformed-json}: bytes in the body that are no UTF-8. */
    static BridgeError notWellFormedUtf8() {
        return BridgeError.badRequest("malformed-json", "The body is not UTF-8.");
    }

    private static BridgeError notUtf8() {
        return new BridgeError(415, "unsupported-media-type", "Send application/json (UTF-8); the body is in another encoding.");
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree always serialises", e);
        }
    }
}

package io.github.embeddable4j.core.bridge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the bridge script posts to the event endpoint: {@code {"tab": "...", "events": [ {widget message}, ... ],
 * "rejectedOrigins": ["https://..."]}}. {@code tab} identifies one page load (it keys events when the request has no
 * session); {@code rejectedOrigins} reports a widget frame found on an origin that is not allowed. Parsed strictly, with
 * the limits of {@link BridgeLimits}: anything else is a {@link BridgeError}.
 *
 * @param tab             the page load's random key, or null
 * @param events          the widget's messages, parsed
 * @param rejectedOrigins frame origins the page refused
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public record EventBatch(@Nullable String tab, List<WidgetEvent> events, List<String> rejectedOrigins) {

    private static final Pattern TAB = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final int MAX_REJECTED = 5;

    public EventBatch {
        events = List.copyOf(events);
        rejectedOrigins = List.copyOf(rejectedOrigins);
    }

    /**
     * Parses a request body of at most {@link BridgeLimits#maxBodyBytes()} bytes (the caller stops reading beyond it).
     * Each event's {@link WidgetEvent#json()} is its text as the page sent it.
     *
     * @throws BridgeError 400 for what is not such a batch, 413 for too many events
     */
    public static EventBatch parse(byte[] body, int length, BridgeLimits limits) throws BridgeError {
        if (length > limits.maxBodyBytes()) {
            throw new BridgeError(413, "too-large", "The body is larger than " + limits.maxBodyBytes() + " bytes.");
        }
        Json.requireUtf8(body, length);
        Fields fields = fields(body, length);
        String tab = null;
        JsonNode tabNode = fields.tab;
        if (tabNode != null && !tabNode.isNull()) {
            if (!tabNode.isTextual() || !TAB.matcher(tabNode.asText()).matches()) {
                throw BridgeError.badRequest("bad-tab", "\"tab\" must be 8 to 64 letters, digits or dashes.");
            }
            tab = tabNode.asText();
        }
        if (fields.events == null) {
            throw BridgeError.badRequest("bad-events", "\"events\" must be an array of widget messages.");
        }
        int count = fields.events.length / 2;
        if (count > limits.maxEventsPerBatch()) {
            throw new BridgeError(413, "too-many-events", "A batch holds at most " + limits.maxEventsPerBatch() + " events.");
        }
        List<WidgetEvent> events = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            events.add(event(body, fields.events[2 * k], fields.events[2 * k + 1], limits));
        }
        List<String> rejected = new ArrayList<>();
        JsonNode origins = fields.rejectedOrigins;
        if (origins != null && !origins.isNull()) {
            if (!origins.isArray() || origins.size() > MAX_REJECTED) {
                throw BridgeError.badRequest("bad-rejected-origins", "\"rejectedOrigins\" must be an array of at most "
                        + MAX_REJECTED + " origins.");
            }
            for (JsonNode o : origins) {
                if (!o.isTextual() || o.asText().length() > 256 || !o.asText().matches("https?://[A-Za-z0-9.:\\[\\]-]+")) {
                    throw BridgeError.badRequest("bad-rejected-origins", "Each rejected origin must be an http(s) origin.");
                }
                rejected.add(o.asText());
            }
        }
        return new EventBatch(tab, events, rejected);
    }

    /**
     * The batch's fields: {@code tab} and {@code rejectedOrigins} as (small) trees, or null when absent; the events as
     * the start and end offset of each element's text in the body (-1, -1 for one that is no object), empty when the
     * field is null, and null when it is absent or no array (no batch: a 400).
     */
    private record Fields(@Nullable JsonNode tab, int @Nullable [] events, @Nullable JsonNode rejectedOrigins) {
    }

    /**
     * One pass over the body with the bridge's strict parser, building no tree of the events: each is typed from its
     * own text afterwards, which is also the {@code json()} it keeps. (Reading the body into a tree, then writing each
     * event out again for its text and parsing that, cost about four times a single read of the body.)
     */
    private static Fields fields(byte[] body, int length) throws BridgeError {
        try (JsonParser parser = Json.MAPPER.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(body, length);
            }
            JsonNode tab = null;
            JsonNode rejected = null;
            int[] events = null; // no "events" at all: no batch
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "tab" -> tab = parser.readValueAsTree();
                    case "rejectedOrigins" -> rejected = parser.readValueAsTree();
                    case "events" -> events = value == JsonToken.START_ARRAY ? eventBounds(parser)
                            : value == JsonToken.VALUE_NULL ? new int[0] : skipped(parser);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) { // "{...} junk": the object must be the whole body
                throw Json.malformed();
            }
            return new Fields(tab, events, rejected);
        } catch (IOException e) { // JsonProcessingException included: malformed, a duplicate name, a limit passed
            throw Json.malformed(e);
        }
    }

    private static int @Nullable [] skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /** At the events' '[': the start and end offset of each element's text (-1, -1 for one that is no object). */
    private static int[] eventBounds(JsonParser parser) throws IOException {
        int[] bounds = new int[32];
        int n = 0;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (n + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            boolean object = element == JsonToken.START_OBJECT;
            bounds[n++] = object ? (int) parser.currentTokenLocation().getByteOffset() : -1;
            parser.skipChildren();
            bounds[n++] = object ? (int) parser.currentTokenLocation().getByteOffset() + 1 : -1; // after its '}'
        }
        return Arrays.copyOf(bounds, n);
    }

    /** For a body that is no object: 400 not-an-object when it is JSON at all, else 400 malformed-json. */
    private static BridgeError notAnObject(byte[] body, int length) {
        try {
            Json.DOCUMENT.readTree(body, 0, length);
        } catch (IOException e) {
            return Json.malformed(e);
        }
        return BridgeError.badRequest("not-an-object", "Send a JSON object: {\"events\": [...]}.");
    }

    /**
     * An event's text, where its bytes are UTF-8: the parser skips over an event's strings without decoding them, and
     * a plain decoding turns bytes that are no UTF-8 (an overlong {@code C0 AF}) into U+FFFD, which a trial's listener
     * then got, where a stray {@code FF} was refused. Decoded strictly only when a U+FFFD shows, which the fast way
     * gives for every malformed sequence (and a real U+FFFD, {@code EF BF BD}, decodes strictly as itself).
     */
    private static String utf8(byte[] body, int start, int length) throws BridgeError {
        String text = new String(body, start, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(body, start, length));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw Json.notWellFormedUtf8();
            }
        }
        return text;
    }

    private static WidgetEvent event(byte[] body, int start, int end, BridgeLimits limits) throws BridgeError {
        WidgetEvent event;
        try {
            if (start < 0) {
                throw new IllegalArgumentException("not an object");
            }
            event = WidgetEvents.parse(utf8(body, start, end - start));
        } catch (IllegalArgumentException e) { // no object, or one without a string "type"
            throw BridgeError.badRequest("bad-event", "Each event must be a widget message: an object with a string \"type\".");
        }
        if (event.json().length() > limits.maxEventChars()) {
            throw BridgeError.badRequest("event-too-large", "An event is larger than " + limits.maxEventChars() + " characters.");
        }
        return event;
    }
}

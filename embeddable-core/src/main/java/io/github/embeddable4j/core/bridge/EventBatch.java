package io.github.embeddable4j.core.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.io.IOException;
import java.util.ArrayList;
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
     *
     * @throws BridgeError 400 for what is not such a batch, 413 for too many events
     */
    public static EventBatch parse(byte[] body, int length, BridgeLimits limits) throws BridgeError {
        if (length > limits.maxBodyBytes()) {
            throw new BridgeError(413, "too-large", "The body is larger than " + limits.maxBodyBytes() + " bytes.");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body, 0, length);
        } catch (JsonProcessingException e) {
            throw BridgeError.badRequest("malformed-json", "The body is not valid JSON.");
        } catch (IOException e) {
            throw BridgeError.badRequest("malformed-json", "The body could not be read as JSON.");
        }
        if (root == null || !root.isObject()) {
            throw BridgeError.badRequest("not-an-object", "Send a JSON object: {\"events\": [...]}.");
        }
        String tab = null;
        JsonNode tabNode = root.get("tab");
        if (tabNode != null && !tabNode.isNull()) {
            if (!tabNode.isTextual() || !TAB.matcher(tabNode.asText()).matches()) {
                throw BridgeError.badRequest("bad-tab", "\"tab\" must be 8 to 64 letters, digits or dashes.");
            }
            tab = tabNode.asText();
        }
        List<WidgetEvent> events = new ArrayList<>();
        JsonNode list = root.get("events");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw BridgeError.badRequest("bad-events", "\"events\" must be an array of widget messages.");
            }
            if (list.size() > limits.maxEventsPerBatch()) {
                throw new BridgeError(413, "too-many-events", "A batch holds at most " + limits.maxEventsPerBatch() + " events.");
            }
            for (JsonNode node : list) {
                events.add(event(node, limits));
            }
        }
        List<String> rejected = new ArrayList<>();
        JsonNode origins = root.get("rejectedOrigins");
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

    private static WidgetEvent event(JsonNode node, BridgeLimits limits) throws BridgeError {
        if (!node.isObject() || !node.path("type").isTextual()) {
            throw BridgeError.badRequest("bad-event", "Each event must be a widget message: an object with a string \"type\".");
        }
        String json = Json.write(node);
        if (json.length() > limits.maxEventChars()) {
            throw BridgeError.badRequest("event-too-large", "An event is larger than " + limits.maxEventChars() + " characters.");
        }
        return WidgetEvents.parse(json);
    }
}

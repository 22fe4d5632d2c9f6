package io.github.embeddable4j.core.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Parses the widget's messages into {@link WidgetEvent}s. Lenient about missing fields (they come back null or
 * false: payloads differ between widget versions), strict about what is not a message at all.
 *
 * <pre>{@code if (WidgetEvents.parse(json) instanceof WidgetEvent.CallEvent call && call.phase() == CallPhase.RING) ...}</pre>
 */
public final class WidgetEvents {

    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build()).build();

    private WidgetEvents() {
    }

    /**
     * Parses one message.
     *
     * @throws IllegalArgumentException if the text is not a JSON object with a string {@code type}
     */
    public static WidgetEvent parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a widget message: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw new IllegalArgumentException("Not a widget message: expected a JSON object with a string \"type\"");
        }
        String type = root.get("type").asText();
        CallPhase phase = CallPhase.ofType(type);
        if (phase != null) {
            return new WidgetEvent.CallEvent(type, json, phase, call(root.path("call")));
        }
        return switch (type) {
            case "rc-login-status-notify" -> new WidgetEvent.LoginStatus(type, json, root.path("loggedIn").asBoolean(false),
                    text(root, "loginNumber"), root.path("admin").asBoolean(false),
                    root.path("isFreshLogin").isBoolean() ? root.get("isFreshLogin").asBoolean() : null,
                    features(root.path("features")));
            case "rc-ringout-call-notify" -> new WidgetEvent.RingOutCall(type, json, activeCall(root.path("call")));
            case "rc-active-call-notify" -> new WidgetEvent.ActiveCallNotify(type, json, activeCall(root.path("call")));
            case "rc-inbound-message-notify" -> new WidgetEvent.MessageEvent(type, json, true, message(root.path("message")));
            case "rc-message-updated-notify" -> new WidgetEvent.MessageEvent(type, json, false, message(root.path("message")));
            case "rc-adapter-syncPresence" -> new WidgetEvent.Presence(type, json, text(root, "telephonyStatus"),
                    text(root, "userStatus"), text(root, "dndStatus"), text(root, "presenceOption"));
            case "rc-route-changed-notify" -> new WidgetEvent.RouteChanged(type, json, text(root, "path"));
            case "rc-dialer-status-notify" -> new WidgetEvent.DialerStatus(type, json, root.path("ready").asBoolean(false));
            case "rc-post-message-request" -> new WidgetEvent.PostMessageRequest(type, json, text(root, "requestId"),
                    text(root, "path"), body(root.get("body")));
            default -> new WidgetEvent.Other(type, json);
        };
    }

    private static WidgetCall call(JsonNode c) {
        return new WidgetCall(text(c, "id"), text(c, "direction"), text(c, "from"), text(c, "to"), text(c, "fromUserName"),
                text(c, "toUserName"), text(c, "callStatus"), text(c.path("partyData"), "sessionId"), number(c, "startTime"),
                number(c, "endTime"), flag(c, "isOnMute"), flag(c, "isOnHold"), text(c, "recordStatus"));
    }

    /** The features object's true/false entries; anything else in it is left out. */
    private static Map<String, Boolean> features(JsonNode f) {
        Map<String, Boolean> features = new LinkedHashMap<>();
        f.fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean()) {
                features.put(e.getKey(), e.getValue().asBoolean());
            }
        });
        return features;
    }

    private static @Nullable Boolean flag(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isBoolean() ? v.asBoolean() : null;
    }

    private static ActiveCall activeCall(JsonNode c) {
        return new ActiveCall(text(c, "sessionId"), text(c, "telephonySessionId"), text(c, "direction"),
                party(c.path("from")), party(c.path("to")), text(c, "fromName"), text(c, "toName"),
                text(c, "telephonyStatus"), number(c, "startTime"));
    }

    private static WidgetMessage message(JsonNode m) {
        List<String> to = new ArrayList<>();
        JsonNode recipients = m.path("to");
        if (recipients.isArray()) {
            recipients.forEach(r -> addParty(to, r));
        } else if (!recipients.isMissingNode() && !recipients.isNull()) {
            addParty(to, recipients);
        }
        return new WidgetMessage(text(m, "id"), text(m, "conversationId"), text(m, "type"), text(m, "direction"),
                party(m.path("from")), to, text(m, "subject"), text(m, "readStatus"), text(m, "creationTime"),
                text(m, "messageStatus"));
    }

    /** A recipient without a number (a name only) is left out: the list holds numbers. */
    private static void addParty(List<String> to, JsonNode p) {
        String number = party(p);
        if (number != null) {
            to.add(number);
        }
    }

    /** A party is a string, or an object with phoneNumber (or extensionNumber). */
    private static @Nullable String party(JsonNode p) {
        if (p.isTextual()) {
            return p.asText();
        }
        String number = text(p, "phoneNumber");
        return number != null ? number : text(p, "extensionNumber");
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static @Nullable Long number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText());
            } catch (NumberFormatException e) {
                return null; // some versions send ISO times; the raw JSON keeps them
            }
        }
        return null;
    }

    /** A call-out body as JSON text; null when absent (the widget sends no body for some call-outs). */
    private static @Nullable String body(@Nullable JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed tree always serialises", e);
        }
    }
}

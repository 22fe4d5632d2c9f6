package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The CRM package's own JSON: a strict reader with limits (one per {@link ServiceLimits}), the conversions between
 * trees and the plain Java values ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, null)
 * that public models expose, and writing. No Jackson type leaves the package.
 */
final class CrmJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** For writing (and for reading our own output in tests); never for reading call-out bodies. */
    // Buffers from a shared pool, not one per thread: a per-thread buffer (Jackson's default) stays in a servlet
    // container's request threads and keeps a redeployed application's classes alive (Tomcat's "Find leaks").
    static final ObjectMapper WRITER = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build()).build();

    private final ObjectMapper reader;
    private final ServiceLimits limits;

    CrmJson(ServiceLimits limits) {
        this.limits = limits;
        this.reader = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool())
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(limits.maxDepth())
                                .maxStringLength(limits.maxStringChars())
                                .maxNameLength(limits.maxStringChars())
                                .maxNumberLength(100)
                                .maxDocumentLength(limits.maxBodyChars())
                                .build())
                        .build())
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} junk" is refused
                .build();
    }

    /** Thrown for a body that breaks a limit or is not JSON; the message is safe to send back. */
    static final class BadBody extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean tooLarge;

        BadBody(boolean tooLarge, String message) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }
    }

    /** Parses a call-out body; null or blank (the widget sent no body) reads as an empty object. */
    JsonNode read(@Nullable String body) throws BadBody {
        if (body == null || body.isBlank()) {
            return NODES.objectNode();
        }
        if (body.length() > limits.maxBodyChars()) {
            throw new BadBody(true, "The body has " + body.length() + " characters; at most " + limits.maxBodyChars()
                    + " are accepted.");
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new BadBody(true, "The body exceeds a limit (nesting depth " + limits.maxDepth() + ", strings of "
                    + limits.maxStringChars() + " characters).");
        } catch (JsonProcessingException e) {
            throw new BadBody(false, "The body is not valid JSON.");
        }
        if (root == null || root.isMissingNode()) {
            return NODES.objectNode();
        }
        checkSizes(root);
        return root;
    }

    private void checkSizes(JsonNode node) throws BadBody {
        if (node.isContainerNode()) {
            if (node.size() > limits.maxListSize()) {
                throw new BadBody(true, "A list or object in the body has " + node.size() + " items; at most "
                        + limits.maxListSize() + " are accepted.");
            }
            for (JsonNode child : node) {
                checkSizes(child);
            }
        }
    }

    static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain values always serialises", e);
        }
    }

    // ---- tree -> plain Java values (immutable) ----

    /** A tree as plain, unmodifiable Java values. */
    static @Nullable Object plain(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(plain(n)));
            return Collections.unmodifiableList(list);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    /** The fields of an object not named in {@code known}, as plain values. */
    static Map<String, @Nullable Object> extra(JsonNode object, Set<String> known) {
        if (object == null || !object.isObject()) {
            return Map.of();
        }
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            if (!known.contains(e.getKey())) {
                map.put(e.getKey(), plain(e.getValue()));
            }
        });
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(map);
    }

    /** An object field as a plain map, or an empty map. */
    static Map<String, @Nullable Object> map(JsonNode object, String field) {
        JsonNode v = object.path(field);
        if (!v.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> m = (Map<String, @Nullable Object>) Objects.requireNonNull(plain(v)); // an object is never null
        return m;
    }

    // ---- plain Java values -> tree (validated) ----

    /**
     * Checks that a map holds only JSON values and returns an unmodifiable deep copy (nulls allowed).
     *
     * @throws IllegalArgumentException naming the key whose value is not a JSON value
     */
    static Map<String, @Nullable Object> freeze(Map<String, ?> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(what + " has a null key");
            }
            copy.put(e.getKey(), freezeValue(e.getValue(), what + "." + e.getKey()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object freezeValue(Object v, String where) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Double d && Double.isFinite(d) || v instanceof Float f && Float.isFinite(f)) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(where + " has a key that is not a string: " + e.getKey());
                }
                copy.put(key, freezeValue(e.getValue(), where + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof Iterable<?> it) {
            List<@Nullable Object> copy = new ArrayList<>();
            int i = 0;
            for (Object o : it) {
                copy.add(freezeValue(o, where + "[" + i++ + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(where + " is a " + v.getClass().getName() + "; use a JSON value: String,"
                + " Number, Boolean, null, List or Map");
    }

    /** A frozen plain value as a tree. */
    static JsonNode tree(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Double || v instanceof Float) {
            return NODES.numberNode(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return NODES.numberNode(n.longValue());
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, val) -> o.set((String) k, tree(val)));
            return o;
        }
        ArrayNode a = NODES.arrayNode();
        ((Iterable<?>) v).forEach(o -> a.add(tree(o)));
        return a;
    }

    /** Copies extra fields into an object, leaving fields already set alone. */
    static void putExtra(ObjectNode target, Map<String, @Nullable Object> extra) {
        extra.forEach((k, v) -> {
            if (!target.has(k)) {
                target.set(k, tree(v));
            }
        });
    }

    // ---- reading fields leniently ----

    /** A scalar field as text (numbers too: ids arrive as either), or null. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** A boolean field; strings {@code "true"} count. */
    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isBoolean() ? v.booleanValue() : v.isTextual() && "true".equalsIgnoreCase(v.asText());
    }

    static @Nullable Long number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A list of scalars as text; null when the field is absent, not a list, or holds a non-scalar. */
    static @Nullable List<String> texts(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(v.size());
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (!item.isValueNode() || item.isNull()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }
}

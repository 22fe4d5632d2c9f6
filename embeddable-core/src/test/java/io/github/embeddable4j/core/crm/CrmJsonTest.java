package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The CRM package's JSON, each rule at its border: the reader's limits, the tree to plain values and back, what a
 * provider may put in its extra fields, and the lenient field readers. Mutation testing found CrmJson at 52%: the
 * call-out tests go through it, but seldom to an edge.
 */
class CrmJsonTest {

    private static final ServiceLimits SMALL = new ServiceLimits(1024, 64, 3, 4);
    private final CrmJson json = new CrmJson(SMALL);

    private JsonNode read(String body) throws CrmJson.BadBody {
        return json.read(body);
    }

    private CrmJson.BadBody refusal(String body) {
        return catchThrowableOfType(CrmJson.BadBody.class, () -> read(body));
    }

    @Test
    void theReaderKeepsEachLimitAtItsBorder() throws CrmJson.BadBody {
        assertThat(read(null).isObject()).isTrue();
        assertThat(read(" \n").size()).isZero();
        String exact = "{\"a\":\"" + "x".repeat(1024 - 8) + "\"}";
        assertThat(exact).hasSize(1024);
        assertThat(refusal(exact)).as("a string over 64 characters").isNotNull().satisfies(e -> assertThat(e.tooLarge).isTrue());
        String longBody = "{\"a\":[" + " ".repeat(1024 - 8) + "]}";
        assertThat(read(longBody.substring(0, 1023) + "}")).isNotNull();
        CrmJson.BadBody tooLong = refusal(longBody + " ");
        assertThat(tooLong.tooLarge).isTrue();
        assertThat(tooLong.getMessage()).isEqualTo("The body has 1025 characters; at most 1024 are accepted.");

        assertThat(read("{\"a\":[1,2,3],\"b\":{\"x\":1,\"y\":2,\"z\":3}}").size()).isEqualTo(2);
        assertThat(refusal("{\"a\":[1,2,3,4]}").getMessage()).contains("has 4 items; at most 3");
        assertThat(refusal("{\"b\":{\"c\":{\"d\":[1,2,3,4]}}}").getMessage()).as("nested too").contains("has 4 items");
        assertThat(read("{\"a\":{\"b\":{\"c\":{}}}}")).isNotNull(); // depth 4
        assertThat(refusal("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}").getMessage()).contains("nesting depth 4");

        CrmJson.BadBody notJson = refusal("{\"a\":1} junk");
        assertThat(notJson.tooLarge).isFalse();
        assertThat(notJson.getMessage()).isEqualTo("The body is not valid JSON.");
        assertThat(refusal("{\"a\":1,\"a\":2}").tooLarge).isFalse(); // duplicate keys are refused
        assertThat(refusal("{\"a\":NaN}").tooLarge).isFalse();
    }

    @Test
    void aTreeBecomesPlainUnmodifiableValues() throws CrmJson.BadBody {
        JsonNode node = new CrmJson(ServiceLimits.defaults()).read("{\"s\":\"t\",\"b\":true,\"l\":9007199254740993,"
                + "\"big\":123456789012345678901234567890,\"d\":1.5,\"n\":null,\"a\":[1,\"x\",[]],\"o\":{\"k\":false}}");
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> plain = (Map<String, @Nullable Object>) CrmJson.plain(node);
        assertThat(plain).containsEntry("s", "t").containsEntry("b", true).containsEntry("l", 9007199254740993L)
                .containsEntry("big", new BigInteger("123456789012345678901234567890"))
                .containsEntry("d", new BigDecimal("1.5")).containsEntry("n", null)
                .containsEntry("a", List.of(1L, "x", List.of())).containsEntry("o", Map.of("k", false));
        assertThat(plain.keySet()).containsExactly("s", "b", "l", "big", "d", "n", "a", "o");
        assertThatThrownBy(() -> plain.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) plain.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(CrmJson.plain(null)).isNull();
        assertThat(CrmJson.plain(node.path("missing"))).isNull();
        assertThat(CrmJson.extra(node, Set.of("s", "b", "l", "big", "d", "a", "o"))).containsOnlyKeys("n");
        assertThat(CrmJson.extra(node, plain.keySet())).isEmpty();
        assertThat(CrmJson.extra(node.get("a"), Set.of())).isEmpty();
        assertThat(CrmJson.map(node, "o")).isEqualTo(Map.of("k", false));
        assertThat(CrmJson.map(node, "a")).isEmpty();
    }

    /** What a provider puts in a model's extra fields must be JSON; the refusal names where the bad value is. */
    @Test
    void extraFieldsHoldOnlyJsonValues() {
        Map<String, Object> fine = new LinkedHashMap<>();
        fine.put("s", "t");
        fine.put("i", 1);
        fine.put("sh", (short) 2);
        fine.put("by", (byte) 3);
        fine.put("l", 4L);
        fine.put("f", 1.5f);
        fine.put("d", 2.5);
        fine.put("bi", BigInteger.TEN);
        fine.put("bd", BigDecimal.ONE);
        fine.put("n", null);
        fine.put("list", Arrays.asList(1, null, List.of("x")));
        fine.put("map", Map.of("k", true));
        Map<String, @Nullable Object> frozen = CrmJson.freeze(fine, "extra");
        assertThat(frozen).isEqualTo(fine);
        assertThatThrownBy(() -> frozen.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        List<Object> changing = new ArrayList<>(List.of(1));
        Map<String, @Nullable Object> copied = CrmJson.freeze(Map.of("c", changing), "extra");
        changing.add(2);
        assertThat(copied.get("c")).isEqualTo(List.of(1)); // a copy, not a view

        assertThat(CrmJson.freeze(Map.of(), "extra")).isEmpty();
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> CrmJson.freeze(nullKey, "extra")).hasMessage("extra has a null key");
        assertThatThrownBy(() -> CrmJson.freeze(Map.of("m", Map.of(1, "x")), "extra"))
                .hasMessage("extra.m has a key that is not a string: 1");
        assertThatThrownBy(() -> CrmJson.freeze(Map.of("l", List.of("a", new Object())), "extra"))
                .hasMessageStartingWith("extra.l[1] is a java.lang.Object; use a JSON value");
        for (Object notFinite : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> CrmJson.freeze(Map.of("x", notFinite), "extra")).as(String.valueOf(notFinite))
                    .hasMessageStartingWith("extra.x is a java.lang.");
        }
        assertThatThrownBy(() -> CrmJson.freeze(Map.of("x", new int[] {1}), "extra")).hasMessageContaining("extra.x is a");
    }

    /** Frozen values written back into a tree, leaving fields the answer set itself alone. */
    @Test
    void plainValuesBecomeATreeAgain() {
        Map<String, @Nullable Object> extra = new LinkedHashMap<>();
        extra.put("s", "t");
        extra.put("b", false);
        extra.put("i", 7);
        extra.put("d", 0.25);
        extra.put("f", 0.5f);
        extra.put("bi", new BigInteger("123456789012345678901234567890"));
        extra.put("bd", new BigDecimal("1.50"));
        extra.put("n", null);
        extra.put("list", List.of(1L, "x"));
        extra.put("map", Collections.singletonMap("k", null));
        extra.put("id", "not this one");
        ObjectNode target = CrmJson.NODES.objectNode().put("id", "mine");
        CrmJson.putExtra(target, extra);
        assertThat(CrmJson.write(target)).isEqualTo("{\"id\":\"mine\",\"s\":\"t\",\"b\":false,\"i\":7,\"d\":0.25,\"f\":0.5,"
                + "\"bi\":123456789012345678901234567890,\"bd\":1.50,\"n\":null,\"list\":[1,\"x\"],\"map\":{\"k\":null}}");
    }

    /** Ids and flags arrive as numbers or strings, depending on the CRM: read either, and nothing else. */
    @Test
    void fieldsAreReadLeniently() throws CrmJson.BadBody {
        JsonNode node = new CrmJson(ServiceLimits.defaults()).read("{\"t\":true,\"ts\":\"TRUE\",\"f\":\"yes\",\"one\":1,"
                + "\"n\":42,\"ns\":\" 42 \",\"nx\":\"4x\",\"no\":{},\"ids\":[1,\"a\",true],\"withNull\":[1,null],"
                + "\"withObject\":[1,{}],\"nul\":null}");
        assertThat(CrmJson.bool(node, "t")).isTrue();
        assertThat(CrmJson.bool(node, "ts")).isTrue();
        assertThat(CrmJson.bool(node, "f")).isFalse();
        assertThat(CrmJson.bool(node, "one")).isFalse();
        assertThat(CrmJson.bool(node, "absent")).isFalse();
        assertThat(CrmJson.number(node, "n")).isEqualTo(42L);
        assertThat(CrmJson.number(node, "ns")).isEqualTo(42L);
        assertThat(CrmJson.number(node, "nx")).isNull();
        assertThat(CrmJson.number(node, "no")).isNull();
        assertThat(CrmJson.number(node, "absent")).isNull();
        assertThat(CrmJson.text(node, "n")).isEqualTo("42");
        assertThat(CrmJson.text(node, "nul")).isNull();
        assertThat(CrmJson.text(node, "no")).isNull();
        assertThat(CrmJson.texts(node, "ids")).containsExactly("1", "a", "true");
        assertThat(CrmJson.texts(node, "withNull")).isNull();
        assertThat(CrmJson.texts(node, "withObject")).isNull();
        assertThat(CrmJson.texts(node, "n")).isNull();
    }

    @Test
    void serviceLimitsHaveAFloor() {
        assertThat(new ServiceLimits(1024, 64, 1, 4)).isNotNull();
        assertThatThrownBy(() -> new ServiceLimits(1023, 64, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceLimits(1024, 63, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceLimits(1024, 64, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceLimits(1024, 64, 1, 3)).hasMessageEndingWith("got 1024, 64, 1, 3");
        assertThat(ServiceLimits.defaults().withMaxBodyChars(2048).withMaxStringChars(100).withMaxListSize(5).withMaxDepth(6))
                .isEqualTo(new ServiceLimits(2048, 100, 5, 6));
    }
}

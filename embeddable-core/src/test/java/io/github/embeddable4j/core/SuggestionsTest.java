package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean" and the misspelt-secret rule skip names whose length alone puts them out of reach (a hostile-values
 * run spent more than half its time measuring long names against every setting's): the answers must be those of a
 * full comparison with every name.
 */
class SuggestionsTest {

    private static final String LETTERS = "abcdeiklmnoprstuvwxyz";

    @Test
    void skippingNamesOutOfReachByLengthChangesNoSuggestion() {
        Random random = new Random(20261204);
        List<String> names = new ArrayList<>();
        for (WidgetParameter p : WidgetParameter.values()) {
            names.add(p.wireName());
        }
        int suggested = 0;
        for (int i = 0; i < 5_000; i++) {
            String input = variant(names.get(random.nextInt(names.size())), random);
            Optional<String> expected = nearestComparingAll(input, names);
            assertThat(Suggestions.nearest(input, names)).as(input).isEqualTo(expected);
            suggested += expected.isPresent() ? 1 : 0;
        }
        assertThat(suggested).as("the inputs include misspellings within reach").isGreaterThan(500).isLessThan(5_000);
    }

    @Test
    void skippingNamesOutOfReachByLengthChangesNoSecretVerdict() {
        Random random = new Random(20261205);
        Map<String, Boolean> names = new TreeMap<>(SecretNames.settingNames());
        List<String> keys = new ArrayList<>(names.keySet());
        int secret = 0;
        int misspeltSecret = 0;
        for (int i = 0; i < 5_000; i++) {
            String input = variant(keys.get(random.nextInt(keys.size())), random);
            boolean verdict = SecretNames.isSecretName(input);
            secret += verdict ? 1 : 0;
            String relaxed = Keys.normalize(input);
            if (!names.containsKey(relaxed) && secretWordIn(relaxed) == null) {
                // only the nearest-name rule decides here: compare it with a full comparison
                assertThat(verdict).as(input).isEqualTo(nearestIsSecretComparingAll(relaxed, names));
                misspeltSecret += verdict ? 1 : 0;
            }
        }
        assertThat(secret).isGreaterThan(0);
        assertThat(misspeltSecret).as("misspelt secrets found by the nearest-name rule").isGreaterThan(10);
    }

    /** A name misspelt by 0 to 4 edits, sometimes lengthened a lot. */
    private static String variant(String name, Random random) {
        StringBuilder sb = new StringBuilder(name);
        int edits = random.nextInt(5);
        for (int e = 0; e < edits && sb.length() > 1; e++) {
            int at = random.nextInt(sb.length());
            char c = LETTERS.charAt(random.nextInt(LETTERS.length()));
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(at, c);
                case 1 -> sb.insert(at, c);
                default -> sb.deleteCharAt(at);
            }
        }
        if (random.nextInt(10) == 0) {
            sb.append("x".repeat(random.nextInt(60)));
        }
        return sb.toString();
    }

    private static Optional<String> nearestComparingAll(String input, Collection<String> candidates) {
        String key = Keys.normalize(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = Suggestions.distance(key, Keys.normalize(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, key.length() / 3)) ? Optional.of(best) : Optional.empty();
    }

    private static boolean nearestIsSecretComparingAll(String relaxed, Map<String, Boolean> names) {
        int best = Integer.MAX_VALUE;
        boolean secret = false;
        for (Map.Entry<String, Boolean> name : names.entrySet()) {
            int d = Suggestions.distance(relaxed, name.getKey());
            if (d < best || (d == best && name.getValue())) {
                best = d;
                secret = name.getValue();
            }
        }
        return secret && best <= Math.max(1, Math.min(3, relaxed.length() / 3));
    }

    private static String secretWordIn(String relaxed) {
        for (String word : List.of("secret", "jwt", "authorizationcode", "password", "token", "privatekey", "serverkey",
                "apikey", "accesskey", "credential", "passwd", "verifier", "bearer", "sessionid", "signature", "cookie",
                "code", "auth", "key", "session", "sig", "params", "param", "ringcentralembeddable", "hosting",
                "frameorigins", "requireclientid", "allowsecretsinmarkup", "appkey", "appsecret", "loginserverkey")) {
            if (relaxed.contains(word)) {
                return word;
            }
        }
        return null;
    }
}

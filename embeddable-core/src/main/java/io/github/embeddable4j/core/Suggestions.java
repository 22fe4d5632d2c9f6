package io.github.embeddable4j.core;

import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** "Did you mean" for misspelt keys and parameter names. */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code input} (comparing relaxed keys), if it is close enough to be a likely typo. */
    static Optional<String> nearest(String input, Collection<String> candidates) {
        String key = Keys.normalize(input);
        int allowed = allowedDistance(key);
        @Nullable String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String relaxed = Keys.normalize(candidate);
            if (Math.abs(relaxed.length() - key.length()) > allowed) {
                continue; // at least that far apart: never a suggestion, and a long name costs no full comparison
            }
            int d = distance(key, relaxed);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** How many edits a relaxed key may be from a name to be taken for a misspelling of it: 1 to 3, by its length. */
    static int allowedDistance(String relaxedKey) {
        return Math.max(1, Math.min(3, relaxedKey.length() / 3));
    }

    /** " Did you mean 'x'?" or an empty string. */
    static String didYouMean(String input, Collection<String> candidates) {
        return nearest(input, candidates).map(s -> " Did you mean '" + s + "'?").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

package io.github.embeddable4j.core.graduation;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The store contract in memory, counting the writes it is asked for. */
final class MemoryGraduationStore implements GraduationStore {

    final AtomicInteger records = new AtomicInteger();
    private final Map<GraduationScope, Map<GraduationCounter, Set<String>>> keys = new HashMap<>();

    @Override
    public synchronized int record(GraduationScope scope, GraduationCounter counter, String key) {
        records.incrementAndGet();
        Set<String> held = keys(scope, counter);
        if (held.size() < KEY_LIMIT) {
            held.add(key);
        }
        return held.size();
    }

    @Override
    public synchronized Map<GraduationCounter, Integer> counts(GraduationScope scope) {
        Map<GraduationCounter, Integer> counts = new EnumMap<>(GraduationCounter.class);
        keys.getOrDefault(scope, Map.of()).forEach((counter, held) -> counts.put(counter, held.size()));
        return counts;
    }

    synchronized Set<String> keys(GraduationScope scope, GraduationCounter counter) {
        return keys.computeIfAbsent(scope, s -> new EnumMap<>(GraduationCounter.class))
                .computeIfAbsent(counter, c -> new LinkedHashSet<>());
    }
}

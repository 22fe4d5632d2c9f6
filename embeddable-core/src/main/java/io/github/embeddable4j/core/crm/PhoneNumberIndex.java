package io.github.embeddable4j.core.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An immutable index from normalised phone number to the things that have it (contacts, or your own entities), for
 * answering contact-match call-outs by hash lookup instead of a scan. Every number, stored and looked up, goes through
 * the same {@link PhoneNumberNormalizer#matchKey}, so {@code +1 (650) 555-0101}, {@code 6505550101} (region US) and
 * {@code +16505550101} find the same entries. Thread-safe; rebuild it when your data changes.
 *
 * <pre>{@code var index = PhoneNumberIndex.ofContacts(crm.allContacts()); return index.match(request.phoneNumbers());}</pre>
 *
 * @param <T> what is indexed
 */
public final class PhoneNumberIndex<T> {

    private final PhoneNumberNormalizer normalizer;
    private final Map<String, List<T>> byKey;
    /** What was stored with an extension, by the number with it: a lookup with that extension finds these first. */
    private final Map<String, List<T>> byExtensionKey;
    private final int entries;

    private PhoneNumberIndex(PhoneNumberNormalizer normalizer, Map<String, List<T>> byKey,
            Map<String, List<T>> byExtensionKey, int entries) {
        this.normalizer = normalizer;
        this.byKey = byKey;
        this.byExtensionKey = byExtensionKey;
        this.entries = entries;
    }

    /** Indexes contacts under each of their numbers, reading numbers without a country code as US numbers. */
    public static PhoneNumberIndex<Contact> ofContacts(Collection<Contact> contacts) {
        return ofContacts(contacts, PhoneNumberNormalizer.us());
    }

    /** Indexes contacts under each of their numbers. */
    public static PhoneNumberIndex<Contact> ofContacts(Collection<Contact> contacts, PhoneNumberNormalizer normalizer) {
        Builder<Contact> b = builder(normalizer);
        for (Contact c : contacts) {
            if (!c.deleted()) {
                c.phoneNumbers().forEach(p -> b.add(p.phoneNumber(), c));
            }
        }
        return b.build();
    }

    /** Indexes anything under the numbers a function gives for it. */
    public static <T> PhoneNumberIndex<T> of(Collection<T> items, Function<? super T, ? extends Collection<String>> numbers,
            PhoneNumberNormalizer normalizer) {
        Builder<T> b = builder(normalizer);
        for (T item : items) {
            for (String n : numbers.apply(item)) {
                b.add(n, item);
            }
        }
        return b.build();
    }

    /** An empty index's builder, which files numbers as {@code normalizer} reads them. */
    public static <T> Builder<T> builder(PhoneNumberNormalizer normalizer) {
        return new Builder<>(normalizer);
    }

    /**
     * What has this number (in any format), in the order added; empty when nothing does or it has no digits. A number
     * with an extension finds what was stored with that extension, or else everything on the number (its main line
     * and every extension); a number without one finds everything on it.
     */
    public List<T> find(@Nullable String number) {
        String extension = byExtensionKey.isEmpty() ? null : normalizer.extensionKey(number);
        List<T> own = extension == null ? null : byExtensionKey.get(extension);
        if (own != null) {
            return own;
        }
        String key = normalizer.matchKey(number);
        return key == null ? List.of() : byKey.getOrDefault(key, List.of());
    }

    /**
     * Looks up every number and answers keyed by the numbers <em>as given</em>, each with its (possibly empty) list:
     * exactly the shape a contact-match answer needs.
     */
    public Map<String, List<T>> match(Collection<String> numbers) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (String n : numbers) {
            out.put(n, find(n));
        }
        return Collections.unmodifiableMap(out);
    }

    /** How many distinct numbers are indexed. */
    public int numberCount() {
        return byKey.size();
    }

    /** How many (number, item) entries were added, duplicates removed. */
    public int entryCount() {
        return entries;
    }

    /** The normaliser numbers go through. */
    public PhoneNumberNormalizer normalizer() {
        return normalizer;
    }

    /** Collects (number, item) pairs; numbers without a digit are skipped. Not thread-safe. */
    public static final class Builder<T> {
        private final PhoneNumberNormalizer normalizer;
        private final Map<String, Set<T>> byKey = new HashMap<>();
        private final Map<String, Set<T>> byExtensionKey = new HashMap<>();

        private Builder(PhoneNumberNormalizer normalizer) {
            this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        }

        /** Adds an item under a number; false when the number has no digit and was skipped. */
        public boolean add(@Nullable String number, T item) {
            Objects.requireNonNull(item, "item");
            String key = normalizer.matchKey(number);
            if (key == null) {
                return false;
            }
            byKey.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).add(item);
            String extension = normalizer.extensionKey(number);
            if (extension != null) {
                byExtensionKey.computeIfAbsent(extension, k -> new LinkedHashSet<>(2)).add(item);
            }
            return true;
        }

        /** The index of everything added; the builder may go on to build another. */
        public PhoneNumberIndex<T> build() {
            Map<String, List<T>> frozen = new HashMap<>(Math.max(16, byKey.size() * 4 / 3 + 1));
            int entries = 0;
            for (Map.Entry<String, Set<T>> e : byKey.entrySet()) {
                frozen.put(e.getKey(), List.copyOf(new ArrayList<>(e.getValue())));
                entries += e.getValue().size();
            }
            Map<String, List<T>> extensions = new HashMap<>();
            byExtensionKey.forEach((key, items) -> extensions.put(key, List.copyOf(items)));
            return new PhoneNumberIndex<>(normalizer, Collections.unmodifiableMap(frozen),
                    Collections.unmodifiableMap(extensions), entries);
        }
    }
}

package io.github.embeddable4j.core.graduation;

import java.util.Map;

/**
 * Keeps graduation counts across restarts and across instances of the app: per {@link GraduationScope} and
 * {@link GraduationCounter}, a set of distinct keys (a message id, a call id, one key per observed login). Recording a
 * key that is already there changes nothing, so two instances that see the same message count it once.
 * Implementations are thread-safe. {@link FileGraduationStore} is the default; {@link JdbcGraduationStore} suits apps
 * with a database and several instances.
 *
 * <pre>{@code GraduationStore store = new JdbcGraduationStore(dataSource);}</pre>
 */
public interface GraduationStore {

    /**
     * At most this many keys are kept per scope and counter: four times the largest target. Past it, keys are not
     * stored, which keeps a store small whatever a browser sends.
     */
    int KEY_LIMIT = 24;

    /** The longest key; the tracker hashes longer ones and any with characters outside {@code [A-Za-z0-9._:/@+-]}. */
    int MAX_KEY_LENGTH = 64;

    /**
     * Records a key, unless it is there already or the counter holds {@link #KEY_LIMIT} keys.
     *
     * @return how many keys the counter holds now
     * @throws GraduationStoreException when the store cannot be read or written
     */
    int record(GraduationScope scope, GraduationCounter counter, String key);

    /**
     * How many keys each counter of the scope holds; counters with none may be missing.
     *
     * @throws GraduationStoreException when the store cannot be read
     */
    Map<GraduationCounter, Integer> counts(GraduationScope scope);
}

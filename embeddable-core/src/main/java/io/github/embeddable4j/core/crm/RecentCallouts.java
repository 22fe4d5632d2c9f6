package io.github.embeddable4j.core.crm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The call-outs that act answered lately, by session and the widget's request id, so that the same request sent
 * again (a browser sends a POST again by itself when the connection it went on closes with no answer) gets the first
 * one's answer instead of a second call log. Bounded: when full of entries still in use, a request is answered as if
 * it were new, as before this existed.
 */
final class RecentCallouts {

    static final int MAX_ENTRIES = 10_000;

    private static final long PURGE_INTERVAL_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, Recent> byKey = new ConcurrentHashMap<>();
    private volatile long lastPurge = System.nanoTime() - PURGE_INTERVAL_NANOS;

    private record Recent(CompletableFuture<ServiceAnswer> answer, long untilNanos) {
        boolean kept(long now) {
            return now - untilNanos < 0;
        }
    }

    /**
     * The first answer for {@code key} while kept ({@code keepNanos} from the first request), else {@code first}'s,
     * remembered.
     */
    CompletableFuture<ServiceAnswer> once(String key, long keepNanos, Supplier<CompletableFuture<ServiceAnswer>> first) {
        long now = System.nanoTime();
        if (byKey.size() >= MAX_ENTRIES) {
            long last = lastPurge;
            if (now - last >= PURGE_INTERVAL_NANOS) { // a full map is gone over once a second at most, not per call-out
                lastPurge = now;
                byKey.values().removeIf(recent -> !recent.kept(now));
            }
            if (byKey.size() >= MAX_ENTRIES) {
                return first.get();
            }
        }
        CompletableFuture<ServiceAnswer> mine = new CompletableFuture<>();
        Recent entry = new Recent(mine, now + keepNanos);
        Recent taken = byKey.merge(key, entry, (old, fresh) -> old.kept(now) ? old : fresh);
        if (taken != entry) {
            return taken.answer();
        }
        CompletableFuture<ServiceAnswer> answer;
        try {
            answer = first.get();
        } catch (RuntimeException | Error e) {
            byKey.remove(key, entry); // nothing to wait for
            mine.completeExceptionally(e);
            throw e;
        }
        answer.whenComplete((done, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(done);
            }
        });
        return mine;
    }

    int size() {
        return byKey.size();
    }
}

package io.github.embeddable4j.core.graduation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far an app is with its graduation: one {@link Item} per {@link GraduationCriterion}, in the enum's order.
 *
 * <pre>{@code GraduationProgress p = tracker.progress(); if (p.readyForProduction()) show(p.checkByHand());}</pre>
 *
 * @param scope the client ID and server the counts belong to
 * @param items one per criterion
 */
public record GraduationProgress(GraduationScope scope, List<Item> items) {

    public GraduationProgress {
        Objects.requireNonNull(scope, "scope");
        items = List.copyOf(items);
    }

    /** Progress from a store's counts; a counter the map lacks is 0. */
    public static GraduationProgress of(GraduationScope scope, Map<GraduationCounter, Integer> counts) {
        List<Item> items = new ArrayList<>();
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            if (!criterion.counted()) {
                items.add(new Item(criterion, 0, Status.CHECK_BY_HAND));
                continue;
            }
            int count = Integer.MAX_VALUE;
            for (GraduationCounter counter : criterion.counters()) {
                count = Math.min(count, counts.getOrDefault(counter, 0));
            }
            items.add(new Item(criterion, count, count >= criterion.target() ? Status.DONE : Status.IN_PROGRESS));
        }
        return new GraduationProgress(scope, items);
    }

    /** Where a criterion stands. */
    public enum Status {
        /** Counted, and the target is reached. */
        DONE,
        /** Counted, and the target is not reached yet. */
        IN_PROGRESS,
        /** The widget does not reveal it: the developer checks it by hand. */
        CHECK_BY_HAND
    }

    /**
     * One criterion's progress.
     *
     * @param criterion the requirement
     * @param count     how many were seen; always 0 for {@link Status#CHECK_BY_HAND}
     * @param status    where it stands
     */
    public record Item(GraduationCriterion criterion, int count, Status status) {

        /** How many are needed. */
        public int target() {
            return criterion.target();
        }

        /** Whether the target is reached. */
        public boolean done() {
            return status == Status.DONE;
        }
    }

    /**
     * The item of one criterion.
     *
     * @throws IllegalArgumentException when this progress has none for it
     */
    public Item item(GraduationCriterion criterion) {
        return items.stream().filter(i -> i.criterion() == criterion).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No progress for " + criterion));
    }

    /** The criteria the developer has to check by hand. */
    public List<GraduationCriterion> checkByHand() {
        return items.stream().filter(i -> i.status() == Status.CHECK_BY_HAND).map(Item::criterion).toList();
    }

    /**
     * Whether the app may ask to go to production, as far as the widget shows: it has its own client ID and every
     * counted criterion is done. The {@link #checkByHand()} criteria are the developer's to confirm.
     */
    public boolean readyForProduction() {
        return !scope.demoApp() && items.stream().allMatch(i -> i.done() || i.status() == Status.CHECK_BY_HAND);
    }
}

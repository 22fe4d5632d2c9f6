/**
 * Graduation: what a sandbox app must have done before RingCentral lets it go to production, counted from the
 * widget's events. {@link io.github.embeddable4j.core.graduation.GraduationCriterion} lists the requirements and how
 * each is seen (or that it must be checked by hand); {@link io.github.embeddable4j.core.graduation.GraduationTracker}
 * counts them for one client ID and server into a {@link io.github.embeddable4j.core.graduation.GraduationStore} (a
 * JSON file by default, or a database table), and reports a
 * {@link io.github.embeddable4j.core.graduation.GraduationProgress}.
 *
 * <pre>{@code
 * GraduationTracker tracker = new GraduationTracker(config, new FileGraduationStore(FileGraduationStore.defaultLocation()));
 * WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(tracker).build();
 * boolean ready = tracker.progress().readyForProduction();
 * }</pre>
 */
@NullMarked
package io.github.embeddable4j.core.graduation;

import org.jspecify.annotations.NullMarked;

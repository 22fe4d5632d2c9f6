package io.github.embeddable4j.core.graduation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.graduation.GraduationCriterion.Confidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraduationCriterionTest {

    @Test
    void moreThanFiveMeansSixAndFiveMeansFive() {
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            int expected = criterion.requirement().contains("more than 5") ? 6 : 5;
            assertThat(criterion.target()).as(criterion.name()).isEqualTo(expected);
        }
        assertThat(GraduationCriterion.RINGOUT_CALLS.target()).isEqualTo(5);
        assertThat(GraduationCriterion.SMS_SENT.target()).isEqualTo(6);
    }

    @Test
    void onlyWhatTheWidgetRevealsIsCounted() {
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            boolean counted = criterion.confidence() != Confidence.NOT_OBSERVABLE;
            assertThat(criterion.counted()).isEqualTo(counted);
            assertThat(criterion.counters().isEmpty()).as(criterion.name()).isEqualTo(!counted);
            assertThat(criterion.eventTypes().isEmpty()).as(criterion.name()).isEqualTo(!counted);
            assertThat(criterion.signal()).isNotBlank();
            assertThat(criterion.counting()).isNotBlank();
        }
        assertThat(GraduationCriterion.CONTACTS_REFRESHES.counted()).isFalse();
        assertThat(GraduationCriterion.RINGOUT_CALL_CONTROLS.counted()).isFalse();
    }

    @Test
    void everyCounterBelongsToExactlyOneCriterion() {
        List<GraduationCounter> used = new ArrayList<>();
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            used.addAll(criterion.counters());
        }
        assertThat(used).containsExactlyInAnyOrder(GraduationCounter.values());
        assertThat(GraduationCriterion.LOGINS_AND_LOGOUTS.counters())
                .containsExactly(GraduationCounter.LOGINS, GraduationCounter.LOGOUTS);
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            assertThat(GraduationStore.KEY_LIMIT).isGreaterThanOrEqualTo(criterion.target() * 4);
        }
    }
}

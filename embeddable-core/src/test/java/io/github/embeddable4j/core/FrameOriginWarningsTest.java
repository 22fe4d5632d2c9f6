package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Reports of rejected widget frames come from pages, so from anyone: only origins are said, each once, within a budget
 * that starts over, so made-up origins can delay the warning about a real one but not silence it until a restart.
 */
class FrameOriginWarningsTest {

    @Test
    void onlyAnOriginIsAReport() {
        assertThat(FrameOriginWarnings.isOrigin("https://apps.example.com")).isTrue();
        assertThat(FrameOriginWarnings.isOrigin("http://localhost:8080")).isTrue();
        assertThat(FrameOriginWarnings.isOrigin("https://[::1]:8443")).isTrue();
        assertThat(FrameOriginWarnings.isOrigin("https://a.example\nSEVERE: forged")).isFalse();
        assertThat(FrameOriginWarnings.isOrigin("https://a.example/path")).isFalse();
        assertThat(FrameOriginWarnings.isOrigin("javascript:alert(1)")).isFalse();
        assertThat(FrameOriginWarnings.isOrigin("null")).isFalse();
    }

    @Test
    void eachOriginOnceAndTheBudgetStartsOver() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        FrameOriginWarnings warnings = new FrameOriginWarnings(clock);
        assertThat(warnings.shouldSay("https://real.example")).isTrue();
        assertThat(warnings.shouldSay("https://real.example")).as("said once").isFalse();
        for (int i = 1; i < FrameOriginWarnings.PER_WINDOW; i++) {
            assertThat(warnings.shouldSay("https://junk-" + i + ".example")).isTrue();
        }
        try (LoggedRecords log = new LoggedRecords(FrameOriginWarnings.class)) {
            assertThat(warnings.shouldSay("https://another-real.example")).as("over the budget").isFalse();
            assertThat(warnings.shouldSay("https://yet-another.example")).isFalse();
            assertThat(warnings.shouldSay("https://junk-1.example")).isFalse();
            // a red-team trial: the silence after the budget was spent read as "no more such frames"
            assertThat(log.records()).as("the spent budget is said once").singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("on 100 origins that are not allowed in 10 minutes;"
                            + " more are not logged").contains("anyone can make them up"));
        }
        now.set(now.get().plus(Duration.ofMinutes(FrameOriginWarnings.WINDOW_MINUTES)));
        assertThat(warnings.shouldSay("https://another-real.example")).as("the next window").isTrue();
        try (LoggedRecords log = new LoggedRecords(FrameOriginWarnings.class)) {
            for (int i = 1; i <= FrameOriginWarnings.PER_WINDOW; i++) {
                warnings.shouldSay("https://junk-" + i + ".example");
            }
            assertThat(log.records()).as("and once again in the next window").hasSize(1);
        }
        assertThat(warnings.shouldSay("x\nforged")).isFalse();
    }
}

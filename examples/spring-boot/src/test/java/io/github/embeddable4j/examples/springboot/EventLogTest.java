package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The event log keeps the newest {@value EventLog#CAPACITY} events, newest first, and cuts long messages. */
class EventLogTest {

    @Test
    void keepsTheNewestHundredAndCutsLongMessages() {
        EventLog log = new EventLog();
        for (int i = 0; i < 150; i++) {
            log.onWidgetEvent(event("{\"type\":\"rc-route-changed-notify\",\"path\":\"/page-" + i + "\"}"));
        }
        assertThat(log.latest()).hasSize(EventLog.CAPACITY);
        assertThat(log.latest().get(0).json()).contains("/page-149");
        assertThat(log.latest().get(EventLog.CAPACITY - 1).json()).contains("/page-50");
        assertThat(log.latest().get(0).user()).isEqualTo("ada");

        log.onWidgetEvent(event("{\"type\":\"rc-route-changed-notify\",\"path\":\"/" + "x".repeat(1000) + "\"}"));
        assertThat(log.latest().get(0).json()).hasSize(EventLog.JSON_CHARS + 1).endsWith("…");
    }

    private static WidgetApplicationEvent<?> event(String json) {
        return new WidgetApplicationEvent<>(new ReceivedWidgetEvent(WidgetEvents.parse(json), "session", () -> "ada",
                Instant.now(), ReceivedWidgetEvent.Channel.HTTP));
    }
}

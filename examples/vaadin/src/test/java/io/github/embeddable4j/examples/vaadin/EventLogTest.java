package io.github.embeddable4j.examples.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;

/**
 * The contacts view's event log stays bounded whatever a browser reports: a hostile one's thousands of forged ring
 * events with 200,000-character numbers filled the heap when every line was kept whole (a hostile audit).
 */
class EventLogTest {

    @Test
    void keepsTheNewestLinesEachCut() {
        EventLog log = new EventLog();
        String huge = "+1" + "5".repeat(200_000);
        for (int i = 0; i < 2_000; i++) {
            log.add("ringing", i + " call from " + huge);
        }
        log.add("ringing", "call from +16505550101");
        assertThat(log.getComponentCount()).isEqualTo(EventLog.LINES);
        assertThat(log.getChildren().map(c -> ((Paragraph) c).getText()))
                .allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(EventLog.CHARS + 1));
        assertThat(((Paragraph) log.getComponentAt(0)).getText()).endsWith("ringing: call from +16505550101");
        assertThat(((Paragraph) log.getComponentAt(1)).getText()).contains("ringing: 1999 call from +1555");
    }
}

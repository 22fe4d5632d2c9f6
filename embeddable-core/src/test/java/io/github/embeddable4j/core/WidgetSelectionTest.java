package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What both adapters' selectors rest on: one answer per request, a failure that costs the page its widget only. */
class WidgetSelectionTest {

    private static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globex").build());

    private static Embeddable ask(Map<String, Object> request, Object selector, Supplier<Embeddable> select) {
        return WidgetSelection.once(selector, request::get, request::put, select);
    }

    @Test
    void aRequestAsksTheSelectorOnceWhateverItAnswers() {
        AtomicInteger asked = new AtomicInteger();
        Object selector = new Object();
        Map<String, Object> request = new HashMap<>();
        assertThat(ask(request, selector, () -> { asked.incrementAndGet(); return GLOBEX; })).isSameAs(GLOBEX);
        assertThat(ask(request, selector, () -> { asked.incrementAndGet(); return null; })).isSameAs(GLOBEX);
        Map<String, Object> none = new HashMap<>();
        assertThat(ask(none, selector, () -> { asked.incrementAndGet(); return null; })).isNull();
        assertThat(ask(none, selector, () -> { asked.incrementAndGet(); return GLOBEX; })).as("none, remembered").isNull();
        assertThat(asked).hasValue(2);
    }

    @Test
    void aSelectorThatThrowsGivesNoWidgetAndIsSaidOnce() {
        Object selector = new Object();
        try (LoggedRecords log = new LoggedRecords(WidgetSelection.class)) {
            for (int i = 0; i < 3; i++) {
                assertThat(ask(new HashMap<>(), selector, () -> { throw new IllegalStateException("tenant store down"); })).isNull();
            }
            assertThat(log.messages()).hasSize(1).first().asString().contains("tenant store down");
        }
    }

    @Test
    void theCacheOfBuiltPartsKeepsTheMostRecentlyUsedWidgetsOnly() {
        Map<Embeddable, String> built = WidgetSelection.recentlyUsed();
        built.put(GLOBEX, "globex");
        for (int i = 0; i < WidgetSelection.MAX_WIDGETS; i++) {
            built.put(Embeddable.of(EmbeddableConfig.defaults()), "tenant " + i);
            if (i % 1000 == 0) {
                built.get(GLOBEX); // used again: kept
            }
        }
        assertThat(built).hasSize(WidgetSelection.MAX_WIDGETS).containsKey(GLOBEX);
        built.put(Embeddable.of(EmbeddableConfig.defaults()), "one more");
        assertThat(built).hasSize(WidgetSelection.MAX_WIDGETS);
    }
}

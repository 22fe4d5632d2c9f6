package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Test-only: every widget event the starter's dispatcher hands to listeners, for the tests to read. */
@Component
public class RecordingEventListener implements WidgetEventListener {

    static final List<ReceivedWidgetEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void onWidgetEvent(ReceivedWidgetEvent event) {
        EVENTS.add(event);
    }
}

package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The last {@value #CAPACITY} widget events of every user, in memory, for the live event log page. Widget events
 * reach the server through the starter's bridge and arrive here as Spring application events, on the starter's
 * dispatcher threads (never on a request thread). Bounded: the oldest event goes when a new one comes.
 */
@Component
public class EventLog {

    /** How many events are kept. */
    public static final int CAPACITY = 100;
    /** How much of an event's JSON is kept: enough to read, never a whole message body. */
    static final int JSON_CHARS = 300;

    /**
     * One event as the page shows it. Its content came from a browser: pages print it as text, never as markup.
     *
     * @param receivedAt when the server received it
     * @param user       the signed-in user whose browser sent it, or {@code -}
     * @param type       the widget's message type, such as {@code rc-call-ring-notify}
     * @param json       the message, cut to {@value #JSON_CHARS} characters
     */
    public record Entry(Instant receivedAt, String user, String type, String json) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>(CAPACITY);

    @EventListener
    void onWidgetEvent(WidgetApplicationEvent<? extends WidgetEvent> event) {
        WidgetEvent e = event.getEvent();
        String json = e.json() == null ? "" : e.json();
        Entry entry = new Entry(event.getReceivedAt(), event.getUserName().orElse("-"), e.type(),
                json.length() > JSON_CHARS ? json.substring(0, JSON_CHARS) + "…" : json);
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeLast();
            }
            entries.addFirst(entry);
        }
    }

    /** The events kept, newest first. */
    public List<Entry> latest() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }
}

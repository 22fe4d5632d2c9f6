package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The live log of what the widget reports, newest first: the last {@value #LINES} lines, each cut to {@value #CHARS}
 * characters. The reports come from the visitor's browser, and a hostile one sent thousands of forged ring events with
 * 200,000-character numbers: kept whole and without end, they took the server's heap and the application stopped
 * serving everyone (a hostile audit).
 */
final class EventLog extends Div {

    static final int LINES = 100;
    static final int CHARS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    EventLog() {
        setId("event-log");
    }

    void add(String what, String detail) {
        String text = LocalTime.now().format(TIME) + "  " + what + ": " + detail;
        Paragraph line = new Paragraph(text.length() > CHARS ? cut(text) + "…" : text);
        line.addClassName("event");
        addComponentAsFirst(line);
        while (getComponentCount() > LINES) {
            remove(getComponentAt(LINES));
        }
    }

    /** The first {@value #CHARS} characters, one fewer where that would split a character made of two. */
    private static String cut(String text) {
        return text.substring(0, Character.isHighSurrogate(text.charAt(CHARS - 1)) ? CHARS - 1 : CHARS);
    }
}

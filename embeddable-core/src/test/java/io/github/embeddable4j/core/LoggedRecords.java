package io.github.embeddable4j.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class's logger records while open, every level: embeddable4j's {@code System.Logger}s write to
 * {@code java.util.logging} by default, under the class's name.
 *
 * <pre>{@code try (LoggedRecords log = new LoggedRecords(ThirdPartyService.class)) { ...; assertThat(log.messages()).anyMatch(...); }}</pre>
 */
public final class LoggedRecords implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level level;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LoggedRecords(Class<?> type) {
        this(type.getName());
    }

    /** A logger by name, such as {@code "io.github.embeddable4j"}, which the sign-in endpoints log under. */
    public LoggedRecords(String name) {
        logger = Logger.getLogger(name);
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The records so far; {@code clear()} them to start over. */
    public List<LogRecord> records() {
        return records;
    }

    /** The messages so far, as logged (parameters not filled in). */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** The records at {@code atLeast} or above, each as its message and its exception's stack trace, if any. */
    public List<String> messagesWithTraces(Level atLeast) {
        return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue()).map(r -> {
            StringWriter trace = new StringWriter();
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(trace));
            }
            return r.getMessage() + "\n" + trace;
        }).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(level);
    }
}

package io.github.embeddable4j.servlet.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What embeddable4j logs while open: its {@code System.Logger}s write to {@code java.util.logging} by default, under
 * {@code io.github.embeddable4j}. No servlet type, so WebFlux tests use it too.
 *
 * <pre>{@code try (CapturedLog log = new CapturedLog()) { ...; assertThat(log.lines()).anyMatch(l -> l.startsWith("WARNING")); }}</pre>
 */
public final class CapturedLog implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.github.embeddable4j");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public CapturedLog() {
        logger.addHandler(handler);
    }

    /** Each record so far as {@code LEVEL message}. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

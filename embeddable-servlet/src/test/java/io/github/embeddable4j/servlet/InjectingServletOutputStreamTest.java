package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectingOutputStream;
import io.github.embeddable4j.core.inject.InjectionPoint;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the container receives from the byte path, write by write. */
class InjectingServletOutputStreamTest {

    private static final String SNIPPET = "<script src=\"https://example.com/adapter.js\" async></script>";
    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>" + "<p>row</p>".repeat(800)
            + "</body></html>";

    @Test
    void blockingWritesPassTheRestOfTheApplicationsArrayOnWithoutCopyingIt() throws Exception {
        RecordingContainerStream container = new RecordingContainerStream();
        InjectingServletOutputStream out = stream(container);
        byte[] page = PAGE.getBytes(UTF_8);

        out.write(page, 0, page.length);
        out.close();

        assertThat(container.body()).isEqualTo(HtmlInjection.inject(PAGE, SNIPPET, InjectionPoint.HEAD_END));
        int marker = PAGE.indexOf("</head>");
        // the ~8 KB after the marker are handed over as a slice of the application's own array, not a gathered copy
        assertThat(container.writes).anySatisfy(w -> {
            assertThat(w.array()).isSameAs(page);
            assertThat(w.off() + w.len()).isEqualTo(page.length);
            assertThat(w.off()).isLessThanOrEqualTo(marker);
        });
    }

    @Test
    void nonBlockingWritesStillReachTheContainerAsOneWritePerApplicationWrite() throws Exception {
        RecordingContainerStream container = new RecordingContainerStream();
        InjectingServletOutputStream out = stream(container);
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
            }

            @Override
            public void onError(Throwable t) {
            }
        });
        byte[] page = PAGE.getBytes(UTF_8);

        out.write(page, 0, page.length);

        assertThat(container.writes).hasSize(1); // the text before the marker, the snippet and the rest, together
        out.close();
        assertThat(container.body()).isEqualTo(HtmlInjection.inject(PAGE, SNIPPET, InjectionPoint.HEAD_END));
    }

    private static InjectingServletOutputStream stream(ServletOutputStream container) {
        return new InjectingServletOutputStream(container,
                sink -> new InjectingOutputStream(sink, SNIPPET.getBytes(UTF_8), InjectionPoint.HEAD_END), () -> { }, () -> "UTF-8");
    }

    record Write(byte[] array, int off, int len) {
    }

    /** A container stream that is always ready and records each write (the array it was given, not a copy). */
    static final class RecordingContainerStream extends ServletOutputStream {
        final List<Write> writes = new ArrayList<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(new Write(b, off, len));
            received.write(b, off, len);
        }

        String body() {
            return received.toString(UTF_8);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }
    }
}

package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.inject.InjectingOutputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.NullUnmarked;

/**
 * The byte path of {@link InjectingResponseWrapper}: decides at the first write, then writes through the injector
 * or straight to the container.
 *
 * <p>In blocking mode the injector writes straight to the container: the text before the marker, the snippet and the
 * rest of the application's array, without copying the page. In non-blocking mode one application write becomes at
 * most one container write: what the injector emits for it is gathered and written in one call, because non-blocking
 * output accepts one write each time {@code isReady()} is true. Held bytes released while the application is not
 * writing (at the end, or when the page turns out not to be HTML) are then written only when the container is
 * ready: with the next application write, or from the container's {@code onWritePossible} (the application's
 * {@link WriteListener} is wrapped for that), and {@code close()}/{@code complete()} wait for them.
 */
@NullUnmarked // internal: state that is null between the phases of a response, checked where used
final class InjectingServletOutputStream extends ServletOutputStream {

    /** Something to do once the held bytes are written: close the stream, complete the request. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    private final ServletOutputStream raw;
    /** At the first write: an injector writing to the given stream, or null to pass the body through. */
    private final Function<OutputStream, InjectingOutputStream> injectorInto;
    /** Runs before a flush or close may send the headers. */
    private final Runnable beforeFlush;
    /** Non-blocking mode: what the injector emitted and the container has not been given yet. */
    private final GatheringOutputStream gathered = new GatheringOutputStream();
    /**
     * Where the injector writes. Blocking writes may be several per application write, so they go to the container
     * as they come (gathering would copy the rest of the array the marker was in, some 8 KB per page); non-blocking
     * ones are gathered.
     */
    private final OutputStream injectorSink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (nonBlocking) {
                gathered.write(b, off, len);
            } else {
                raw.write(b, off, len);
            }
        }
    };
    private boolean decided;
    /** The injector while this response is (or was) scanned; null when passing through. */
    private InjectingOutputStream injecting;
    /** Set by {@link #setWriteListener}: nothing may be written while the container is not ready. */
    private boolean nonBlocking;
    /** Non-blocking mode: the application has closed or completed; it expects no more onWritePossible. */
    private boolean ended;
    /** Non-blocking mode: what to do once the gathered bytes are written (close, complete). Read by isReady(). */
    private volatile IoAction whenWritten;

    InjectingServletOutputStream(ServletOutputStream raw, Function<OutputStream, InjectingOutputStream> injectorInto,
            Runnable beforeFlush, java.util.function.Supplier<String> encoding) {
        this.raw = raw;
        this.injectorInto = injectorInto;
        this.beforeFlush = beforeFlush;
        this.encoding = encoding;
    }

    /** The response's character encoding, for text printed to the stream where the container prints in it. */
    private final java.util.function.Supplier<String> encoding;

    /**
     * Whether a container's stream prints text in the response's encoding (Jetty) rather than as the API's own
     * {@code print}, which takes ISO-8859-1 characters only: found once per class, by whether it overrides it.
     */
    private static final ClassValue<Boolean> PRINTS_IN_ENCODING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("print", String.class).getDeclaringClass() != ServletOutputStream.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /**
     * Text printed to the stream, in bytes as the container's own stream would make them: Jetty's in the response's
     * encoding (through the API's {@code print}, a review's "José" came out as ISO-8859-1 in a UTF-8 response, and a
     * "€" as a 500), others' as the API does.
     */
    @Override
    public void print(String s) throws IOException {
        if (!PRINTS_IN_ENCODING.get(raw.getClass())) {
            super.print(s);
            return;
        }
        java.nio.charset.Charset charset;
        try {
            charset = java.nio.charset.Charset.forName(encoding.get());
        } catch (RuntimeException unknown) { // checked by the container when it was set; ISO-8859-1 is the default
            charset = java.nio.charset.StandardCharsets.ISO_8859_1;
        }
        byte[] text = String.valueOf(s).getBytes(charset);
        write(text, 0, text.length);
    }

    boolean nonBlocking() {
        return nonBlocking;
    }

    /** Whether this write goes through the injector (decided at the first write). */
    private boolean scanning() {
        if (!decided) {
            decided = true;
            injecting = injectorInto.apply(injectorSink);
        }
        return injecting != null && injecting.scanning();
    }

    /** Whether the injector has started looking at the page and is still looking. */
    boolean started() {
        return injecting != null && injecting.scanning();
    }

    @Override
    public void write(int b) throws IOException {
        if (!scanning() && gathered.isEmpty()) {
            raw.write(b);
        } else {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (scanning()) {
            gathered.expect(b);
            injecting.write(b, off, len);
        } else if (gathered.isEmpty()) {
            raw.write(b, off, len);
            return;
        } else {
            gathered.write(b, off, len); // after bytes released while the container was not ready
        }
        sendGathered();
    }

    private void sendGathered() throws IOException {
        gathered.sendTo(raw, !nonBlocking);
    }

    /** Writes released bytes now if the container can take them; returns false when they have to wait. */
    private boolean sendGatheredIfReady() throws IOException {
        if (gathered.isEmpty()) {
            return true;
        }
        if (nonBlocking && !raw.isReady()) {
            return false; // they go with the next write, or at the end (see resume)
        }
        sendGathered();
        return true;
    }

    /** Whether the container may be told to flush now (in non-blocking mode, not while a write is unfinished). */
    boolean canFlush() {
        return !nonBlocking || raw.isReady();
    }

    @Override
    public void flush() throws IOException {
        beforeFlush.run();
        if (sendGatheredIfReady() && canFlush()) {
            raw.flush();
        }
    }

    @Override
    public void close() throws IOException {
        beforeFlush.run();
        endThen(raw::close);
    }

    /** The end of the body: writes the held bytes (in non-blocking mode, only if the container is ready). */
    void finish() throws IOException {
        if (injecting != null) {
            injecting.finish();
        }
        sendGatheredIfReady();
    }

    /** Writes the held bytes (when the container can take them) but keeps looking for the marker. */
    void releaseHeld() throws IOException {
        if (injecting != null && injecting.scanning()) {
            injecting.releaseHeld();
            sendGatheredIfReady();
        }
    }

    /**
     * Ends the body, then runs the action. In non-blocking mode the held bytes may have to wait for the container,
     * and the action waits with them; it runs even if writing them fails.
     */
    synchronized void endThen(IoAction action) throws IOException {
        if (!nonBlocking) {
            try {
                finish();
            } finally {
                action.run();
            }
            return;
        }
        ended = true;
        IoAction before = whenWritten;
        whenWritten = before == null ? action : () -> {
            before.run();
            action.run();
        };
        if (injecting != null) {
            injecting.finish(); // the held bytes join what is gathered
        }
        resume();
    }

    /** Non-blocking mode, after the end: writes what is gathered when the container is ready, then the action. */
    private synchronized void resume() throws IOException {
        if (!gathered.isEmpty()) {
            if (!raw.isReady()) {
                return; // the container calls onWritePossible when it is
            }
            try {
                sendGathered();
            } catch (IOException | RuntimeException e) {
                runWhenWritten();
                throw e;
            }
            if (!raw.isReady()) {
                return; // complete() while a write is unfinished would abort it (Jetty): wait for onWritePossible
            }
        }
        runWhenWritten();
    }

    private void runWhenWritten() throws IOException {
        IoAction action = whenWritten;
        whenWritten = null;
        if (action != null) {
            action.run();
        }
    }

    /** Forgets the injector and anything not yet written: the response buffer was reset. */
    void restart() {
        decided = false;
        injecting = null;
        gathered.clear();
    }

    @Override
    public boolean isReady() {
        // Blocking output is always ready; Undertow throws when asked outside non-blocking mode, and Servlet 6.1's
        // write(ByteBuffer) asks first.
        return !nonBlocking || (whenWritten == null && raw.isReady());
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        Objects.requireNonNull(listener, "listener");
        nonBlocking = true;
        raw.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() throws IOException {
                synchronized (InjectingServletOutputStream.this) {
                    if (ended) {
                        resume();
                        return;
                    }
                }
                listener.onWritePossible();
            }

            @Override
            public void onError(Throwable t) {
                try {
                    listener.onError(t);
                } finally {
                    synchronized (InjectingServletOutputStream.this) {
                        gathered.clear(); // cannot be written any more; what waited for it must still happen
                        try {
                            runWhenWritten();
                        } catch (IOException | RuntimeException e) {
                            // The output already failed; that failure is the one the application hears of.
                        }
                    }
                }
            }
        });
    }
}

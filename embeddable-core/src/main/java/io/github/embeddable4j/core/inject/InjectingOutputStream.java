package io.github.embeddable4j.core.inject;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An output stream that inserts a snippet once, before the {@code </head>} that ends the head (or the first real
 * {@code </body>}, see {@link InjectionPoint}) of the HTML written through it. Everything else passes through unchanged and at once,
 * except at most 6 bytes at the end of a write that may begin the marker; after the snippet is in, bytes are only
 * copied. A document without the marker comes out byte for byte as it went in, however it was split into writes.
 *
 * <p>Works on bytes, so the charset must be ASCII-compatible ({@link HtmlInjection#isAsciiCompatible(Charset)});
 * the snippet is encoded in it. Not thread-safe, like the streams it wraps.
 *
 * <pre>{@code try (var out = new InjectingOutputStream(socketOut, UTF_8, embeddable.scriptTag(), InjectionPoint.HEAD_END)) { ... }}</pre>
 */
public class InjectingOutputStream extends FilterOutputStream {

    private final InjectionPipe<byte[]> pipe;
    private byte @Nullable [] one;

    /**
     * @throws IllegalArgumentException if the charset is not ASCII-compatible (UTF-16, for instance)
     */
    public InjectingOutputStream(OutputStream out, Charset charset, String snippet, InjectionPoint point) {
        this(out, encode(charset, snippet), point);
    }

    /**
     * With the snippet already encoded in the stream's charset, which must be ASCII-compatible: for callers that
     * encode a snippet once and reuse it on every response.
     */
    public InjectingOutputStream(OutputStream out, byte[] snippet, InjectionPoint point) {
        super(Objects.requireNonNull(out, "out"));
        byte[] snippetBytes = Objects.requireNonNull(snippet, "snippet");
        this.pipe = new InjectionPipe<>(point, new byte[HtmlMarkerScanner.MARKER_LENGTH]) {
            @Override
            void emit(byte[] buf, int off, int len) throws IOException {
                if (len > 0) {
                    InjectingOutputStream.this.out.write(buf, off, len);
                }
            }

            @Override
            boolean shouldInject() {
                return InjectingOutputStream.this.shouldInject();
            }

            @Override
            void fragmentFound() {
                InjectingOutputStream.this.fragmentFound();
            }

            @Override
            void emitSnippet() throws IOException {
                InjectingOutputStream.this.out.write(snippetBytes);
            }

            @Override
            int scan(HtmlMarkerScanner scanner, byte[] buf, int off, int end) {
                return scanner.scan(buf, off, end);
            }
        };
    }

    private static byte[] encode(Charset charset, String snippet) {
        if (!HtmlInjection.isAsciiCompatible(charset)) {
            throw new IllegalArgumentException(charset + " is not ASCII-compatible; markers cannot be found byte by byte");
        }
        return Objects.requireNonNull(snippet, "snippet").getBytes(charset);
    }

    @Override
    public void write(int b) throws IOException {
        if (!pipe.scanning()) {
            out.write(b);
            return;
        }
        if (one == null) {
            one = new byte[1];
        }
        one[0] = (byte) b;
        pipe.write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (pipe.scanning()) {
            pipe.write(b, off, len);
        } else {
            out.write(b, off, len); // the snippet is in (or will not be): one call, nothing else
        }
    }

    /** Flushes what has passed through; the few bytes held back for a possible marker stay held. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes any held bytes and stops looking: the rest is copied as is. Call when the document is complete. */
    public void finish() throws IOException {
        pipe.drain();
    }

    /**
     * Writes the held bytes now but keeps looking. A marker that began among them can no longer get the snippet,
     * so the next one will (with {@link InjectionPoint#HEAD_END}, a lost {@code </head>} falls back to {@code </body>}).
     * For an explicit "send everything now", such as a servlet response's {@code flushBuffer()}.
     */
    public void releaseHeld() throws IOException {
        pipe.releaseHeld();
    }

    /**
     * Called when a marker is found, before the snippet is written; returning false copies the rest unchanged.
     * Lets a caller re-check a decision that may have changed since the stream was opened (a servlet response's
     * content type or status, say). The default returns true.
     */
    protected boolean shouldInject() {
        return true;
    }

    /**
     * Called once the document turned out to be a fragment (see {@link InjectionPoint}), which gets no snippet, before
     * its bytes are written on: from now on the output is the input, unchanged. Lets a caller undo what it held
     * back for a changed page (a servlet response's Content-Length, say). The default does nothing.
     */
    protected void fragmentFound() {
    }

    /** Forgets held bytes and starts looking again, for a response whose buffer was reset. */
    public void reset() {
        pipe.reset();
    }

    /** Whether the snippet has been written. */
    public boolean injected() {
        return pipe.injected();
    }

    /** Whether the stream is still looking for the marker. */
    public boolean scanning() {
        return pipe.scanning();
    }

    /** Writes any held bytes, then closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}

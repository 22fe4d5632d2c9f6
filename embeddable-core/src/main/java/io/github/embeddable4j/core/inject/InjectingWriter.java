package io.github.embeddable4j.core.inject;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Writer} counterpart of {@link InjectingOutputStream}: inserts a snippet once before the {@code </head>}
 * that ends the head (or the first real {@code </body>}, see {@link InjectionPoint}) and otherwise passes characters
 * through, holding back at most 6.
 */
public class InjectingWriter extends FilterWriter {

    private final InjectionPipe<char[]> pipe;
    private char @Nullable [] scratch;
    private char @Nullable [] one;

    /** A writer that passes everything to {@code out} and puts {@code snippet} in once, where {@code point} says. */
    public InjectingWriter(Writer out, String snippet, InjectionPoint point) {
        super(Objects.requireNonNull(out, "out"));
        Objects.requireNonNull(snippet, "snippet");
        this.pipe = new InjectionPipe<>(point, new char[HtmlMarkerScanner.MARKER_LENGTH]) {
            @Override
            void emit(char[] buf, int off, int len) throws IOException {
                if (len > 0) {
                    InjectingWriter.this.out.write(buf, off, len);
                }
            }

            @Override
            boolean shouldInject() {
                return InjectingWriter.this.shouldInject();
            }

            @Override
            void fragmentFound() {
                InjectingWriter.this.fragmentFound();
            }

            @Override
            void emitSnippet() throws IOException {
                InjectingWriter.this.out.write(snippet);
            }

            @Override
            int scan(HtmlMarkerScanner scanner, char[] buf, int off, int end) {
                return scanner.scan(buf, off, end);
            }
        };
    }

    @Override
    public void write(int c) throws IOException {
        if (!pipe.scanning()) {
            out.write(c);
            return;
        }
        if (one == null) {
            one = new char[1];
        }
        one[0] = (char) c;
        pipe.write(one, 0, 1);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (pipe.scanning()) {
            pipe.write(cbuf, off, len);
        } else {
            out.write(cbuf, off, len); // the snippet is in (or will not be): one call, nothing else
        }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, str.length());
        if (!pipe.scanning()) {
            out.write(str, off, len);
            return;
        }
        while (len > 0) {
            int n = Math.min(len, 8192);
            if (scratch == null || scratch.length < n) {
                scratch = new char[Math.max(n, 256)];
            }
            str.getChars(off, off + n, scratch, 0);
            pipe.write(scratch, 0, n);
            off += n;
            len -= n;
        }
    }

    /** Flushes what has passed through; the few characters held back for a possible marker stay held. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes any held characters and stops looking. Call when the document is complete. */
    public void finish() throws IOException {
        pipe.drain();
    }

    /**
     * Writes the held characters now but keeps looking. A marker that began among them can no longer get the snippet,
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
     * its characters are written on: from now on the output is the input, unchanged. Lets a caller undo what it held
     * back for a changed page (a servlet response's Content-Length, say). The default does nothing.
     */
    protected void fragmentFound() {
    }

    /** Forgets held characters and starts looking again. */
    public void reset() {
        pipe.reset();
    }

    /** Whether the snippet has been written. */
    public boolean injected() {
        return pipe.injected();
    }

    /** Whether the writer is still looking for the marker. */
    public boolean scanning() {
        return pipe.scanning();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}

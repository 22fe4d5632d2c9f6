package io.github.embeddable4j.core.inject;

import java.io.IOException;

/**
 * The hold-back logic shared by the byte and char injectors. {@code A} is {@code byte[]} or {@code char[]}.
 * Units pass through as they arrive, except the few at the end of a write that may begin a marker; those wait
 * in a small buffer for the next write, a flush of the tail ({@link #drain()}), or the end.
 */
abstract class InjectionPipe<A> {

    private final InjectionPoint point;
    private HtmlMarkerScanner scanner;
    private final A hold;
    private int held;
    private boolean scanning = true;
    private boolean injected;

    InjectionPipe(InjectionPoint point, A hold) {
        this.point = point;
        this.scanner = new HtmlMarkerScanner(point);
        this.hold = hold;
    }

    /** Writes units to the underlying output. */
    abstract void emit(A buf, int off, int len) throws IOException;

    /** Writes the snippet to the underlying output. */
    abstract void emitSnippet() throws IOException;

    /** Feeds {@code buf[off..end)} to the scanner; returns the index just after the unit that completes a marker, or -1. */
    abstract int scan(HtmlMarkerScanner scanner, A buf, int off, int end);

    final boolean injected() {
        return injected;
    }

    final boolean scanning() {
        return scanning;
    }

    /** Asked when a marker is found: whether to inject there. When not, the pipe stops looking and copies. */
    boolean shouldInject() {
        return true;
    }

    /** Told once the document turned out to be a fragment, before its units go on, unchanged from now on. */
    void fragmentFound() {
    }

    final void write(A buf, int off, int len) throws IOException {
        if (!scanning) {
            emit(buf, off, len);
            return;
        }
        int end = off + len;
        int from = off;
        while (true) {
            int markerEnd = scan(scanner, buf, from, end);
            if (markerEnd == HtmlMarkerScanner.NEVER) { // a fragment: no marker will come, so stop looking
                scanning = false;
                fragmentFound();
                emit(hold, 0, held);
                emit(buf, off, len);
                held = 0;
                scanning = false;
                return;
            }
            if (markerEnd < 0) {
                break;
            }
            int markerLength = scanner.markerLength;
            int fromChunk = Math.min(markerLength, markerEnd - off);
            int fromHold = markerLength - fromChunk;
            if (fromHold > held) {
                from = markerEnd; // the marker's start was released early (see releaseHeld): look for the next one
                continue;
            }
            if (!shouldInject()) {
                emit(hold, 0, held);
                emit(buf, off, len);
                held = 0;
                scanning = false;
                return;
            }
            int markerStart = markerEnd - fromChunk;
            emit(hold, 0, held - fromHold);
            emit(buf, off, markerStart - off);
            emitSnippet();
            emit(hold, held - fromHold, fromHold);
            emit(buf, markerStart, end - markerStart);
            held = 0;
            scanning = false;
            injected = true;
            return;
        }
        int keep = scanner.pending();
        int total = held + len;
        int emitCount = total - keep;
        int fromHold = Math.min(held, Math.max(emitCount, 0));
        emit(hold, 0, fromHold);
        if (emitCount > fromHold) {
            emit(buf, off, emitCount - fromHold);
        }
        // The new hold is the last `keep` units of (old hold minus what was emitted) ++ buf[off..end).
        int oldRest = held - fromHold;
        int fromBuf = Math.min(keep, len);
        int fromOld = keep - fromBuf;
        System.arraycopy(hold, fromHold + oldRest - fromOld, hold, 0, fromOld);
        System.arraycopy(buf, end - fromBuf, hold, fromOld, fromBuf);
        held = keep;
    }

    /**
     * Writes the held units but keeps looking. A marker whose start was among them can no longer get the snippet
     * in front of it, so the next marker will ({@code </body>} after a lost {@code </head>}).
     */
    final void releaseHeld() throws IOException {
        if (held > 0) {
            int n = held;
            held = 0;
            emit(hold, 0, n);
        }
    }

    /** Writes any held units and stops looking for the marker: from now on everything is copied. */
    final void drain() throws IOException {
        if (held > 0) {
            A h = hold;
            int n = held;
            held = 0;
            emit(h, 0, n);
        }
        scanning = false;
    }

    /** Drops held units and starts over (the response buffer was reset). */
    final void reset() {
        held = 0;
        scanning = true;
        injected = false;
        scanner = new HtmlMarkerScanner(point);
    }
}

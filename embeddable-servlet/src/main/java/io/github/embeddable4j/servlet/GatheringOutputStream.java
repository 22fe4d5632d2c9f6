package io.github.embeddable4j.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.jspecify.annotations.NullUnmarked;

/**
 * Collects what the injector emits during one call (the text before the marker, the snippet, the rest, bytes held
 * back from an earlier call) so that the container gets it in one write. Non-blocking servlet output accepts one
 * write per {@code isReady()}: a second write before the container is ready again fails or is lost.
 *
 * <p>A call that emits a single slice of the application's own array (the usual case: no marker in it, nothing
 * held before it) is passed on without a copy. Not thread-safe.
 */
@NullUnmarked // internal: state that is null between the phases of a response, checked where used
final class GatheringOutputStream extends OutputStream {

    private static final byte[] NONE = new byte[0];
    /** Larger arrays are not kept between writes. */
    private static final int KEEP_AT_MOST = 8192;

    /** The array of the application write in progress: it stays unchanged until that write returns. */
    private byte[] callerArray;
    /** A single slice of {@link #callerArray}, not copied (yet). */
    private byte[] slice;
    private int sliceOff;
    private int sliceLen;
    private byte[] buf = NONE;
    private int count;

    /** Announces the array of the application write that is about to be fed to the injector. */
    void expect(byte[] applicationArray) {
        this.callerArray = applicationArray;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (b == callerArray && slice == null && count == 0) {
            slice = b;
            sliceOff = off;
            sliceLen = len;
            return;
        }
        if (slice != null) {
            byte[] s = slice;
            slice = null;
            append(s, sliceOff, sliceLen);
        }
        append(b, off, len);
    }

    private void append(byte[] b, int off, int len) {
        if (count + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(count + len, Math.max(256, buf.length * 2)));
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    boolean isEmpty() {
        return slice == null && count == 0;
    }

    /** Forgets what was gathered (the response buffer was reset). */
    void clear() {
        slice = null;
        count = 0;
        callerArray = null;
    }

    /**
     * Writes what was gathered to {@code out} in one write, and forgets it.
     *
     * @param reuse whether the array may be filled again afterwards: not in non-blocking mode, where the container
     *              may still be reading it after {@code write} returned
     */
    void sendTo(OutputStream out, boolean reuse) throws IOException {
        callerArray = null;
        if (slice != null) {
            byte[] s = slice;
            slice = null;
            out.write(s, sliceOff, sliceLen);
        } else if (count > 0) {
            byte[] b = buf;
            int n = count;
            count = 0;
            if (!reuse || b.length > KEEP_AT_MOST) {
                buf = NONE;
            }
            out.write(b, 0, n);
        }
    }
}

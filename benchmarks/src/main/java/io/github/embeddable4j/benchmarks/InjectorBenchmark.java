package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.inject.InjectingOutputStream;
import io.github.embeddable4j.core.inject.InjectingWriter;
import io.github.embeddable4j.core.inject.InjectionPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The injector against a plain copy of the same page through the same sink, for every {@link PageShapes page
 * shape}, two sizes, and both paths ({@link InjectingOutputStream} over bytes, {@link InjectingWriter} over chars).
 * The page is written in 8 K-unit chunks, as a template engine would, into a reused 32 K-unit ring buffer (a
 * container's response buffer): that copy is the floor no injector can go below.
 * <ul>
 *   <li>{@code copy}: the chunks written straight into the sink;
 *   <li>{@code injector}: through the injector ({@link InjectionPoint#HEAD_END}, the snippet encoded once, as the
 *       servlet filter does) into the same sink;
 *   <li>{@code scan}: through the injector looking for {@code </body>} only, into a sink that drops what it gets:
 *       the scanner's own speed over the page's content (the marker, if any, is at the very end);
 *   <li>{@code copyAfterPlacement} and {@code injectorAfterPlacement}: the target as BENCHMARKS.md words it, "within
 *       1.10x of the copy once the snippet is placed": the rest of the page, from the unit after which the injector
 *       stopped looking (the snippet placed, or the page found to be a fragment), written in the same chunks
 *       straight into the sink, or through an injector that has already placed the snippet (made once, fed the
 *       page up to there). What comes before that point is the scan ({@code scan} times its rate) and the tag.
 * </ul>
 * Run {@code java -jar benchmarks/target/benchmarks.jar InjectorBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}: after JMH's
 * own table, {@link InjectorReport} prints injector ÷ copy and the scanner's rate per shape, size and path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InjectorBenchmark {

    private static final int CHUNK = 8192;

    @Param({PageShapes.HEAD, PageShapes.BODY_ONLY, PageShapes.FRAGMENT, PageShapes.INLINE_SCRIPT, PageShapes.INLINE_STYLE})
    public String shape;

    @Param({"50k", "5m"})
    public String size;

    @Param({"bytes", "chars"})
    public String path;

    private boolean bytes;
    private byte[] pageBytes;
    private char[] pageChars;
    private final String snippet = BenchmarkServer.EMBEDDABLE.scriptTag();
    private byte[] snippetBytes;
    final ByteSink byteSink = new ByteSink();
    final CharSink charSink = new CharSink();
    private final DroppingStream droppingStream = new DroppingStream();
    private final DroppingWriter droppingWriter = new DroppingWriter();
    /** Where the injector stops looking on this page: after the marker, or at the unit that shows a fragment. */
    private int placedAt;
    private InjectingOutputStream placedStream;
    private InjectingWriter placedWriter;

    /** The page's length in units (bytes or chars; the pages are ASCII, so both are the same). */
    static int pageLength(String shape, String size) {
        return PageShapes.page(shape, sizeOf(size)).length();
    }

    private static int sizeOf(String size) {
        return switch (size) {
            case "50k" -> 50 * 1024;
            case "5m" -> 5 * 1024 * 1024;
            default -> throw new IllegalArgumentException(size);
        };
    }

    @Setup
    public void setUp() throws IOException {
        String page = PageShapes.page(shape, sizeOf(size));
        bytes = path.equals("bytes");
        pageBytes = page.getBytes(StandardCharsets.UTF_8);
        pageChars = page.toCharArray();
        snippetBytes = snippet.getBytes(StandardCharsets.UTF_8);
        placedAt = placementPoint(pageBytes, snippetBytes);
        placedStream = new InjectingOutputStream(byteSink, snippetBytes, InjectionPoint.HEAD_END);
        placedStream.write(pageBytes, 0, placedAt);
        placedWriter = new InjectingWriter(charSink, snippet, InjectionPoint.HEAD_END);
        placedWriter.write(pageChars, 0, placedAt);
        boolean fragment = shape.equals(PageShapes.FRAGMENT);
        if (placedStream.scanning() || placedWriter.scanning() || placedStream.injected() == fragment
                || placedWriter.injected() == fragment) {
            throw new IllegalStateException(shape + ": the injectors did not decide at unit " + placedAt);
        }
    }

    /** Where the injector stops looking on this page (see {@link #placementPoint(byte[], byte[])}). */
    static int placementPoint(String shape, String size) {
        try {
            return placementPoint(PageShapes.page(shape, sizeOf(size)).getBytes(StandardCharsets.UTF_8),
                    BenchmarkServer.EMBEDDABLE.scriptTag().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The number of units after which an injector stops looking on this page, found by writing it one unit at a time
     * (where a page is cut into writes does not change where the injector decides).
     */
    static int placementPoint(byte[] page, byte[] snippet) throws IOException {
        InjectingOutputStream probe = new InjectingOutputStream(new DroppingStream(), snippet, InjectionPoint.HEAD_END);
        int i = 0;
        while (probe.scanning()) {
            if (i == page.length) {
                throw new IllegalStateException("the injector never decided on this page");
            }
            probe.write(page, i++, 1);
        }
        return i;
    }

    @Benchmark
    public long copy() throws IOException {
        if (bytes) {
            writeBytes(byteSink);
            return byteSink.position;
        }
        writeChars(charSink);
        return charSink.position;
    }

    @Benchmark
    public long injector() throws IOException {
        if (bytes) {
            InjectingOutputStream out = new InjectingOutputStream(byteSink, snippetBytes, InjectionPoint.HEAD_END);
            writeBytes(out);
            out.finish();
            return byteSink.position + (out.injected() ? 1 : 0);
        }
        InjectingWriter out = new InjectingWriter(charSink, snippet, InjectionPoint.HEAD_END);
        writeChars(out);
        out.finish();
        return charSink.position + (out.injected() ? 1 : 0);
    }

    @Benchmark
    public long scan() throws IOException {
        if (bytes) {
            InjectingOutputStream out = new InjectingOutputStream(droppingStream, snippetBytes, InjectionPoint.BODY_END);
            writeBytes(out);
            out.finish();
            return droppingStream.count + (out.injected() ? 1 : 0);
        }
        InjectingWriter out = new InjectingWriter(droppingWriter, snippet, InjectionPoint.BODY_END);
        writeChars(out);
        out.finish();
        return droppingWriter.count + (out.injected() ? 1 : 0);
    }

    @Benchmark
    public long copyAfterPlacement() throws IOException {
        if (bytes) {
            writeBytes(byteSink, placedAt);
            return byteSink.position;
        }
        writeChars(charSink, placedAt);
        return charSink.position;
    }

    @Benchmark
    public long injectorAfterPlacement() throws IOException {
        if (bytes) {
            writeBytes(placedStream, placedAt);
            return byteSink.position;
        }
        writeChars(placedWriter, placedAt);
        return charSink.position;
    }

    private void writeBytes(OutputStream out) throws IOException {
        writeBytes(out, 0);
    }

    private void writeBytes(OutputStream out, int from) throws IOException {
        for (int off = from; off < pageBytes.length; off += CHUNK) {
            out.write(pageBytes, off, Math.min(CHUNK, pageBytes.length - off));
        }
    }

    private void writeChars(Writer out) throws IOException {
        writeChars(out, 0);
    }

    private void writeChars(Writer out, int from) throws IOException {
        for (int off = from; off < pageChars.length; off += CHUNK) {
            out.write(pageChars, off, Math.min(CHUNK, pageChars.length - off));
        }
    }

    /** Copies bytes into a reused 32 KB ring buffer, as a container's response buffer would. */
    static final class ByteSink extends OutputStream {
        final byte[] buffer = new byte[32 * 1024];
        int position;

        @Override
        public void write(int b) {
            buffer[position] = (byte) b;
            position = (position + 1) % buffer.length;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length - position);
                System.arraycopy(b, off, buffer, position, n);
                position = (position + n) % buffer.length;
                off += n;
                len -= n;
            }
        }
    }

    /** The char counterpart of {@link ByteSink}. */
    static final class CharSink extends Writer {
        final char[] buffer = new char[32 * 1024];
        int position;

        @Override
        public void write(char[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length - position);
                System.arraycopy(b, off, buffer, position, n);
                position = (position + n) % buffer.length;
                off += n;
                len -= n;
            }
        }

        @Override
        public void write(String s, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length - position);
                s.getChars(off, off + n, buffer, position);
                position = (position + n) % buffer.length;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Counts what it is given and keeps none of it: the scanner alone. */
    static final class DroppingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** The char counterpart of {@link DroppingStream}. */
    static final class DroppingWriter extends Writer {
        long count;

        @Override
        public void write(char[] b, int off, int len) {
            count += len;
        }

        @Override
        public void write(String s, int off, int len) {
            count += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

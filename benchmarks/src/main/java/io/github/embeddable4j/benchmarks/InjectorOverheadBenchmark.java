package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.inject.InjectingOutputStream;
import io.github.embeddable4j.core.inject.InjectionPoint;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the injector's constant cost per page goes, on {@link InjectorBenchmark}'s 50 KB {@code head} page (bytes, 8 KB
 * writes, the same ring-buffer sink): the injector as the filter uses it; with an empty snippet (what writing the
 * ~0.3 KB tag costs); on a page whose head is only {@code <html><head></head>} (what scanning the real 125-byte head
 * costs), each next to a copy of the same page; a pass-through stream wrapper (what any wrapper costs); and creating
 * an injector and finishing it with nothing written; and the head alone, real and bare, into a sink that keeps nothing
 * (the scan that places the snippet, without the copy). Run
 * {@code java -jar benchmarks/target/benchmarks.jar InjectorOverheadBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class InjectorOverheadBenchmark {

    private static final int CHUNK = 8192;

    private final InjectorBenchmark.ByteSink sink = new InjectorBenchmark.ByteSink();
    private final byte[] page = PageShapes.page(PageShapes.HEAD, 50 * 1024).getBytes(StandardCharsets.UTF_8);
    private final byte[] minimalHead = ("<html><head></head>" + PageShapes.page(PageShapes.FRAGMENT, 50 * 1024))
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] snippet = BenchmarkServer.EMBEDDABLE.scriptTag().getBytes(StandardCharsets.UTF_8);
    private final byte[] noSnippet = new byte[0];

    @Benchmark
    public long copy() throws IOException {
        return write(sink, page);
    }

    /** The same bytes the injector writes (the tag first, then the page): the sink's copy at the same alignments. */
    @Benchmark
    public long copyTagAndPage() throws IOException {
        sink.write(snippet, 0, snippet.length);
        return write(sink, page);
    }

    @Benchmark
    public long injector() throws IOException {
        return inject(page, snippet);
    }

    @Benchmark
    public long injectorEmptySnippet() throws IOException {
        return inject(page, noSnippet);
    }

    @Benchmark
    public long copyMinimalHead() throws IOException {
        return write(sink, minimalHead);
    }

    @Benchmark
    public long injectorMinimalHead() throws IOException {
        return inject(minimalHead, snippet);
    }

    @Benchmark
    public long passThroughWrapper() throws IOException {
        OutputStream out = new FilterOutputStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                this.out.write(b, off, len);
            }
        };
        return write(out, page);
    }

    /** The page's head up to the table's first row (131 bytes), alone: the scan that places the snippet. */
    private final byte[] headOnly = PageShapes.page(PageShapes.HEAD, 50 * 1024).substring(0, 131)
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] bareHeadOnly = "<html><head></head><table>".getBytes(StandardCharsets.UTF_8);
    private final OutputStream nowhere = OutputStream.nullOutputStream();

    /** An injector given only the head, into a sink that keeps nothing: creating it, scanning, placing the tag. */
    @Benchmark
    public boolean headOnly() throws IOException {
        InjectingOutputStream out = new InjectingOutputStream(nowhere, snippet, InjectionPoint.HEAD_END);
        out.write(headOnly, 0, headOnly.length);
        return out.injected();
    }

    /** The same with a bare head: the difference is the scan of the real head's 105 more bytes. */
    @Benchmark
    public boolean bareHeadOnly() throws IOException {
        InjectingOutputStream out = new InjectingOutputStream(nowhere, snippet, InjectionPoint.HEAD_END);
        out.write(bareHeadOnly, 0, bareHeadOnly.length);
        return out.injected();
    }

    @Benchmark
    public boolean createAndFinish() throws IOException {
        InjectingOutputStream out = new InjectingOutputStream(sink, snippet, InjectionPoint.HEAD_END);
        out.finish();
        return out.injected();
    }

    private long inject(byte[] bytes, byte[] tag) throws IOException {
        InjectingOutputStream out = new InjectingOutputStream(sink, tag, InjectionPoint.HEAD_END);
        write(out, bytes);
        out.finish();
        return sink.position + (out.injected() ? 1 : 0);
    }

    private long write(OutputStream out, byte[] bytes) throws IOException {
        for (int off = 0; off < bytes.length; off += CHUNK) {
            out.write(bytes, off, Math.min(CHUNK, bytes.length - off));
        }
        return sink.position;
    }
}

package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.inject.InjectingOutputStream;
import io.github.embeddable4j.core.inject.InjectionPoint;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The injector alone, against a plain copy of the same bytes in the same chunks (the baseline), for a page whose
 * {@code </head>} comes early and one without any marker (scanned to the end). Run:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main InjectorBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InjectorBenchmark {

    @Param({"50k", "1m"})
    public String size;

    @Param({"head", "no-marker"})
    public String shape;

    private byte[] page;
    private final String snippet = BenchmarkServer.EMBEDDABLE.scriptTag();

    @Setup
    public void setUp() {
        String html = BenchmarkServer.page(size.equals("1m") ? 1024 * 1024 : 50 * 1024);
        page = (shape.equals("head") ? html : html.replace("</head>", "").replace("</body>", "")).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public void plainCopy(Blackhole bh) throws IOException {
        write(new Sink(bh));
    }

    @Benchmark
    public void injector(Blackhole bh) throws IOException {
        try (OutputStream out = new InjectingOutputStream(new Sink(bh), StandardCharsets.UTF_8, snippet, InjectionPoint.HEAD_END)) {
            write(out);
        }
    }

    private void write(OutputStream out) throws IOException {
        for (int off = 0; off < page.length; off += 8192) {
            out.write(page, off, Math.min(8192, page.length - off));
        }
    }

    /** Copies bytes into a reused 32 KB buffer, as a container's response buffer would. */
    private static final class Sink extends OutputStream {
        private final Blackhole bh;
        private final byte[] buffer = new byte[32 * 1024];
        private int position;

        Sink(Blackhole bh) {
            this.bh = bh;
        }

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
            bh.consume(position);
        }
    }
}

package io.github.embeddable4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddable4j.core.bridge.BridgeError;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.bridge.EventBatch;
import java.io.IOException;
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
 * What the event endpoint spends on a batch's body: {@code EventBatch.parse} (checks, then each event typed, keeping
 * its JSON) against Jackson reading the same bytes into a tree once, the least any parse of it costs. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EventBatchBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class EventBatchBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final byte[] body = EventEndpointBenchmark.batch().getBytes(StandardCharsets.UTF_8);
    private final BridgeLimits limits = BridgeLimits.defaults();

    /** The baseline: the body read into a tree, nothing checked or typed. */
    @Benchmark
    public JsonNode readTreeOnce() throws IOException {
        return MAPPER.readTree(body);
    }

    @Benchmark
    public EventBatch eventBatchParse() throws BridgeError {
        return EventBatch.parse(body, body.length, limits);
    }
}

package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.CallWith;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
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
 * Rendering the loader tag per request: {@code scriptTag(nonce)} against {@code scriptTag()} (a cached string, the
 * baseline), for the benchmark server's minimal configuration and a typical one with several parameters, with a
 * 16-byte and a 32-byte base64 nonce (what CSP nonce generators produce). {@code scriptTagBytes} adds the encoding
 * the filter does before writing the tag. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main ScriptTagBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScriptTagBenchmark {

    @Param({"minimal", "typical"})
    public String config;

    @Param({"16", "32"})
    public int nonceBytes;

    private Embeddable embeddable;
    private String nonce;

    @Setup
    public void setUp() {
        embeddable = config.equals("minimal") ? BenchmarkServer.EMBEDDABLE : Embeddable.of(EmbeddableConfig.builder()
                .clientId("AbCdEfGhIjKlMnOpQrStUv").redirectUri("https://crm.example.com/ringcentral/redirect")
                .defaultCallWith(CallWith.BROWSER).multipleTabsSupport(true).disableMeeting(true).enableAnalytics(true)
                .build());
        byte[] random = new byte[nonceBytes];
        new SecureRandom().nextBytes(random);
        nonce = Base64.getEncoder().encodeToString(random); // with '+', '/' and '=' padding, as generators write it
    }

    @Benchmark
    public String scriptTagWithoutNonce() {
        return embeddable.scriptTag();
    }

    @Benchmark
    public String scriptTagWithNonce() {
        return embeddable.scriptTag(nonce);
    }

    @Benchmark
    public byte[] scriptTagBytes() {
        return embeddable.scriptTag(nonce).getBytes(StandardCharsets.UTF_8);
    }
}

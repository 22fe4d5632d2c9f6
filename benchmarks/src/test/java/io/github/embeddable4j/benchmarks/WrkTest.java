package io.github.embeddable4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading wrk's summary (Debian's wrk 4.1.0 with --latency). */
class WrkTest {

    private static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:40123/none/page-50k
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   812.27us  1.02ms  31.85ms   93.60%
                Req/Sec    10.61k     1.07k   12.63k    71.00%
              Latency Distribution
                 50%  640.00us
                 75%  0.90ms
                 90%    1.21ms
                 99%    4.12ms
              211203 requests in 10.00s, 10.10GB read
            Requests/sec:  21115.31
            Transfer/sec:      1.01GB
            """;

    @Test
    void readsThroughputRequestsAndPercentilesInMilliseconds() {
        Wrk.Result r = Wrk.parse(OUTPUT);
        assertThat(r.requestsPerSecond()).isEqualTo(21115.31);
        assertThat(r.requests()).isEqualTo(211203);
        assertThat(r.p50Millis()).isEqualTo(0.64);
        assertThat(r.p99Millis()).isEqualTo(4.12);
    }

    @Test
    void errorsDuringTheRunFailIt() {
        assertThatThrownBy(() -> Wrk.parse(OUTPUT.replace("Requests/sec", "  Non-2xx or 3xx responses: 12\nRequests/sec")))
                .hasMessageContaining("Errors during the run");
    }
}

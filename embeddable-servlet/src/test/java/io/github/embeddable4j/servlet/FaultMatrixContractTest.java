package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Reliability suite: the streaming filter never truncates or corrupts a page, under faults too, on a real server
 * (run against each container by a subclass). In order: client disconnects in the middle of 10 MB pages (what
 * arrived before the disconnect is byte for byte the injected page); application exceptions after partial output
 * (a committed response carries exactly a prefix of what the application wrote, with the snippet where it belongs;
 * an uncommitted one becomes the container's error page, with nothing of the page in it); many requests in flight at
 * once, each with its own nonce, each page checked byte for byte; async timeouts, finished by a listener or by the
 * container; non-blocking output under concurrency. Afterwards the server still serves correct pages, and its pool's
 * threads, the JVM's threads and the heap after a full collection come back to the baseline taken after warm-up.
 *
 * <p>Sizes ({@code -Dreliability.long=true} multiplies them by ten): {@code reliability.disconnects.count} (200),
 * {@code reliability.exceptions.count} (96), {@code reliability.inflight.count} requests at once (200) for
 * {@code reliability.inflight-rounds.count} rounds (1), {@code reliability.timeouts.count} (100),
 * {@code reliability.nonblocking.count} (40).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultMatrixContractTest {

    static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("fault-matrix").build());
    static final String INJECTED_HEADER = "X-Embeddable-Injected";
    static final int BIG = 10 * 1024 * 1024;
    private static final String[] APIS = {"stream", "writer"};

    private TestServer server;
    private ResourceBaseline baseline;
    private final AtomicInteger peakJvmThreads = new AtomicInteger();
    private byte[] bigInjected;
    private long seed;

    /** Starts the container with a pool that ends idle threads after a second, so it can be seen to shrink back. */
    abstract TestServer start(ServletContainerInitializer setup) throws Exception;

    /**
     * Whether the container sends what is buffered when the application fails (Tomcat does, committed or not); then all
     * that was written must arrive. Jetty drops its unflushed buffer when it aborts, so there only a prefix can be asked.
     */
    boolean sendsBufferedOutputOfAFailedRequest() {
        return false;
    }

    /**
     * Whether the container breaks off the framing of a committed response whose application failed, so the client
     * can tell the page is incomplete (Jetty and Tomcat do). Undertow ends it like a complete one, with or without the
     * filter (UndertowFaultMatrixTest shows it without).
     */
    boolean breaksOffAFailedCommittedResponse() {
        return true;
    }

    private String suite() {
        return "fault matrix on " + server.name();
    }

    @BeforeAll
    void startServerAndTakeTheBaseline() throws Exception {
        seed = ReliabilityRun.seed();
        server = start((classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE,
                    InjectionRules.builder().injectedHeader(INJECTED_HEADER).build(), NonceResolver.defaults()));
            ctx.addServlet("pages", new PageServlet()).addMapping("/page");
            ctx.addServlet("failing", new FailingPageServlet()).addMapping("/fail");
            for (var s : List.of(new Object[] {"gated", new GatedPageServlet(), "/gated"},
                    new Object[] {"timeout", new AsyncTimeoutServlet(), "/async-timeout"},
                    new Object[] {"nonblocking", new NonBlockingPageServlet(), "/nonblocking"})) {
                ServletRegistration.Dynamic reg = ctx.addServlet((String) s[0], (jakarta.servlet.Servlet) s[1]);
                reg.setAsyncSupported(true);
                reg.addMapping((String) s[2]);
            }
        });
        bigInjected = injected(TestPages.page(BIG), null);
        // Warm-up: every servlet and both APIs once, so class loading and the containers' pools are part of the baseline.
        for (String api : APIS) {
            assertPage(RawHttp.get(server.port(), "/page?size=" + BIG + "&api=" + api), bigInjected);
            assertPage(RawHttp.get(server.port(), "/gated?round=warm-" + api + "&width=1&size=5000&chunk=999&api=" + api),
                    injected(TestPages.page(5000), null));
            try (RawHttp h = RawHttp.get(server.port(), "/fail?size=5000&cut=40&kind=runtime&api=" + api)) {
                h.readRest();
            }
        }
        assertThat(SlowHttpClient.get(server.port(), "/nonblocking?size=100000&chunk=8000&end=ready&id=warm", false, false).status())
                .isEqualTo(200);
        assertPage(RawHttp.get(server.port(), "/async-timeout?size=3000&cut=40&listener=context&api=stream"),
                injected(TestPages.page(3000), null));
        baseline = ResourceBaseline.take(server.threads());
        peakJvmThreads.set(baseline.jvmThreads());
        ReliabilityRun.announce(suite(), "baseline after warm-up: " + baseline.jvmThreads() + " JVM threads, "
                + baseline.poolThreads() + " pool threads (" + (baseline.poolBusy() < 0 ? "busy not counted by the server"
                : baseline.poolBusy() + " busy") + "), heap after GC "
                + ResourceBaseline.mb(baseline.heapUsed()));
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    static byte[] injected(String page, String nonce) {
        return HtmlInjection.inject(page, EMBEDDABLE.scriptTag(nonce), InjectionPoint.HEAD_END).getBytes(UTF_8);
    }

    private static void assertPage(RawHttp h, byte[] expected) throws Exception {
        try (h) {
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.headers()).containsEntry(INJECTED_HEADER.toLowerCase(Locale.ROOT), "1");
            RawHttp.Body body = h.readRest();
            assertThat(body.complete()).as("the response's framing ended properly").isTrue();
            assertSameBytes(body.bytes(), expected, expected.length);
        }
    }

    /** The first {@code length} bytes of {@code expected} and all of {@code actual} are the same, and as long. */
    private static void assertSameBytes(byte[] actual, byte[] expected, int length) {
        int n = Math.min(actual.length, length);
        int mismatch = java.util.Arrays.mismatch(actual, 0, n, expected, 0, n);
        if (mismatch >= 0) {
            throw new AssertionError("byte " + mismatch + " differs: got "
                    + new String(actual, Math.max(0, mismatch - 40), Math.min(80, n - Math.max(0, mismatch - 40)), UTF_8) + ", expected "
                    + new String(expected, Math.max(0, mismatch - 40), Math.min(80, n - Math.max(0, mismatch - 40)), UTF_8));
        }
        assertThat(actual.length).as("bytes received").isEqualTo(length);
    }

    /** What a client got from a response the application (or nobody) failed to finish. */
    enum Outcome { PREFIX, ERROR_PAGE }

    /**
     * A failed response is correct in one of two ways: its body is a prefix of what the application wrote (with the
     * snippet where it belongs), whatever the status, since the container may send what was buffered (Tomcat does,
     * with a 500, when the output was not committed); or it is a 500 whose body is the container's own error page, with
     * nothing of the page in it (Jetty discards uncommitted output). Anything else is a corrupted response.
     */
    static Outcome outcome(String where, int status, RawHttp.Body body, byte[] expected, int expectedLength) {
        byte[] got = body.bytes();
        int n = Math.min(got.length, expected.length);
        if (got.length <= expectedLength && java.util.Arrays.mismatch(got, 0, n, expected, 0, n) < 0 && got.length <= expected.length) {
            return Outcome.PREFIX;
        }
        String text = new String(got, UTF_8);
        assertThat(status).as(where + ": a body that is neither a prefix of what was written nor an error page: "
                + text.substring(0, Math.min(200, text.length()))).isEqualTo(500);
        assertThat(text).as(where + ": the error page").doesNotContain("Caf\u00e9", "<script src=", "before the timeout",
                TestPages.HEAD.substring(0, 40));
        return Outcome.ERROR_PAGE;
    }

    private void samplePeak() {
        peakJvmThreads.accumulateAndGet(ResourceBaseline.jvmThreadsNow(), Math::max);
    }

    /** Runs the tasks on {@code threads} client threads, sampling the JVM's threads, and rethrows the first failure. */
    private void runAll(int threads, List<Callable<Void>> tasks) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(clients.submit(() -> {
                    samplePeak();
                    return task.call();
                }));
            }
            for (Future<Void> f : futures) {
                try {
                    f.get(5, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            clients.shutdownNow();
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    private SplittableRandom random(String part, int i) {
        return new SplittableRandom(ReliabilityRun.caseSeed(seed + part.hashCode(), i));
    }

    private void done(String what, long startNanos) {
        ReliabilityRun.report(suite(), what + " in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    }

    // ---- the matrix ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void clientsThatDisconnectInTheMiddleOfLargePagesGetCorrectBytesUpToThere() throws Exception {
        int n = ReliabilityRun.count("disconnects", 200, 2000);
        long start = System.nanoTime();
        AtomicInteger resets = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = random("disconnects", i);
            String api = APIS[r.nextInt(2)];
            int chunk = new int[] {1000, 8192, 65536}[r.nextInt(3)];
            String path = r.nextInt(4) == 0
                    ? "/gated?round=disconnect-" + i + "&width=1&size=" + BIG + "&chunk=" + chunk + "&api=" + api
                    : "/page?size=" + BIG + "&chunk=" + chunk + "&api=" + api;
            int read = r.nextInt(6) == 0 ? 0 : r.nextInt(BIG / 2);
            boolean reset = r.nextInt(4) != 0;
            String where = "disconnect " + i + " (" + path + ", after " + read + " bytes, seed " + seed + ")";
            tasks.add(() -> {
                try (RawHttp h = RawHttp.get(server.port(), path)) {
                    assertThat(h.status()).as(where).isEqualTo(200);
                    assertThat(h.headers()).as(where).containsEntry(INJECTED_HEADER.toLowerCase(Locale.ROOT), "1")
                            .doesNotContainKey("content-length");
                    byte[] got = h.read(read);
                    try {
                        assertSameBytes(got, bigInjected, read);
                    } catch (AssertionError e) {
                        throw new AssertionError(where + ": " + e.getMessage(), e);
                    }
                    bytes.addAndGet(got.length);
                    if (reset) {
                        h.abort();
                        resets.incrementAndGet();
                    }
                }
                return null;
            });
        }
        runAll(8, tasks);
        GatedPageServlet.GATES.keySet().removeIf(k -> k.startsWith("disconnect-"));
        done(n + " disconnects from 10 MB pages (" + resets.get() + " with a reset, " + ResourceBaseline.mb(bytes.get())
                + " read and checked)", start);
    }

    @Test
    @Order(2)
    void applicationExceptionsAfterPartialOutputNeverCorruptWhatWasSent() throws Exception {
        int n = ReliabilityRun.count("exceptions", 96, 960);
        long start = System.nanoTime();
        String page = TestPages.page(200_000);
        byte[] pageBytes = page.getBytes(UTF_8);
        String injectedPage = HtmlInjection.inject(page, EMBEDDABLE.scriptTag(), InjectionPoint.HEAD_END);
        byte[] injectedBytes = injectedPage.getBytes(UTF_8);
        int snippetBytes = EMBEDDABLE.scriptTag().getBytes(UTF_8).length;
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger partialErrors = new AtomicInteger();
        AtomicInteger errorPages = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = random("exceptions", i);
            boolean writer = r.nextBoolean();
            String kind = new String[] {"runtime", "io", "servlet"}[r.nextInt(3)];
            int headEnd = writer ? page.lastIndexOf("</head>") : TestPages.realHeadEnd(pageBytes);
            int cut = switch (r.nextInt(4)) {
                case 0 -> 40;
                case 1 -> headEnd + 3;
                case 2 -> headEnd + 7 + 200;
                default -> 150_000;
            };
            int flushAt = r.nextBoolean() ? 30 : -1;
            boolean mustCommit = flushAt > 0 || cut == 150_000;
            // What the application wrote, as the filter must pass it on: with the snippet once the whole </head> was written.
            boolean pastMarker = cut >= headEnd + 7;
            byte[] expected;
            int expectedLength;
            if (writer) {
                String written = page.substring(0, cut);
                expected = pastMarker ? injectedBytes : written.getBytes(UTF_8);
                expectedLength = written.getBytes(UTF_8).length + (pastMarker ? snippetBytes : 0);
            } else {
                expected = pastMarker ? injectedBytes : pageBytes;
                expectedLength = cut + (pastMarker ? snippetBytes : 0);
            }
            String path = "/fail?size=200000&cut=" + cut + "&flushAt=" + flushAt + "&kind=" + kind + "&api=" + (writer ? "writer" : "stream");
            String where = "exception " + i + " (" + path + ", seed " + seed + ")";
            tasks.add(() -> {
                try (RawHttp h = RawHttp.get(server.port(), path)) {
                    RawHttp.Body body = h.readRest();
                    Outcome outcome = outcome(where, h.status(), body, expected, expectedLength);
                    if (outcome == Outcome.PREFIX && sendsBufferedOutputOfAFailedRequest()) {
                        // Every byte written before the failure reaches the client: the held bytes of a marker cut short too.
                        assertThat(body.bytes().length).as(where + ": bytes received").isEqualTo(expectedLength);
                    }
                    if (h.status() == 200) {
                        assertThat(mustCommit).as(where + ": a 200 for a response that was not committed when it failed").isTrue();
                        // The container breaks off the framing of a committed response whose application failed: the
                        // client can tell the page is incomplete. The filter must not finish it in their place.
                        if (breaksOffAFailedCommittedResponse()) {
                            assertThat(body.complete()).as(where + ": a failed page delivered as a complete one").isFalse();
                        }
                    } else {
                        assertThat(mustCommit).as(where + ": status " + h.status() + " for a committed response").isFalse();
                    }
                    (outcome == Outcome.ERROR_PAGE ? errorPages : h.status() == 200 ? committed : partialErrors).incrementAndGet();
                }
                return null;
            });
        }
        runAll(8, tasks);
        String ending = breaksOffAFailedCommittedResponse() ? "its framing broken off" : "ended by the container as if complete";
        done(n + " application exceptions after partial output: " + committed.get() + " already committed (a 200 whose bytes are a"
                + " prefix of what was written, " + ending + "), " + partialErrors.get() + " a 500 carrying a prefix of what was"
                + " written, " + errorPages.get() + " the container's error page with nothing of the page", start);
    }

    @Test
    @Order(3)
    void manyRequestsInFlightAtOnceEachGetTheirOwnPageByteForByte() throws Exception {
        int width = ReliabilityRun.count("inflight", 200, 200);
        int rounds = ReliabilityRun.count("inflight-rounds", 1, 10);
        long start = System.nanoTime();
        long total = 0;
        for (int round = 0; round < rounds; round++) {
            String id = server.name() + "-" + seed + "-" + round;
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                SplittableRandom r = random("inflight-" + round, i);
                int size = 2_000 + r.nextInt(400_000);
                String api = APIS[r.nextInt(2)];
                String nonce = "n" + round + "r" + i + "x" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
                int chunk = new int[] {512, 4096, 8192, 65536}[r.nextInt(4)];
                String path = "/gated?round=" + id.replaceAll("[^A-Za-z0-9.-]", "_") + "&width=" + width + "&size=" + size + "&api="
                        + api + "&nonce=" + nonce + "&chunk=" + chunk;
                total += size;
                String where = "request " + i + " of round " + round + " (" + path + ", seed " + seed + ")";
                tasks.add(() -> {
                    try {
                        assertPage(RawHttp.get(server.port(), path), injected(TestPages.page(size), nonce));
                    } catch (AssertionError e) {
                        throw new AssertionError(where + ": " + e.getMessage(), e);
                    }
                    return null;
                });
            }
            runAll(width, tasks);
            GatedPageServlet.Gate gate = GatedPageServlet.GATES.remove(id.replaceAll("[^A-Za-z0-9.-]", "_"));
            assertThat(gate.maxInFlight.get()).as("requests in flight at once in round " + round).isEqualTo(width);
        }
        done(rounds + " x " + width + " requests in flight at once (" + ResourceBaseline.mb(total) + " of pages, each with its own"
                + " nonce, checked byte for byte)", start);
    }

    @Test
    @Order(4)
    void asyncTimeoutsFinishedByAListenerOrByTheContainer() throws Exception {
        int n = ReliabilityRun.count("timeouts", 100, 1000);
        long start = System.nanoTime();
        byte[] page = injected(TestPages.page(3000), null);
        AtomicInteger errors = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = random("timeouts", i);
            String listener = new String[] {"context", "container", "none"}[r.nextInt(3)];
            String api = APIS[r.nextInt(2)];
            boolean fragment = r.nextInt(3) == 0;
            boolean early = r.nextBoolean();
            String path = fragment ? "/async-timeout?doc=fragment&cut=fragment&listener=" + listener + "&api=" + api
                    : "/async-timeout?size=3000&cut=" + (early ? "40" : "inhead") + "&listener=" + listener + "&api=" + api;
            String source = fragment ? AsyncTimeoutServlet.FRAGMENT : TestPages.page(3000);
            int cut = fragment ? source.indexOf("<p>after") : early ? 40 : source.lastIndexOf("</head>") + 3;
            String where = "timeout " + i + " (" + path + ", seed " + seed + ")";
            tasks.add(() -> {
                try (RawHttp h = RawHttp.get(server.port(), path)) {
                    RawHttp.Body body = h.readRest();
                    if (listener.equals("none")) {
                        // Nobody finishes the response: the container does, with a 500 and its error page or what was written.
                        assertThat(h.status()).as(where).isEqualTo(500);
                        byte[] written = source.substring(0, cut).getBytes(UTF_8);
                        outcome(where, h.status(), body, written, written.length);
                        errors.incrementAndGet();
                    } else {
                        assertThat(h.status()).as(where).isEqualTo(200);
                        assertThat(body.complete()).as(where).isTrue();
                        assertSameBytes(body.bytes(), fragment ? AsyncTimeoutServlet.FRAGMENT.getBytes(UTF_8) : page,
                                fragment ? AsyncTimeoutServlet.FRAGMENT.getBytes(UTF_8).length : page.length);
                    }
                }
                return null;
            });
        }
        runAll(50, tasks);
        done(n + " async timeouts (" + (n - errors.get()) + " finished by a listener and checked byte for byte, " + errors.get()
                + " left to the container: a 500 with its error page or a prefix of what was written)", start);
    }

    @Test
    @Order(5)
    void nonBlockingOutputUnderConcurrencyArrivesWhole() throws Exception {
        int n = ReliabilityRun.count("nonblocking", 40, 400);
        long start = System.nanoTime();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom r = random("nonblocking", i);
            int size = r.nextBoolean() ? 1_048_576 : 100 + r.nextInt(200_000);
            int chunk = new int[] {0, 1000, 8000, 65536, 100_000}[r.nextInt(5)];
            boolean fragment = r.nextInt(4) == 0;
            String end = r.nextBoolean() ? "now" : "ready";
            String id = "fault-" + server.name().hashCode() + "-" + i;
            String path = "/nonblocking?size=" + size + "&chunk=" + chunk + "&end=" + end + "&id=" + id
                    + (fragment ? "&doc=fragment&tail=%3C%2Fbod" : "&split=" + r.nextInt(2));
            byte[] expected = fragment ? (TestPages.noisyFragment(size) + "</bod").getBytes(UTF_8) : injected(TestPages.noisyPage(size), null);
            boolean slow = r.nextBoolean();
            String where = "non-blocking " + i + " (" + path + ", slow " + slow + ", seed " + seed + ")";
            tasks.add(() -> {
                SlowHttpClient.Response response = SlowHttpClient.get(server.port(), path, false, slow);
                assertThat(response.status()).as(where).isEqualTo(200);
                try {
                    assertSameBytes(response.body(), expected, expected.length);
                } catch (AssertionError e) {
                    throw new AssertionError(where + ": " + e.getMessage(), e);
                }
                NonBlockingPageServlet.NOT_READY.remove(id);
                return null;
            });
        }
        runAll(20, tasks);
        done(n + " non-blocking pages, 20 at a time, half of them read slowly", start);
    }

    @Test
    @Order(6)
    void afterwardsTheServerServesCorrectPagesAndThreadsAndHeapComeBack() throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertPage(RawHttp.get(server.port(), "/page?size=20000&chunk=" + (1 + 97 * i) + "&api=" + APIS[i % 2]),
                    injected(TestPages.page(20000), null));
        }
        String report = baseline.awaitReturn(server.threads(), Duration.ofSeconds(30), peakJvmThreads.get());
        done("20 correct pages afterwards; " + report, start);
    }
}

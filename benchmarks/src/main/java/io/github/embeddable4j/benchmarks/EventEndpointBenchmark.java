package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.servlet.BridgeServlet;
import io.github.embeddable4j.spring.webflux.EmbeddableBridgeWebFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The bridge's event endpoint under load on loopback: wrk POSTs batches of 10 real-shaped widget events to
 * {@link BridgeServlet} (with a listener that counts) and, as the baseline of the same run, to a servlet that only
 * reads the body and answers 202. Reports requests and events per second and p99 latency, as ratios to the baseline,
 * then floods the endpoint with bad requests from many sessions and reports the heap before and after. Usage:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.embeddable4j.benchmarks.EventEndpointBenchmark [--seconds 10]
 *     [--rounds 3] [--connections 32] [--flood 200000] [--container jetty|netty] [--out events-run.md]</pre>
 * With {@code --container netty}, the WebFlux {@link EmbeddableBridgeWebFilter} on Reactor Netty instead.
 */
public final class EventEndpointBenchmark {

    private static final int EVENTS_PER_BATCH = 10;

    private EventEndpointBenchmark() {
    }

    /** One wrk run: throughput, p99, and the server's CPU per request (its threads, and the whole process). */
    record Sample(double requestsPerSecond, double p99Millis, double threadCpuMicros, double processCpuMicros) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBenchmark.options(args);
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
        int flood = Integer.parseInt(opts.getOrDefault("flood", "200000"));
        String container = opts.getOrDefault("container", "jetty");
        AtomicLong counted = new AtomicLong();
        WidgetEventListener counter = e -> counted.incrementAndGet();
        Path script = Files.createTempFile("embeddable4j-events", ".lua");
        Files.writeString(script, lua(), StandardCharsets.UTF_8);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(counter).threads(2)
                .queueCapacity(100_000).build();
                Bench server = container.equals("netty") ? new NettyBench(dispatcher) : new JettyBench(dispatcher)) {
            String[] variants = {"noop", "bridge"};
            for (String v : variants) {
                wrk(server.url(v), 3, connections, script); // warm-up
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < variants.length; i++) {
                    String v = variants[(i + round) % variants.length];
                    Sample s = wrk(server.url(v), seconds, connections, script);
                    samples.computeIfAbsent(v, k -> new ArrayList<>()).add(s);
                    System.out.printf(Locale.ROOT, "round %d %-6s %9.0f req/s %10.0f events/s p99 %.2f ms, CPU %.1f µs a request"
                            + " (process %.1f)%n", round + 1, v, s.requestsPerSecond(), s.requestsPerSecond() * EVENTS_PER_BATCH,
                            s.p99Millis(), s.threadCpuMicros(), s.processCpuMicros());
                }
            }
            report.append(table(samples, seconds, rounds, connections, container)).append('\n');
            report.append(flood(server, dispatcher, flood)).append('\n');
            report.append(String.format(Locale.ROOT, "Events handed to the listener: %,d; dispatcher %s%n", counted.get(),
                    dispatcher.stats()));
        }
        System.out.println();
        System.out.println(report);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), report.toString(), StandardCharsets.UTF_8);
        }
    }

    /** A batch as the bridge script sends it: ten events the widget posts during a call. */
    static String batch() {
        StringBuilder sb = new StringBuilder("{\"tab\":\"0123456789abcdef0123456789abcdef\",\"events\":[");
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(switch (i % 5) {
                case 0 -> "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c" + i + "\",\"direction\":\"Inbound\","
                        + "\"from\":\"+16505550101\",\"to\":\"+16505550100\",\"callStatus\":\"webphone-session-connecting\","
                        + "\"partyData\":{\"partyId\":\"p1\",\"sessionId\":\"s1\"},\"startTime\":1700000000000}}";
                case 1 -> "{\"type\":\"rc-call-start-notify\",\"call\":{\"id\":\"c" + i + "\",\"direction\":\"Inbound\"}}";
                case 2 -> "{\"type\":\"rc-adapter-syncPresence\",\"telephonyStatus\":\"Ringing\",\"userStatus\":\"Available\","
                        + "\"dndStatus\":\"TakeAllCalls\"}";
                case 3 -> "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"m" + i + "\",\"type\":\"SMS\","
                        + "\"direction\":\"Outbound\",\"readStatus\":\"Read\",\"subject\":\"On my way\","
                        + "\"from\":{\"phoneNumber\":\"+16505550100\"},\"to\":[{\"phoneNumber\":\"+16505550101\"}]}}";
                default -> "{\"type\":\"rc-route-changed-notify\",\"path\":\"/calls/active\"}";
            });
        }
        return sb.append("]}").toString();
    }

    private static String lua() {
        return "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Sec-Fetch-Site\"] = \"same-origin\"\n"
                + "wrk.body = '" + batch() + "'\n";
    }

    private static Sample wrk(String url, int seconds, int connections, Path script) throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(1000);
        ThreadCpu before = ThreadCpu.snapshot();
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
                "--latency", "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = wrk.waitFor();
        ThreadCpu after = ThreadCpu.snapshot();
        if (exit != 0) {
            throw new IllegalStateException("wrk failed (is Debian's wrk installed?):\n" + output);
        }
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher p99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)").matcher(output);
        Matcher requests = Pattern.compile("([0-9]+) requests in").matcher(output);
        if (!rps.find() || !p99.find() || !requests.find()) {
            throw new IllegalStateException("Unexpected wrk output:\n" + output);
        }
        if (output.contains("Non-2xx") || output.contains("Socket errors")) {
            throw new IllegalStateException("Errors during the run:\n" + output);
        }
        double value = Double.parseDouble(p99.group(1));
        double millis = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        long n = Long.parseLong(requests.group(1));
        return new Sample(Double.parseDouble(rps.group(1)), millis, after.threadCpuSince(before) / 1e3 / n,
                after.processCpuSince(before) / 1e3 / n);
    }

    private static String table(Map<String, List<Sample>> samples, int seconds, int rounds, int connections, String container) {
        double base = median(samples.get("noop").stream().mapToDouble(Sample::requestsPerSecond).toArray());
        double baseP99 = median(samples.get("noop").stream().mapToDouble(Sample::p99Millis).toArray());
        double baseCpu = median(samples.get("noop").stream().mapToDouble(Sample::threadCpuMicros).toArray());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s, wrk -t2 -c%d -d%ds --latency, POST of %d events "
                + "per request, median of %d rounds%n%n", container.equals("netty") ? "Reactor Netty (WebFlux)" : "Jetty 12",
                connections, seconds, EVENTS_PER_BATCH, rounds));
        sb.append("| endpoint | requests/s | events/s | throughput vs no-op | p99 latency | p99 vs no-op "
                + "| server thread CPU per request | CPU vs no-op | process CPU per request |\n|---|---|---|---|---|---|---|---|---|\n");
        for (var e : samples.entrySet()) {
            double rps = median(e.getValue().stream().mapToDouble(Sample::requestsPerSecond).toArray());
            double p99 = median(e.getValue().stream().mapToDouble(Sample::p99Millis).toArray());
            double cpu = median(e.getValue().stream().mapToDouble(Sample::threadCpuMicros).toArray());
            double process = median(e.getValue().stream().mapToDouble(Sample::processCpuMicros).toArray());
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.2f ms | %.2f | %.1f µs | %.2f | %.1f µs |%n",
                    e.getKey().equals("noop") ? "no-op endpoint (reads the body, answers 202)"
                            : container.equals("netty") ? "EmbeddableBridgeWebFilter /events" : "BridgeServlet /events",
                    rps, rps * EVENTS_PER_BATCH, rps / base, p99, p99 / baseP99, cpu, cpu / baseCpu, process));
        }
        return sb.toString();
    }

    /** Bad and good requests from many sessions (distinct addresses are not available on loopback: distinct cookies). */
    private static String flood(Bench server, WidgetEventDispatcher dispatcher, int requests) throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        Thread.sleep(1000);
        long before = rt.totalMemory() - rt.freeMemory();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String[] bodies = {"{\"events\": [", "{\"events\":[{\"type\":1}]}", "x".repeat(60_000), batch()};
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong statuses4xx = new AtomicLong();
        AtomicLong statuses2xx = new AtomicLong();
        AtomicLong statuses5xx = new AtomicLong();
        AtomicLong other = new AtomicLong();
        // What "other" was: the exception's class and message (a reset while sending an oversized body, say), counted.
        java.util.concurrent.ConcurrentHashMap<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            String body = bodies[i % bodies.length];
            futures.add(pool.submit(() -> {
                try {
                    int status = client.send(HttpRequest.newBuilder(URI.create(server.url("bridge")))
                            .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    (status >= 400 && status < 500 ? statuses4xx : status < 300 ? statuses2xx
                            : status >= 500 ? statuses5xx : other).incrementAndGet();
                } catch (IOException | InterruptedException e) {
                    other.incrementAndGet();
                    String kind = e.getClass().getSimpleName() + ": " + e.getMessage() + " (body of " + body.length() + " chars)";
                    failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                }
                return null;
            }));
            if (futures.size() >= 10_000) {
                for (var f : futures) {
                    f.get();
                }
                futures.clear();
            }
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        double took = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000); // let the dispatcher drain
        System.gc();
        Thread.sleep(1000);
        long after = rt.totalMemory() - rt.freeMemory();
        long peak = 0;
        for (var pool2 : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool2.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool2.getPeakUsage().getUsed();
            }
        }
        return String.format(Locale.ROOT, "Flood: %,d requests (3 of 4 bad: malformed, bad event, over the size limit) in %.1f s:"
                + " %,d answered 4xx, %,d answered 2xx, %,d answered 5xx, %,d with no answer%s."
                + " Heap used after a full GC: %.1f MB before, %.1f MB after (peak of all heap pools during the run"
                + " %.0f MB, -Xmx %.0f MB); dispatcher queue now %d.%n", requests, took, statuses4xx.get(), statuses2xx.get(),
                statuses5xx.get(), other.get(), failures.isEmpty() ? "" : " " + failures, before / 1e6, after / 1e6,
                peak / 1e6, rt.maxMemory() / 1e6, dispatcher.stats().queued());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A server with the bridge at /bridge/* and the baseline at /noop. */
    interface Bench extends AutoCloseable {
        String url(String variant);

        static String path(String variant) {
            return variant.equals("noop") ? "/noop" : "/bridge/events";
        }

        /** Every wrk connection shares 127.0.0.1 and has no session: the per-session limit is lifted for throughput. */
        BridgeLimits LIMITS = BridgeLimits.defaults().withRate(1_000_000_000, Duration.ofSeconds(1));
        Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("benchmark").build());
        byte[] ACCEPTED = "{\"accepted\":10}".getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reactor Netty through WebFlux's handler chain: {@link EmbeddableBridgeWebFilter} before a handler that is never
     * reached for the bridge's path, and at /noop a handler that reads the body and answers 202.
     */
    private static final class NettyBench implements Bench {
        private final reactor.netty.DisposableServer server;

        NettyBench(WidgetEventDispatcher dispatcher) {
            org.springframework.web.server.WebHandler noop = exchange -> org.springframework.core.io.buffer.DataBufferUtils
                    .join(exchange.getRequest().getBody()).doOnNext(org.springframework.core.io.buffer.DataBufferUtils::release)
                    .then(reactor.core.publisher.Mono.defer(() -> {
                        var response = exchange.getResponse();
                        response.setStatusCode(org.springframework.http.HttpStatus.ACCEPTED);
                        response.getHeaders().set("Content-Type", "application/json;charset=UTF-8");
                        response.getHeaders().setContentLength(ACCEPTED.length);
                        return response.writeWith(reactor.core.publisher.Mono.just(response.bufferFactory().wrap(ACCEPTED)));
                    }));
            EmbeddableBridgeWebFilter bridge = new EmbeddableBridgeWebFilter(EMBEDDABLE, dispatcher, null, LIMITS, "/bridge");
            org.springframework.http.server.reactive.HttpHandler handler =
                    org.springframework.web.server.adapter.WebHttpHandlerBuilder.webHandler(noop).filter(bridge).build();
            server = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                    .handle(new org.springframework.http.server.reactive.ReactorHttpHandlerAdapter(handler)).bindNow();
        }

        @Override
        public String url(String variant) {
            return "http://127.0.0.1:" + server.port() + Bench.path(variant);
        }

        @Override
        public void close() {
            server.disposeNow();
        }
    }

    /** Jetty 12 with {@link BridgeServlet}. */
    private static final class JettyBench implements Bench {
        private final Server server = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool(64, 64, 3_600_000));
        private final ServerConnector connector = new ServerConnector(server);

        JettyBench(WidgetEventDispatcher dispatcher) throws Exception {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath("/");
            context.addServletContainerInitializer((classes, ctx) -> {
                BridgeServlet.register(ctx, new BridgeServlet(EMBEDDABLE, dispatcher, LIMITS), "/bridge");
                ctx.addServlet("noop", new HttpServlet() {
                    @Override
                    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        req.getInputStream().readAllBytes();
                        resp.setStatus(202);
                        resp.setContentType("application/json;charset=UTF-8");
                        resp.setContentLength(ACCEPTED.length);
                        resp.getOutputStream().write(ACCEPTED);
                    }
                }).addMapping("/noop");
            });
            server.setHandler(context);
            server.start();
        }

        @Override
        public String url(String variant) {
            return "http://127.0.0.1:" + connector.getLocalPort() + Bench.path(variant);
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}

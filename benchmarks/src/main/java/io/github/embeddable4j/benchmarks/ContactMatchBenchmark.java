package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.BridgeServlet;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The CRM contact-match call-out through the real HTTP path: wrk POSTs
 * {@code {"requestId":"r1","path":"/contacts/match","body":{"phoneNumbers":["+1650555xxxx"]}}} to {@link BridgeServlet}'s
 * {@code /embeddable4j/service}, whose {@link ThirdPartyService} answers from a {@link PhoneNumberIndex} of 100,000
 * contacts (every number asked for has a contact), and, as the baseline of the same run, to the same servlet and
 * service at {@code /baseline/service} with a provider that matches nothing without looking. Reports requests/s, p50
 * and p99 latency and server CPU per request, each as a ratio to the baseline, at each connection count (1: one
 * request at a time, the latency a single widget sees; 16: the server saturated). Usage:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.embeddable4j.benchmarks.ContactMatchBenchmark [--contacts 100000]
 *     [--seconds 10] [--rounds 3] [--connections 1,16] [--out crm-run.md]</pre>
 */
public final class ContactMatchBenchmark {

    private ContactMatchBenchmark() {
    }

    record Sample(Wrk.Result wrk, double cpuPerRequestNanos) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBenchmark.options(args);
        int contacts = Integer.parseInt(opts.getOrDefault("contacts", "100000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        String[] connectionCounts = opts.getOrDefault("connections", "1,16").split(",");
        Path script = Files.createTempFile("embeddable4j-match", ".lua");
        Files.writeString(script, lua(), StandardCharsets.UTF_8);
        long buildStart = System.nanoTime();
        PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(ContactData.contacts(contacts));
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (Bench server = new Bench(index)) {
            server.check();
            String[] variants = {"noop", "index"};
            for (String c : connectionCounts) {
                int connections = Integer.parseInt(c);
                for (String v : variants) {
                    Wrk.run(server.url(v), 5, connections, null, script); // warm-up
                }
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < variants.length; i++) {
                        String v = variants[(i + round) % variants.length];
                        System.gc();
                        Thread.sleep(1000);
                        ThreadCpu before = ThreadCpu.snapshot();
                        Wrk.Result r = Wrk.run(server.url(v), seconds, connections, null, script);
                        Sample s = new Sample(r, ThreadCpu.snapshot().threadCpuSince(before) / (double) r.requests());
                        samples.computeIfAbsent(connections + " " + v, k -> new ArrayList<>()).add(s);
                        System.out.printf(Locale.ROOT, "c%-3d round %d %-6s %8.0f req/s p50 %6.2f ms p99 %6.2f ms %7.1f us CPU/req%n",
                                connections, round + 1, v, r.requestsPerSecond(), r.p50Millis(), r.p99Millis(),
                                s.cpuPerRequestNanos() / 1000);
                    }
                }
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = String.format(Locale.ROOT, "%s, %d cores, Java %s, Jetty %s: %,d contacts indexed in %.1f s"
                + " (%,d numbers); wrk --latency -d%ds, one random +1650555xxxx per request, %d rounds (order"
                + " alternating), median shown; load average %.2f before, %.2f after.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                org.eclipse.jetty.util.Jetty.VERSION, index.entryCount(), buildSeconds, index.numberCount(), seconds, rounds,
                loadBefore, loadAfter) + table(samples, connectionCounts);
        System.out.println();
        System.out.println(report);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), report, StandardCharsets.UTF_8);
        }
    }

    /** Each request asks for another number of the 650 area code (all indexed), stepping through all 10,000. */
    static String lua() {
        return "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Sec-Fetch-Site\"] = \"same-origin\"\n"
                + "local n = math.random(0, 9999)\n"
                + "request = function()\n"
                + "  n = (n + 7919) % 10000\n"
                + "  return wrk.format(nil, nil, nil, string.format("
                + "'{\"requestId\":\"r1\",\"path\":\"/contacts/match\",\"body\":{\"phoneNumbers\":[\"+1650555%04d\"]}}', n))\n"
                + "end\n";
    }

    static String body(String number) {
        return "{\"requestId\":\"r1\",\"path\":\"/contacts/match\",\"body\":{\"phoneNumbers\":[\"" + number + "\"]}}";
    }

    private static String table(Map<String, List<Sample>> samples, String[] connectionCounts) {
        StringBuilder sb = new StringBuilder("| connections | provider | requests/s | vs no-op | p50 | p99 | p99 vs no-op"
                + " | server CPU per request | vs no-op | p99 per round |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String c : connectionCounts) {
            List<Sample> base = samples.get(c.trim() + " noop");
            for (String v : new String[] {"noop", "index"}) {
                List<Sample> s = samples.get(c.trim() + " " + v);
                double rps = med(s, x -> x.wrk().requestsPerSecond());
                double p99 = med(s, x -> x.wrk().p99Millis());
                double cpu = med(s, Sample::cpuPerRequestNanos);
                StringBuilder perRound = new StringBuilder();
                for (Sample x : s) {
                    perRound.append(perRound.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x.wrk().p99Millis()));
                }
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.3f | %.2f ms | %.2f ms | %.2f | %.1f µs | %.3f | %s ms |%n",
                        c.trim(), v.equals("noop") ? "no-op provider (matches nothing)" : "PhoneNumberIndex of the contacts",
                        rps, rps / med(base, x -> x.wrk().requestsPerSecond()), med(s, x -> x.wrk().p50Millis()), p99,
                        p99 / med(base, x -> x.wrk().p99Millis()), cpu / 1000, cpu / med(base, Sample::cpuPerRequestNanos),
                        perRound));
            }
        }
        return sb.toString();
    }

    private static double med(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        return ServerCpuBenchmark.median(s.stream().mapToDouble(f).toArray());
    }

    /** A provider answering from the index; search is not benchmarked. */
    record IndexedContacts(PhoneNumberIndex<Contact> index) implements ContactProvider {
        @Override
        public List<Contact> search(ContactSearchRequest request, Caller caller) {
            return List.of();
        }

        @Override
        public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
            return index.match(request.phoneNumbers());
        }
    }

    /** The baseline: the same call-out, answered "no match" without looking. */
    static final class NoMatch implements ContactProvider {
        @Override
        public List<Contact> search(ContactSearchRequest request, Caller caller) {
            return List.of();
        }

        @Override
        public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
            return Map.of();
        }
    }

    /** Jetty with the bridge at /embeddable4j/* (the index) and /baseline/* (no match). */
    static final class Bench implements AutoCloseable {
        private final Server server = new Server(new QueuedThreadPool(32, 32, 3_600_000));
        private final ServerConnector connector = new ServerConnector(server);
        private final WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().build();
        private final ThirdPartyService indexed;
        private final ThirdPartyService noop;

        Bench(PhoneNumberIndex<Contact> index) throws Exception {
            indexed = ThirdPartyService.builder("acme").contacts(new IndexedContacts(index)).build();
            noop = ThirdPartyService.builder("acme").contacts(new NoMatch()).build();
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath("/");
            Embeddable embeddable = BenchmarkServer.EMBEDDABLE;
            // Every wrk connection shares 127.0.0.1 and has no session: the per-session limit is lifted for throughput.
            BridgeLimits limits = BridgeLimits.defaults().withRate(1_000_000_000, Duration.ofSeconds(1));
            context.addServletContainerInitializer((classes, ctx) -> {
                BridgeServlet.register(ctx, new BridgeServlet(embeddable, dispatcher, indexed, limits), "/embeddable4j");
                var baseline = ctx.addServlet("baseline-bridge", new BridgeServlet(embeddable, dispatcher, noop, limits));
                baseline.addMapping("/baseline/*");
                baseline.setAsyncSupported(true);
            });
            server.setHandler(context);
            server.start();
        }

        String url(String variant) {
            return "http://127.0.0.1:" + connector.getLocalPort() + (variant.equals("noop") ? "/baseline" : "/embeddable4j")
                    + BridgeServlet.SERVICE;
        }

        /** One request each, as wrk sends it: the index must name the contact, the baseline must match nothing. */
        void check() throws Exception {
            String indexAnswer = post(url("index"), body(ContactData.e164(4242)));
            String noopAnswer = post(url("noop"), body(ContactData.e164(4242)));
            if (!indexAnswer.contains("\"Contact 4242\"") || noopAnswer.contains("Contact 4242")) {
                throw new IllegalStateException("Unexpected answers:\n" + indexAnswer + "\n" + noopAnswer);
            }
        }

        static String post(String url, String body) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        @Override
        public void close() throws Exception {
            try {
                server.stop();
            } finally {
                indexed.close();
                noop.close();
                dispatcher.close();
            }
        }
    }
}

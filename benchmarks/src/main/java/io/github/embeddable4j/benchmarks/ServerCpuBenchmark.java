package io.github.embeddable4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Server CPU time per request on loopback, with and without the filter, on Jetty 12, Tomcat 11 or Reactor Netty (WebFlux's
 * filter there; one container per JVM, so the JIT sees one container's classes). wrk loads the same page served without a filter, through a filter
 * that does nothing, through a pass-through stream wrapper and through EmbeddableFilter; the variants rotate every
 * round. For each run the CPU time of the server JVM's threads (per-thread counters, so wrk and other processes on
 * the machine do not count) is divided by the requests served. Results are ratios to the no-filter run of the same
 * round, with their spread over the rounds; throughput and p99 latency are reported too. Usage:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.embeddable4j.benchmarks.ServerCpuBenchmark --container tomcat|jetty|netty
 *     [--seconds 8] [--rounds 5] [--connections 16] [--pages page-50k,page-1m] [--variants none,noop,wrap,stream]
 *     [--warmup 5] [--wrk-cpus 1] [--out cpu-run.md]</pre>
 */
public final class ServerCpuBenchmark {

    private ServerCpuBenchmark() {
    }

    private static String serverName(String container) {
        return switch (container) {
            case "jetty" -> "Jetty " + org.eclipse.jetty.util.Jetty.VERSION;
            // the shaded jar keeps neither manifests nor Netty's version files: the versions are the pom's
            case "netty" -> "Reactor Netty with Spring Web's WebFilter chain (versions: benchmarks/pom.xml)";
            default -> org.apache.catalina.util.ServerInfo.getServerInfo();
        };
    }

    record Sample(Wrk.Result wrk, double threadCpuPerRequestNanos, double processCpuPerRequestNanos,
            double allocatedPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadBenchmark.options(args);
        String container = opts.getOrDefault("container", "jetty");
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "8"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "16"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        String wrkCpus = opts.get("wrk-cpus");
        String[] pages = opts.getOrDefault("pages", "page-50k,page-1m").split(",");
        String[] variants = opts.getOrDefault("variants", "none,noop,wrap,stream").split(",");
        if (!variants[0].equals("none")) {
            throw new IllegalArgumentException("--variants must start with none, the baseline");
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        try (PageServer server = PageServer.start(container)) {
            for (String page : pages) {
                for (String variant : variants) {
                    Wrk.run(server.url(variant, page), warmup, connections, wrkCpus, null);
                }
                for (int round = 0; round < rounds; round++) {
                    for (int v = 0; v < variants.length; v++) {
                        String variant = variants[(v + round) % variants.length]; // rotate the order
                        Sample s = run(server.url(variant, page), seconds, connections, wrkCpus);
                        samples.computeIfAbsent(page + " " + variant, k -> new ArrayList<>()).add(s);
                        System.out.printf(Locale.ROOT, "%s round %d %-8s %-6s %8.1f us CPU/req (process %8.1f) %8.0f req/s"
                                + " p99 %6.2f ms%n", container, round + 1, page, variant, s.threadCpuPerRequestNanos() / 1000,
                                s.processCpuPerRequestNanos() / 1000, s.wrk().requestsPerSecond(), s.wrk().p99Millis());
                    }
                }
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String report = String.format(Locale.ROOT, "%s, %s, %d cores, Java %s: wrk -t2 -c%d -d%ds --latency%s, %d rounds"
                + " (variant order rotating), %d s warm-up per variant; load average %.2f before, %.2f after.%n%n",
                serverName(container), LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), connections, seconds,
                wrkCpus == null ? "" : " on CPU " + wrkCpus, rounds, warmup, loadBefore, loadAfter)
                + table(samples, pages, variants, container);
        System.out.println();
        System.out.println(report);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), report, StandardCharsets.UTF_8);
        }
    }

    private static Sample run(String url, int seconds, int connections, String wrkCpus) throws Exception {
        System.gc(); // start every run from a settled heap
        Thread.sleep(1000);
        ThreadCpu before = ThreadCpu.snapshot();
        Wrk.Result result = Wrk.run(url, seconds, connections, wrkCpus, null);
        ThreadCpu after = ThreadCpu.snapshot();
        double requests = result.requests();
        return new Sample(result, after.threadCpuSince(before) / requests, after.processCpuSince(before) / requests,
                after.allocatedSince(before) / requests);
    }

    static String table(Map<String, List<Sample>> samples, String[] pages, String[] variants, String container) {
        StringBuilder sb = new StringBuilder();
        sb.append("| page | variant | server thread CPU per request (median) | CPU ratio to no filter (median of rounds)"
                + " | CPU ratio per round (min–max) | process CPU ratio (median) | requests/s (median) | p99 (median)"
                + " | allocated per request |\n");
        sb.append("|---|---|---:|---:|---|---:|---:|---:|---:|\n");
        for (String page : pages) {
            List<Sample> baseline = samples.get(page + " none");
            for (String variant : variants) {
                List<Sample> s = samples.get(page + " " + variant);
                double[] ratios = new double[s.size()];
                double[] processRatios = new double[s.size()];
                for (int r = 0; r < s.size(); r++) {
                    ratios[r] = s.get(r).threadCpuPerRequestNanos() / baseline.get(r).threadCpuPerRequestNanos();
                    processRatios[r] = s.get(r).processCpuPerRequestNanos() / baseline.get(r).processCpuPerRequestNanos();
                }
                double[] sorted = ratios.clone();
                Arrays.sort(sorted);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f µs | %.3f | %s (%.3f–%.3f) | %.3f | %.0f | %.2f ms | %s |%n",
                        page, name(variant, container), median(s.stream().mapToDouble(Sample::threadCpuPerRequestNanos).toArray()) / 1000,
                        median(ratios), join(ratios), sorted[0], sorted[sorted.length - 1], median(processRatios),
                        median(s.stream().mapToDouble(x -> x.wrk().requestsPerSecond()).toArray()),
                        median(s.stream().mapToDouble(x -> x.wrk().p99Millis()).toArray()),
                        bytes(median(s.stream().mapToDouble(Sample::allocatedPerRequest).toArray()))));
            }
        }
        return sb.toString();
    }

    /** What a variant is on that container: on Netty a WebFlux filter decorates the response and is EmbeddableWebFilter. */
    static String name(String variant, String container) {
        boolean netty = container.equals("netty");
        return switch (variant) {
            case "none" -> "no filter";
            case "noop" -> "a filter that does nothing";
            case "wrap" -> netty ? "a pass-through decorator" : "a pass-through stream wrapper";
            case "stream" -> netty ? "EmbeddableWebFilter" : "EmbeddableFilter";
            case "naive" -> "naive buffering filter";
            case "concat" -> "a pass-through decorator through handle and concatWith (netty)";
            case "commit" -> "a filter that adds a beforeCommit action (netty)";
            default -> variant;
        };
    }

    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.toString();
    }

    private static String bytes(double b) {
        return b >= 1024 * 1024 ? String.format(Locale.ROOT, "%.2f MB", b / (1024 * 1024))
                : String.format(Locale.ROOT, "%.1f KB", b / 1024);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

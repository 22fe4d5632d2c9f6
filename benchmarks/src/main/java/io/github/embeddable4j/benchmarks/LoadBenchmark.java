package io.github.embeddable4j.benchmarks;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test on loopback: wrk against the same Jetty server with no filter, with a filter that does nothing, with
 * EmbeddableFilter and with a naive buffering filter, for 50 KB and 1 MB pages. Runs the variants in rotating order for several rounds and reports
 * the median throughput of each as a ratio to the no-filter baseline of the same run, and the bytes the server
 * allocated per request (all threads, ThreadMXBean). Usage:
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar [--seconds 10] [--rounds 3] [--connections 16] [--pages page-50k,page-1m]
 *     [--wrk-cpus 1] [--out BENCHMARKS-run.md]</pre>
 *
 * With {@code --wrk-cpus}, wrk runs pinned to those CPUs; start the JVM pinned to the others
 * ({@code taskset -c 0 java -jar ...}) so the two do not compete for the same core.
 *
 * <p>A command line that does not start with {@code --} is a JMH one ({@code java -jar benchmarks.jar
 * InjectorBenchmark -f 1}), run by {@link InjectorReport}.
 */
public final class LoadBenchmark {

    private static final String[] VARIANTS = {"none", "noop", "wrap", "stream", "naive"};
    private static final String[] PAGES = {"page-50k", "page-1m"};

    private LoadBenchmark() {
    }

    record Sample(double requestsPerSecond, long requests, double allocatedPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && !args[0].startsWith("--")) { // a JMH command line, e.g. "InjectorBenchmark -f 1"
            InjectorReport.main(args);
            return;
        }
        Map<String, String> opts = options(args);
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "16"));
        String wrkCpus = opts.get("wrk-cpus"); // e.g. "1": pin wrk with taskset, and start this JVM pinned elsewhere
        String[] pages = opts.getOrDefault("pages", String.join(",", PAGES)).split(",");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        try (BenchmarkServer server = new BenchmarkServer()) {
            for (String page : pages) {
                for (String variant : VARIANTS) {
                    run(server.url(variant, page), 3, connections, wrkCpus, threads); // warm-up
                }
                for (int round = 0; round < rounds; round++) {
                    for (int v = 0; v < VARIANTS.length; v++) {
                        String variant = VARIANTS[(v + round) % VARIANTS.length]; // rotate the order
                        Sample s = run(server.url(variant, page), seconds, connections, wrkCpus, threads);
                        samples.computeIfAbsent(page + " " + variant, k -> new ArrayList<>()).add(s);
                        System.out.printf(Locale.ROOT, "round %d %-8s %-6s %10.0f req/s %12.0f B/req%n", round + 1, page,
                                variant, s.requestsPerSecond(), s.allocatedPerRequest());
                    }
                }
            }
        }
        String report = report(samples, pages, seconds, rounds, connections, wrkCpus);
        System.out.println();
        System.out.println(report);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), report, StandardCharsets.UTF_8);
        }
    }

    private static Sample run(String url, int seconds, int connections, String wrkCpus,
            com.sun.management.ThreadMXBean threads) throws IOException, InterruptedException {
        // Start every run from a settled heap: the buffering variant leaves garbage that would slow the next run.
        System.gc();
        Thread.sleep(1500);
        Map<Long, Long> before = allocated(threads);
        List<String> command = new ArrayList<>();
        if (wrkCpus != null) {
            command.addAll(List.of("taskset", "-c", wrkCpus));
        }
        command.addAll(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "5s", url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (is Debian's wrk installed?):\n" + output);
        }
        Map<Long, Long> after = allocated(threads);
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher total = Pattern.compile("([0-9]+) requests in").matcher(output);
        if (!rps.find() || !total.find()) {
            throw new IllegalStateException("Unexpected wrk output:\n" + output);
        }
        if (output.contains("Non-2xx") || output.contains("Socket errors")) {
            throw new IllegalStateException("Errors during the run:\n" + output);
        }
        long requests = Long.parseLong(total.group(1));
        long delta = 0;
        for (Map.Entry<Long, Long> t : after.entrySet()) {
            delta += t.getValue() - before.getOrDefault(t.getKey(), 0L);
        }
        return new Sample(Double.parseDouble(rps.group(1)), requests, delta / (double) requests);
    }

    /** Bytes allocated so far by each live thread of this JVM (the server's pool threads do not expire). */
    private static Map<Long, Long> allocated(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    static String report(Map<String, List<Sample>> samples, String[] pages, int seconds, int rounds, int connections,
            String wrkCpus) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(": wrk -t2 -c").append(connections)
                .append(" -d").append(seconds).append("s").append(wrkCpus == null ? "" : " on CPU " + wrkCpus + " (taskset)")
                .append(", ").append(rounds).append(" rounds, median shown.\n\n");
        sb.append("| page | variant | requests/s (median) | ratio to no filter (median of rounds) | ratio per round |"
                + " allocated per request |\n");
        sb.append("|---|---|---:|---:|---|---:|\n");
        for (String page : pages) {
            List<Sample> baseline = samples.get(page + " none");
            for (String variant : VARIANTS) {
                List<Sample> s = samples.get(page + " " + variant);
                double[] ratios = new double[s.size()];
                for (int r = 0; r < s.size(); r++) {
                    ratios[r] = s.get(r).requestsPerSecond() / baseline.get(r).requestsPerSecond();
                }
                StringBuilder perRound = new StringBuilder();
                for (double ratio : ratios) {
                    perRound.append(perRound.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", ratio));
                }
                double[] sorted = ratios.clone();
                java.util.Arrays.sort(sorted);
                double medianRatio = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.3f | %s | %s |%n", page, name(variant),
                        median(s, Sample::requestsPerSecond), medianRatio, perRound, bytes(median(s, Sample::allocatedPerRequest))));
            }
        }
        return sb.toString();
    }

    private static String name(String variant) {
        return switch (variant) {
            case "none" -> "no filter";
            case "noop" -> "a filter that does nothing";
            case "wrap" -> "a pass-through stream wrapper";
            case "stream" -> "EmbeddableFilter";
            default -> "naive buffering filter";
        };
    }

    private static String bytes(double b) {
        return b >= 1024 * 1024 ? String.format(Locale.ROOT, "%.2f MB", b / (1024 * 1024))
                : String.format(Locale.ROOT, "%.1f KB", b / 1024);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Options are --name value: " + Arrays.toString(args));
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}

package io.github.embeddable4j.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with its usual command line, then prints, for {@link InjectorBenchmark}, the ratio of the injector to
 * the plain copy and the scanner's rate, per shape, size and path, from the same run. The benchmarks jar hands any
 * command line that does not start with {@code --} to this class.
 */
public final class InjectorReport {

    private InjectorReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams() || options.shouldListProfilers()
                || options.shouldListResultFormats()) {
            Main.main(args);
            return;
        }
        print(new Runner(options).run());
    }

    static void print(Collection<RunResult> results) {
        // shape/size/path -> method -> µs per page
        Map<String, Map<String, Double>> rows = new TreeMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            if (!benchmark.startsWith(InjectorBenchmark.class.getName() + ".")) {
                continue;
            }
            String key = params.getParam("shape") + "|" + params.getParam("size") + "|" + params.getParam("path");
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            rows.computeIfAbsent(key, k -> new TreeMap<>()).put(method, result.getPrimaryResult().getScore());
        }
        if (rows.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("| shape | size | path | copy, µs | injector, µs | injector ÷ copy | scan, µs | scanner, GB/s or Gchar/s |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            String[] key = row.getKey().split("\\|");
            Map<String, Double> m = row.getValue();
            Double copy = m.get("copy");
            Double injector = m.get("injector");
            Double scan = m.get("scan");
            double units = InjectorBenchmark.pageLength(key[0], key[1]);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", key[0], key[1], key[2], fmt(copy),
                    fmt(injector), copy == null || injector == null ? "" : String.format(Locale.ROOT, "%.2f", injector / copy),
                    fmt(scan), scan == null ? "" : String.format(Locale.ROOT, "%.2f", units / (scan * 1000)));
        }
    }

    private static String fmt(Double microseconds) {
        return microseconds == null ? "" : String.format(Locale.ROOT, microseconds < 100 ? "%.2f" : "%.0f", microseconds);
    }
}

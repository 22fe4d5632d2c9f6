package io.github.embeddable4j.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with its usual command line, then prints, for {@link InjectorBenchmark}, the ratio of the injector to
 * the plain copy and the scanner's rate, per shape, size and path, from the same run, and the same ratio for the rest
 * of the page once the snippet is placed (see {@link InjectorBenchmark}). The benchmarks jar hands any
 * command line that does not start with {@code --} to this class.
 *
 * <p>Two tables: from JMH's means, and from each benchmark's best (fastest) measurement iteration. On a machine
 * shared with other work, interference only ever makes an iteration slower, so the best iteration is the better
 * estimate of the code's own cost; the means (with JMH's errors, above them) show how noisy the run was.
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
        Collection<RunResult> results = new Runner(options).run();
        print(results, false);
        print(results, true);
    }

    static void print(Collection<RunResult> results, boolean best) {
        // shape|size|path -> method -> µs per page
        Map<String, Map<String, Double>> rows = new TreeMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            if (!benchmark.startsWith(InjectorBenchmark.class.getName() + ".")) {
                continue;
            }
            String key = params.getParam("shape") + "|" + params.getParam("size") + "|" + params.getParam("path");
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            double score = best ? bestIteration(result) : result.getPrimaryResult().getScore();
            rows.computeIfAbsent(key, k -> new TreeMap<>()).put(method, score);
        }
        if (rows.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println(best ? "Best iteration of each benchmark:" : "Means:");
        System.out.println();
        System.out.println("| shape | size | path | copy, µs | injector, µs | injector ÷ copy | scan, µs | scanner, GB/s or Gchar/s"
                + " | placed after, units | after placement: copy, µs | injector, µs | injector ÷ copy |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            String[] key = row.getKey().split("\\|");
            Map<String, Double> m = row.getValue();
            Double copy = m.get("copy");
            Double injector = m.get("injector");
            Double scan = m.get("scan");
            Double copyRest = m.get("copyAfterPlacement");
            Double injectorRest = m.get("injectorAfterPlacement");
            double units = InjectorBenchmark.pageLength(key[0], key[1]);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s |%n", key[0], key[1],
                    key[2], fmt(copy), fmt(injector), ratio(injector, copy), fmt(scan),
                    scan == null ? "" : String.format(Locale.ROOT, "%.2f", units / (scan * 1000)),
                    InjectorBenchmark.placementPoint(key[0], key[1]), fmt(copyRest), fmt(injectorRest),
                    ratio(injectorRest, copyRest));
        }
    }

    /** The fastest measurement iteration (lowest time per operation) over the run's forks. */
    private static double bestIteration(RunResult result) {
        double best = Double.MAX_VALUE;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                best = Math.min(best, iteration.getPrimaryResult().getScore());
            }
        }
        return best;
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String fmt(Double microseconds) {
        return microseconds == null ? "" : String.format(Locale.ROOT, microseconds < 100 ? "%.2f" : "%.0f", microseconds);
    }
}

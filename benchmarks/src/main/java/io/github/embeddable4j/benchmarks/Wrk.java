package io.github.embeddable4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's wrk with {@code --latency} and reads its summary. Fails on non-2xx answers and socket errors. */
final class Wrk {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");

    private Wrk() {
    }

    /** One run's summary; latencies in milliseconds. */
    record Result(double requestsPerSecond, long requests, double p50Millis, double p99Millis) {
    }

    /**
     * @param cpus   CPUs to pin wrk to with taskset (e.g. "1"), or null
     * @param script a Lua script, or null for GETs
     */
    static Result run(String url, int seconds, int connections, String cpus, Path script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "--timeout", "5s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (is Debian's wrk installed?):\n" + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        Matcher rps = RPS.matcher(output);
        Matcher total = TOTAL.matcher(output);
        if (!rps.find() || !total.find()) {
            throw new IllegalStateException("Unexpected wrk output:\n" + output);
        }
        if (output.contains("Non-2xx") || output.contains("Socket errors")) {
            throw new IllegalStateException("Errors during the run:\n" + output);
        }
        return new Result(Double.parseDouble(rps.group(1)), Long.parseLong(total.group(1)), percentile(output, "50%"),
                percentile(output, "99%"));
    }

    private static double percentile(String output, String which) {
        Matcher m = Pattern.compile("\\s" + which + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("No " + which + " latency in wrk's output (needs --latency):\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}

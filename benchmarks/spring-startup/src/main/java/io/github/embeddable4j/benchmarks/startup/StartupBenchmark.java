package io.github.embeddable4j.benchmarks.startup;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@link StartupApp} in fresh JVMs, alternating the variants, and compares the process CPU time until the
 * application is ready: {@code without} (class path without the starter), {@code with} (with it, configured with a
 * client id) and {@code disabled} (with it, {@code ringcentral.embeddable.enabled=false}: the jar is there but its
 * auto-configuration backs off). Reports medians, quartiles and the median of the per-round differences, for the
 * process CPU time (every thread) and the main thread's (where the start-up work happens, measured to the
 * nanosecond). Run after
 * {@code mvn -B -q -pl benchmarks/spring-startup -am package -DskipTests}:
 *
 * <pre>java -cp benchmarks/spring-startup/target/classes io.github.embeddable4j.benchmarks.startup.StartupBenchmark
 *     [--runs 20] [--variants without,with,disabled] [--jvm-args "-XX:TieredStopAtLevel=1"] [--out startup-run.md]
 *     [--with-classpath other-build-classpath.txt] [--cds true] [--aot true] [--steps 8] [--step-names 8]</pre>
 *
 * <p>With {@code --cds true} each variant starts with its own class-data-sharing archive, made by a training start of
 * that variant first: class loading, most of what a starter costs, then comes mostly from the archive.
 *
 * <p>With {@code --aot true} each variant is first processed with Spring AOT, as the Spring Boot build plugins' {@code
 * process-aot} does (bean definitions and conditions decided, code generated and compiled), and starts with
 * {@code -Dspring.aot.enabled=true}: no configuration class is parsed and no condition evaluated at start-up.
 *
 * <p>With {@code --steps N} it instead starts the {@code with} variant N times with {@code -De4j.steps=true} and
 * reports the main-thread CPU of the start-up steps that name an embeddable4j bean or post-processor, next to all
 * steps' total: the starter's own share, which moves far less between JVMs than the whole start-up does.
 *
 * <p>With {@code --step-names N} it starts {@code without} and {@code with} N times each, alternating, with
 * {@code -De4j.steps=true}, and prints each kind of step's own main-thread CPU (all configuration-class parsing, all
 * bean instantiations...) for both, largest difference first: where the whole start-up's difference goes, including
 * the work Spring does for the starter outside the steps that name it.
 */
public final class StartupBenchmark {

    private static final Pattern STEPS_LINE = Pattern.compile(
            "STEP total of all steps ([0-9.]+) ms; steps naming embeddable ([0-9.]+) ms");

    private static final Pattern STEP_NAME_LINE = Pattern.compile("(?m)^STEPNAME (\\S+) ([0-9.]+)$");

    private static final Pattern LINE = Pattern.compile(StartupApp.MARKER
            + " cpuMillis=([0-9.]+) mainThreadCpuMillis=([0-9.]+) uptimeMillis=([0-9]+) classes=([0-9]+) beans=([0-9]+)"
            + " embeddable4jBeans=([0-9]+)");

    private StartupBenchmark() {
    }

    record Start(double cpuMillis, double mainThreadCpuMillis, long uptimeMillis, int classes, int beans, int ourBeans) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int runs = Integer.parseInt(opts.getOrDefault("runs", "20"));
        String[] variants = opts.getOrDefault("variants", "without,with,disabled").split(",");
        List<String> jvmArgs = opts.containsKey("jvm-args") ? List.of(opts.get("jvm-args").trim().split("\\s+")) : List.of();
        Path classes = Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = classes.getParent();
        // --with-classpath: another build of the starter (such as an older commit's jars), for a before/after run
        String with = read(opts.containsKey("with-classpath") ? Path.of(opts.get("with-classpath"))
                : target.resolve("classpath-with-starter.txt"));
        String without = read(target.resolve("classpath-without-starter.txt"));
        // --aot true: each variant processed ahead of time first, then started with the generated code
        boolean aot = Boolean.parseBoolean(opts.getOrDefault("aot", "false"));
        if (opts.containsKey("step-names") || opts.containsKey("steps")) {
            String withPath = classes + java.io.File.pathSeparator + with;
            String withoutPath = classes + java.io.File.pathSeparator + without;
            List<String> stepArgs = new ArrayList<>(jvmArgs);
            if (aot) {
                withPath = processAheadOfTime(target.resolve("aot-with"), withPath, jvmArgs, List.of());
                withoutPath = processAheadOfTime(target.resolve("aot-without"), withoutPath, jvmArgs, List.of());
                stepArgs.add("-Dspring.aot.enabled=true");
            }
            if (opts.containsKey("step-names")) {
                stepNames(Integer.parseInt(opts.get("step-names")), withoutPath, withPath, stepArgs);
            } else {
                steps(Integer.parseInt(opts.get("steps")), withPath, stepArgs);
            }
            return;
        }
        Set<String> added = new LinkedHashSet<>(Arrays.asList(with.split(java.io.File.pathSeparator)));
        added.removeAll(Arrays.asList(without.split(java.io.File.pathSeparator)));
        // --cds true: each variant with its own class-data-sharing archive, made by one training start first (the way
        // Spring Boot suggests to start faster); CDS wants jars only, so the app comes from its jar
        boolean cds = Boolean.parseBoolean(opts.getOrDefault("cds", "false"));
        Path app = cds ? appJar(target) : classes;
        if (aot && cds) {
            throw new IllegalArgumentException("--aot and --cds are not combined here");
        }
        Map<String, List<String>> variantJvmArgs = new LinkedHashMap<>();
        Map<String, String> variantClasspath = new LinkedHashMap<>();
        for (String variant : variants) {
            List<String> argsFor = new ArrayList<>(jvmArgs);
            String classpath = classpath(app, variant, without, with);
            if (aot) {
                classpath = processAheadOfTime(target.resolve("aot-" + variant), classpath, jvmArgs, appArgs(variant));
                argsFor.add("-Dspring.aot.enabled=true");
            }
            variantClasspath.put(variant, classpath);
            if (cds) {
                Path archive = target.resolve("cds-" + variant + ".jsa");
                Files.deleteIfExists(archive);
                List<String> training = new ArrayList<>(jvmArgs);
                training.add("-XX:ArchiveClassesAtExit=" + archive);
                start(classpath(app, variant, without, with), training, appArgs(variant));
                argsFor.add("-XX:SharedArchiveFile=" + archive);
            }
            variantJvmArgs.put(variant, argsFor);
        }
        Map<String, List<Start>> starts = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < variants.length; i++) {
                String variant = variants[(i + run) % variants.length]; // rotate the order
                Start s = start(variantClasspath.get(variant), variantJvmArgs.get(variant), appArgs(variant));
                starts.computeIfAbsent(variant, k -> new ArrayList<>()).add(s);
                System.out.printf(Locale.ROOT, "run %2d %-8s process cpu %7.1f ms, main thread %7.1f ms, ready after %5d ms,"
                        + " %d classes, %d beans (%d of embeddable4j)%n", run + 1, variant, s.cpuMillis(),
                        s.mainThreadCpuMillis(), s.uptimeMillis(), s.classes(), s.beans(), s.ourBeans());
            }
        }
        List<String> shown = new ArrayList<>(jvmArgs);
        if (cds) {
            shown.add("with a CDS archive per variant (-XX:SharedArchiveFile)");
        }
        if (aot) {
            shown.add("each variant processed with Spring AOT and started with -Dspring.aot.enabled=true");
        }
        String report = report(starts, variants, runs, shown, added);
        System.out.println();
        System.out.println(report);
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), report, StandardCharsets.UTF_8);
        }
    }

    private static String classpath(Path app, String variant, String without, String with) {
        return app + java.io.File.pathSeparator + (variant.equals("without") ? without : with);
    }

    private static List<String> appArgs(String variant) {
        return variant.equals("disabled") ? List.of("--ringcentral.embeddable.enabled=false") : List.of();
    }

    /**
     * Processes the application ahead of time in a JVM of its own (Spring Boot's {@code SpringApplicationAotProcessor},
     * what the build plugins run), compiles the generated sources into {@code dir/classes}, and returns the class path
     * to start it with: the generated classes and resources first.
     */
    private static String processAheadOfTime(Path dir, String classpath, List<String> jvmArgs, List<String> appArgs)
            throws IOException, InterruptedException {
        deleteTree(dir);
        Path sources = dir.resolve("sources");
        Path resources = dir.resolve("resources");
        Path generated = dir.resolve("classes");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, "org.springframework.boot.SpringApplicationAotProcessor",
                StartupApp.class.getName(), sources.toString(), resources.toString(), generated.toString(),
                "io.github.embeddable4j", "benchmarks-spring-startup"));
        command.addAll(appArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("AOT processing failed:\n" + output);
        }
        List<String> javac = new ArrayList<>(List.of("-d", generated.toString(), "-cp", classpath, "-proc:none", "-nowarn"));
        try (var files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new));
        if (compiled != 0) {
            throw new IllegalStateException("The generated sources in " + sources + " did not compile");
        }
        return generated + java.io.File.pathSeparator + resources + java.io.File.pathSeparator + classpath;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static Path appJar(Path target) throws IOException {
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("benchmarks-spring-startup-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No app jar in " + target + ": build with mvn -pl"
                            + " benchmarks/spring-startup -am package"));
        }
    }

    private static void steps(int runs, String classpath, List<String> jvmArgs) throws IOException, InterruptedException {
        double[] ours = new double[runs];
        double[] all = new double[runs];
        for (int i = 0; i < runs; i++) {
            String output = startWithSteps(classpath, jvmArgs);
            Matcher m = STEPS_LINE.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("No step report:\n" + output);
            }
            all[i] = Double.parseDouble(m.group(1));
            ours[i] = Double.parseDouble(m.group(2));
            System.out.printf(Locale.ROOT, "run %2d: starter's steps %6.1f ms of %7.1f ms (%.1f%%)%n", i + 1, ours[i], all[i],
                    100 * ours[i] / all[i]);
        }
        double[] share = new double[runs];
        for (int i = 0; i < runs; i++) {
            share[i] = 100 * ours[i] / all[i];
        }
        Arrays.sort(ours);
        Arrays.sort(all);
        Arrays.sort(share);
        System.out.printf(Locale.ROOT, "%n%s, %d fresh JVMs: the starter's own start-up steps %.1f ms median (%.1f-%.1f), all"
                + " steps %.1f ms median; the starter's share %.1f%% median (%.1f-%.1f)%n", LocalDate.now(), runs,
                quantile(ours, 0.5), ours[0], ours[runs - 1], quantile(all, 0.5), quantile(share, 0.5), share[0], share[runs - 1]);
    }

    private static void stepNames(int runs, String without, String with, List<String> jvmArgs)
            throws IOException, InterruptedException {
        Map<String, Map<String, List<Double>>> byName = new java.util.TreeMap<>(); // step name -> variant -> own ms
        for (int i = 0; i < runs; i++) {
            for (String variant : i % 2 == 0 ? List.of("without", "with") : List.of("with", "without")) {
                String output = startWithSteps(variant.equals("with") ? with : without, jvmArgs);
                Matcher m = STEP_NAME_LINE.matcher(output);
                int found = 0;
                while (m.find()) {
                    byName.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(variant, k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
                    found++;
                }
                if (found == 0) {
                    throw new IllegalStateException("No step report:\n" + output);
                }
            }
            System.out.printf(Locale.ROOT, "pair %d of %d done%n", i + 1, runs);
        }
        List<String[]> rows = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, Map<String, List<Double>>> e : byName.entrySet()) {
            double w = median(e.getValue().getOrDefault("with", List.of(0.0)));
            double wo = median(e.getValue().getOrDefault("without", List.of(0.0)));
            total += w - wo;
            rows.add(new String[] {e.getKey(), String.format(Locale.ROOT, "%.1f", wo), String.format(Locale.ROOT, "%.1f", w),
                    String.format(Locale.ROOT, "%+.1f", w - wo)});
        }
        rows.sort(Comparator.comparingDouble((String[] r) -> Double.parseDouble(r[3])).reversed());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n%s, %d JVMs per variant: each kind of start-up"
                + " step's own main-thread CPU (median)%n%n| step | without | with | difference |%n|---|---:|---:|---:|%n",
                LocalDate.now(), runs));
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "| sum of the differences | | | %+.1f |%n", total));
        System.out.print(sb);
    }

    /** Starts the app once with its steps timed ({@code -De4j.steps=true}); returns what it printed. */
    private static String startWithSteps(String classpath, List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-De4j.steps=true", "-cp", classpath, StartupApp.class.getName(),
                "--ringcentral.embeddable.client-id=abc"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("The app did not start:\n" + output);
        }
        return output;
    }

    private static double median(List<Double> values) {
        return quantile(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5);
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: the build writes target/classpath-*.txt (mvn -pl"
                    + " benchmarks/spring-startup -am package); a --with-classpath file is a copy of another build's"
                    + " target/classpath-with-starter.txt (BENCHMARKS.md says how)");
        }
        return Files.readString(file).trim();
    }

    private static Start start(String classpath, List<String> jvmArgs, List<String> appArgs)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, StartupApp.class.getName()));
        command.addAll(appArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Matcher m = LINE.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("The app did not start (exit " + exit + "):\n" + output);
        }
        return new Start(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    }

    private static String report(Map<String, List<Start>> starts, String[] variants, int runs, List<String> jvmArgs,
            Set<String> added) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s, %d cores, Java %s%s: %d fresh JVMs per variant,"
                + " order rotating; CPU times read when ApplicationReadyEvent fires.%n"
                + "Jars only the with/disabled class path has: %s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                jvmArgs.isEmpty() ? "" : " " + String.join(" ", jvmArgs), runs,
                added.stream().map(p -> Path.of(p).getFileName().toString()).toList()));
        sb.append(table("Process CPU time until ready", starts, variants, Start::cpuMillis));
        sb.append('\n').append(table("Main thread CPU time until ready", starts, variants, Start::mainThreadCpuMillis));
        List<Start> with = starts.get("with");
        List<Start> disabled = starts.get("disabled");
        if (with != null && disabled != null) { // the starter's cost beside its own jars, the table's "with - disabled"
            double[] d = new double[Math.min(with.size(), disabled.size())];
            for (int i = 0; i < d.length; i++) {
                d[i] = with.get(i).mainThreadCpuMillis() - disabled.get(i).mainThreadCpuMillis();
            }
            double[] interval = bootstrapMean(d);
            sb.append(String.format(Locale.ROOT, "%nwith - disabled, main thread, mean of per-round differences: %+.1f ms"
                    + " (%+.1f to %+.1f)%n", Arrays.stream(d).average().orElse(0), interval[0], interval[1]));
        }
        sb.append('\n').append("| variant | ready after (median wall) | classes loaded (median) | beans |\n|---|---:|---:|---:|\n");
        for (String v : variants) {
            List<Start> s = starts.get(v);
            sb.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f | %d (%d of embeddable4j) |%n", v,
                    quantile(s.stream().mapToDouble(Start::uptimeMillis).sorted().toArray(), 0.5),
                    quantile(s.stream().mapToDouble(Start::classes).sorted().toArray(), 0.5), s.get(0).beans(),
                    s.get(0).ourBeans()));
        }
        return sb.toString();
    }

    private static String table(String what, Map<String, List<Start>> starts, String[] variants,
            java.util.function.ToDoubleFunction<Start> metric) {
        StringBuilder sb = new StringBuilder("| variant | " + what + " (median) | quartiles | min–max | difference of"
                + " medians to without | median of per-round differences (quartiles) | mean of per-round differences (95%"
                + " bootstrap interval) |\n|---|---:|---|---|---:|---|---|\n");
        List<Start> base = starts.get("without");
        for (String v : variants) {
            List<Start> s = starts.get(v);
            double[] values = s.stream().mapToDouble(metric).sorted().toArray();
            String diff = "";
            String paired = "";
            String mean = "";
            if (base != null && !v.equals("without")) {
                double[] d = new double[s.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = metric.applyAsDouble(s.get(i)) - metric.applyAsDouble(base.get(i));
                }
                Arrays.sort(d);
                double[] interval = bootstrapMean(d);
                mean = String.format(Locale.ROOT, "%+.1f ms (%+.1f to %+.1f)", Arrays.stream(d).average().orElse(0),
                        interval[0], interval[1]);
                diff = String.format(Locale.ROOT, "%+.1f ms", quantile(values, 0.5)
                        - quantile(base.stream().mapToDouble(metric).sorted().toArray(), 0.5));
                paired = String.format(Locale.ROOT, "%+.1f ms (%+.1f to %+.1f)", quantile(d, 0.5), quantile(d, 0.25),
                        quantile(d, 0.75));
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f–%.1f | %.1f–%.1f | %s | %s | %s |%n", v,
                    quantile(values, 0.5), quantile(values, 0.25), quantile(values, 0.75), values[0],
                    values[values.length - 1], diff, paired, mean));
        }
        return sb.toString();
    }

    /** The 2.5% and 97.5% quantiles of the mean over 5,000 resamples (fixed seed), for an interval of the mean. */
    static double[] bootstrapMean(double[] values) {
        java.util.Random random = new java.util.Random(1);
        double[] means = new double[5000];
        for (int r = 0; r < means.length; r++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / values.length;
        }
        Arrays.sort(means);
        return new double[] {quantile(means, 0.025), quantile(means, 0.975)};
    }

    /** Linear interpolation between the closest ranks of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}

package io.github.embeddable4j.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Spring's start-up steps (bean instantiations, configuration-class parsing, post-processors...) timed in CPU time of
 * the main thread, where Spring's wall-clock {@code BufferingApplicationStartup} would count the time other processes
 * on this shared machine take. Each step's own time excludes the steps nested in it, so the bean that needed another
 * created first is not charged for it. A diagnostic: {@code -De4j.steps=true}.
 */
final class CpuStartupSteps implements ApplicationStartup {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong ids = new AtomicLong();
    private final Deque<Step> open = new ArrayDeque<>();
    private final List<Step> ended = new ArrayList<>();
    private final Thread owner = Thread.currentThread();

    @Override
    public synchronized StartupStep start(String name) {
        if (Thread.currentThread() != owner) {
            return ApplicationStartup.DEFAULT.start(name); // only the main thread's steps are timed
        }
        Step step = new Step(ids.incrementAndGet(), open.isEmpty() ? null : open.peek().id, name);
        open.push(step);
        return step;
    }

    /** Own CPU time by step name and bean name, largest first. */
    synchronized String report(int limit) {
        Map<Long, Long> childTime = new LinkedHashMap<>();
        for (Step s : ended) {
            if (s.parentId != null) {
                childTime.merge(s.parentId, s.cpuNanos, Long::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        long total = 0;
        long ours = 0;
        List<Step> sorted = new ArrayList<>(ended);
        for (Step s : sorted) {
            s.ownNanos = s.cpuNanos - childTime.getOrDefault(s.id, 0L);
            total += s.ownNanos;
            if (s.isEmbeddable4j()) {
                ours += s.ownNanos;
            }
        }
        sorted.sort(Comparator.comparingLong((Step s) -> s.ownNanos).reversed());
        for (Step s : sorted.subList(0, Math.min(limit, sorted.size()))) {
            sb.append(String.format(Locale.ROOT, "STEP %8.2f ms own (%8.2f ms with nested) %s %s%n", s.ownNanos / 1e6,
                    s.cpuNanos / 1e6, s.name, s.tags));
        }
        for (Step s : ended) {
            if (s.isEmbeddable4j() && sorted.indexOf(s) >= limit) {
                sb.append(String.format(Locale.ROOT, "STEP %8.2f ms own (%8.2f ms with nested) %s %s%n", s.ownNanos / 1e6,
                        s.cpuNanos / 1e6, s.name, s.tags));
            }
        }
        // each kind of step in total, for StartupBenchmark --step-names
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (Step s : ended) {
            byName.merge(s.name, s.ownNanos, Long::sum);
        }
        byName.forEach((name, nanos) -> sb.append(String.format(Locale.ROOT, "STEPNAME %s %.3f%n", name, nanos / 1e6)));
        sb.append(String.format(Locale.ROOT, "STEP total of all steps %.1f ms; steps naming embeddable %.1f ms%n",
                total / 1e6, ours / 1e6));
        return sb.toString();
    }

    private final class Step implements StartupStep {
        final long id;
        final Long parentId;
        final String name;
        final Map<String, String> tags = new LinkedHashMap<>();
        final long startNanos = THREADS.getCurrentThreadCpuTime();
        long cpuNanos;
        long ownNanos;

        Step(long id, Long parentId, String name) {
            this.id = id;
            this.parentId = parentId;
            this.name = name;
        }

        /** A step of the starter: one of its beans or post-processors (the benchmark app's own package aside). */
        boolean isEmbeddable4j() {
            return tags.values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("embeddable")
                    && !v.contains(StartupApp.class.getPackageName()));
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public long getId() {
            return id;
        }

        @Override
        public Long getParentId() {
            return parentId;
        }

        @Override
        public StartupStep tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        @Override
        public StartupStep tag(String key, Supplier<String> value) {
            return tag(key, value.get());
        }

        @Override
        public Tags getTags() {
            return () -> {
                Iterator<Map.Entry<String, String>> it = tags.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Tag next() {
                        Map.Entry<String, String> e = it.next();
                        return new Tag() {
                            @Override
                            public String getKey() {
                                return e.getKey();
                            }

                            @Override
                            public String getValue() {
                                return e.getValue();
                            }
                        };
                    }
                };
            };
        }

        @Override
        public void end() {
            synchronized (CpuStartupSteps.this) {
                cpuNanos = THREADS.getCurrentThreadCpuTime() - startNanos;
                open.remove(this);
                ended.add(this);
            }
        }
    }
}

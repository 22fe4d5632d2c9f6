package io.github.embeddable4j.servlet;

import io.github.embeddable4j.servlet.containers.ServerThreads;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Threads and heap of the test JVM and a server's request pool, taken after warm-up, and the check that they come
 * back after a suite: the pool's busy and live threads, the JVM's live threads, and the heap in use after a full
 * collection, each within a tolerance. The figures are printed; {@link #awaitReturn} fails with all of them.
 */
record ResourceBaseline(int jvmThreads, int poolThreads, int poolBusy, long heapUsed) {

    /** Extra live threads allowed: pools keep their minimum, the JDK starts helper threads now and then. */
    static final int THREAD_TOLERANCE = 8;
    /** Extra heap allowed after a full collection: containers keep pooled buffers and per-connection state. */
    static final long HEAP_TOLERANCE = 64L * 1024 * 1024;

    /**
     * Takes the figures after a full collection, once the JVM's thread count has settled. Threads that earlier test
     * classes left behind, such as those of HTTP clients that end only when collected (a long run once saw 504 at the
     * baseline, 36 after the suite), would otherwise raise the baseline, and the check after the suite would allow
     * that many leaked threads.
     */
    static ResourceBaseline take(ServerThreads pool) {
        long heap = heapAfterGc();
        int threads = settledJvmThreads(Duration.ofSeconds(20));
        return new ResourceBaseline(threads, pool.total(), pool.busy(), heap);
    }

    /**
     * The JVM's live threads once the count has not fallen for 3.5 s (at most {@code timeout}): a JDK HTTP client's
     * selector thread looks every 3 s whether its client is still referenced.
     */
    static int settledJvmThreads(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lowest = jvmThreadsNow();
        long lowestSince = System.nanoTime();
        while (System.nanoTime() - lowestSince < 3_500_000_000L && System.nanoTime() < deadline) {
            sleep(100);
            int now = jvmThreadsNow();
            if (now < lowest) {
                lowest = now;
                lowestSince = System.nanoTime();
            }
        }
        return jvmThreadsNow();
    }

    /** The live threads of the JVM now. */
    static int jvmThreadsNow() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Waits (up to {@code timeout}) until the pool and the JVM are back within the tolerances of this baseline, and
     * returns the report line; fails with the figures when they do not come back.
     */
    String awaitReturn(ServerThreads pool, Duration timeout, int peakJvmThreads) {
        // Wait until the server's pool is back within two threads of the baseline (idle threads end a second after the
        // load) and the JVM within the tolerance; only what is still above the tolerance at the deadline fails.
        long deadline = System.nanoTime() + timeout.toNanos();
        ResourceBaseline now;
        while (true) {
            now = new ResourceBaseline(jvmThreadsNow(), pool.total(), pool.busy(), 0);
            boolean threadsBack = now.poolBusy <= poolBusy && now.poolThreads <= poolThreads + 2
                    && now.jvmThreads <= jvmThreads + THREAD_TOLERANCE;
            if (threadsBack || System.nanoTime() > deadline) {
                break;
            }
            sleep(200);
        }
        long heap = heapAfterGc();
        now = new ResourceBaseline(jvmThreadsNow(), pool.total(), pool.busy(), heap);
        String report = "JVM threads " + jvmThreads + " before, " + peakJvmThreads + " at the peak, " + now.jvmThreads + " after; pool threads "
                + poolThreads + " (" + busy(poolBusy) + ") before, " + now.poolThreads + " (" + busy(now.poolBusy) + ") after; heap after GC "
                + mb(heapUsed) + " before, " + mb(heap) + " after";
        if (now.poolBusy > poolBusy || now.poolThreads > poolThreads + THREAD_TOLERANCE || now.jvmThreads > jvmThreads + THREAD_TOLERANCE
                || heap > heapUsed + HEAP_TOLERANCE) {
            throw new AssertionError("threads or heap did not return to the baseline (tolerance " + THREAD_TOLERANCE + " threads, "
                    + mb(HEAP_TOLERANCE) + "): " + report + "\n" + threadNames());
        }
        return report;
    }

    /** Undertow's XNIO worker answers -1: its executor does not count busy threads, so only its pool size is judged. */
    private static String busy(int count) {
        return count < 0 ? "busy not counted by the server" : count + " busy";
    }

    private static String threadNames() {
        StringBuilder sb = new StringBuilder("live threads:");
        Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().forEach(n -> sb.append("\n  ").append(n));
        return sb.toString();
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

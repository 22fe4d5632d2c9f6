package io.github.embeddable4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by this JVM's threads, read per thread ({@code ThreadMXBean#getThreadCpuTime}, user + system), so that
 * the load generator and other processes on the machine do not count. The calling thread (the benchmark driver, which
 * only waits for wrk) is left out. Threads that end between two snapshots take their time with them: use fixed pools.
 * The process total ({@code OperatingSystemMXBean#getProcessCpuTime}) is kept alongside; it adds GC and JIT threads.
 */
final class ThreadCpu {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("This JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private final Map<Long, Long> cpuByThread;
    private final Map<Long, Long> allocatedByThread;
    private final long processCpu;

    private ThreadCpu(Map<Long, Long> cpuByThread, Map<Long, Long> allocatedByThread, long processCpu) {
        this.cpuByThread = cpuByThread;
        this.allocatedByThread = allocatedByThread;
        this.processCpu = processCpu;
    }

    /** CPU and allocation counters of every live thread but the caller, and the process CPU time, now. */
    static ThreadCpu snapshot() {
        long self = Thread.currentThread().getId();
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> cpuByThread = new HashMap<>();
        Map<Long, Long> allocatedByThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != self && cpu[i] >= 0) {
                cpuByThread.put(ids[i], cpu[i]);
                allocatedByThread.put(ids[i], Math.max(0, allocated[i]));
            }
        }
        return new ThreadCpu(cpuByThread, allocatedByThread, OS.getProcessCpuTime());
    }

    /** Nanoseconds of thread CPU since {@code earlier} (threads started since then count from zero). */
    long threadCpuSince(ThreadCpu earlier) {
        return delta(cpuByThread, earlier.cpuByThread);
    }

    /** Bytes allocated since {@code earlier}. */
    long allocatedSince(ThreadCpu earlier) {
        return delta(allocatedByThread, earlier.allocatedByThread);
    }

    /** Nanoseconds of process CPU since {@code earlier}: every thread, GC and JIT included, and this driver. */
    long processCpuSince(ThreadCpu earlier) {
        return processCpu - earlier.processCpu;
    }

    private static long delta(Map<Long, Long> now, Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> t : now.entrySet()) {
            sum += t.getValue() - before.getOrDefault(t.getKey(), 0L);
        }
        return sum;
    }
}

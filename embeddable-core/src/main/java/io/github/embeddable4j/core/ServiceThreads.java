package io.github.embeddable4j.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads of one of embeddable4j's services, remembered (weakly: idle ones end and are replaced) so that
 * its {@code close()} can wait for them to end. A terminated executor's thread may still be running its last steps,
 * and a container that looks for threads an undeployed application left behind (Tomcat, right after the
 * application stopped) warns of a leak for each one it finds.
 */
@Internal("embeddable4j's event dispatcher and third-party service")
public final class ServiceThreads {

    /**
     * What the services' {@code close()} needs of the JDK before its threads have ended, resolved with this class (each
     * service makes a {@code ServiceThreads} when it is made). GlassFish and Payara stop an application's class loader
     * before its {@code contextDestroyed} listeners run; from then on it loads no class the application has not
     * loaded before (the JVM remembers those), so a {@code close()} that needed one would fail and leave its threads,
     * and the class loader with them, behind. {@code CloseAfterUndeployTest} runs the services in such a loader.
     */
    private static final Class<?>[] NEEDED_TO_CLOSE = {Math.class, System.class, Thread.class, TimeUnit.class,
        ArrayList.class, Duration.class, InterruptedException.class};

    private final Map<Thread, Boolean> made = new WeakHashMap<>();

    /**
     * Daemon threads named {@code prefix} and a number, in the thread group of the thread that asks for the factory
     * (the application's, at start-up), inheriting no {@link InheritableThreadLocal}. An executor makes its threads
     * when work comes, on the thread that submits it: a request's, whose values (a logging context, a user) would
     * otherwise stay with the service's thread for its life, and a virtual one's group is the JDK's "VirtualThreads".
     */
    public ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        return r -> {
            Thread t = new Thread(group, r, prefix + n.incrementAndGet(), 0, false);
            t.setDaemon(true);
            synchronized (made) {
                made.put(t, Boolean.TRUE);
            }
            return t;
        };
    }

    /** Waits for every thread made here to end, for up to {@code timeout} in all; call after shutting the executors down. */
    public void join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> started;
        synchronized (made) {
            started = new ArrayList<>(made.keySet());
        }
        for (Thread t : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}

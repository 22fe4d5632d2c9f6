package io.github.embeddable4j.core.event;

import io.github.embeddable4j.core.ServiceThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Hands widget events to the {@link WidgetEventListener}s off the request thread, so a listener can never fail or slow
 * down the request that brought the event, nor delay another listener:
 * <ul>
 *   <li>each listener has its own worker ({@link Builder#threads(int)} threads, default 1, so a listener sees events in
 *       the order they were received) and its own bounded queue ({@link Builder#queueCapacity(int)}, default 10,000);
 *       when a queue is full the event is dropped for that listener and counted, and {@link #dispatch} says how many it
 *       took, so an endpoint can answer "busy". A slow listener fills only its own queue;</li>
 *   <li>a listener that throws is logged (once per listener and failure type) and counted;</li>
 *   <li>a listener that runs longer than {@link Builder#listenerTimeout(Duration)} (default 5 s) is interrupted and
 *       counted. One that ignores interruption keeps its thread: with every thread so stuck, events queue, then drop.</li>
 * </ul>
 * Thread-safe. Close it when the application stops.
 *
 * <pre>{@code var dispatcher = WidgetEventDispatcher.builder().listener(tracker).listener(myListener).build();}</pre>
 */
public final class WidgetEventDispatcher implements AutoCloseable {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(WidgetEventDispatcher.class.getName());
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final List<WidgetEventListener> listeners;
    private final Set<String> subscribedTypes;
    private final List<ThreadPoolExecutor> pools;
    /** Concrete, made with {@code new}: its class is then resolved before {@link #close()} needs it (see ServiceThreads). */
    private final ScheduledThreadPoolExecutor watchdog;
    private final ServiceThreads serviceThreads = new ServiceThreads();
    private final long timeoutNanos;
    private final long drainNanos;
    private final @Nullable Consumer<String> dropReport;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<String> loggedFailures = Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

    private WidgetEventDispatcher(Builder b) {
        this.listeners = List.copyOf(b.listeners);
        Set<String> types = new LinkedHashSet<>();
        for (WidgetEventListener l : listeners) {
            types.addAll(l.eventTypes().isEmpty() ? WidgetEventTypes.HOST_EVENTS : l.eventTypes());
        }
        this.subscribedTypes = Collections.unmodifiableSet(types);
        this.timeoutNanos = b.listenerTimeout.toNanos();
        this.drainNanos = b.drainTimeout.toNanos();
        this.dropReport = b.dropReport;
        int id = POOLS.incrementAndGet();
        List<ThreadPoolExecutor> workers = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(b.queueCapacity), serviceThreads.factory("embeddable4j-events-" + id + "-" + i + "-"),
                    new ThreadPoolExecutor.AbortPolicy());
            pool.allowCoreThreadTimeOut(true);
            workers.add(pool);
        }
        this.pools = List.copyOf(workers);
        this.watchdog = new ScheduledThreadPoolExecutor(1, serviceThreads.factory("embeddable4j-events-" + id + "-watchdog-"));
    }

    /** A builder with no listener yet and the defaults: per listener one thread and a queue of 10,000; 5 s timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    /** A dispatcher with no listener: it takes nothing, and the browser is told to forward nothing. */
    public static WidgetEventDispatcher none() {
        return builder().build();
    }

    /** Whether any listener is registered; when none is, adapters do not even load the bridge. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** The union of the listeners' event types: what the browser should forward. */
    public Set<String> subscribedTypes() {
        return subscribedTypes;
    }

    /** Whether some listener wants events of this type. */
    public boolean wants(String type) {
        return subscribedTypes.contains(type);
    }

    /**
     * Queues the events for every listener that wants them and returns at once.
     *
     * @return how many events were taken by some listener that wants them; fewer than given when every such listener's
     *         queue was full (a listener whose queue is full loses the event, counted in {@link Stats#dropped()}, while the
     *         others get it)
     */
    public int dispatch(List<ReceivedWidgetEvent> events) {
        int taken = 0;
        for (ReceivedWidgetEvent event : events) {
            if (dispatch(event)) {
                taken++;
            }
        }
        return taken;
    }

    /**
     * Queues one event for every listener that wants it. Returns false when none of them could take it (their queues
     * full), so the sender may send it again; a slow listener whose queue alone is full loses it (counted), and a
     * resend would give the others a second copy.
     */
    public boolean dispatch(ReceivedWidgetEvent event) {
        Objects.requireNonNull(event, "event");
        boolean wantedBySome = false;
        boolean taken = false;
        for (int i = 0; i < listeners.size(); i++) {
            WidgetEventListener listener = listeners.get(i);
            Set<String> wanted = listener.eventTypes().isEmpty() ? WidgetEventTypes.HOST_EVENTS : listener.eventTypes();
            if (!wanted.contains(event.type())) {
                continue;
            }
            wantedBySome = true;
            try {
                pools.get(i).execute(() -> deliver(listener, event));
                taken = true;
            } catch (RejectedExecutionException e) {
                dropped.incrementAndGet();
            }
        }
        return taken || !wantedBySome;
    }

    /** A hand-over's phases: open, settled by its listener call, claimed by the alarm, the alarm's interrupt done. */
    private static final int OPEN = 0;
    private static final int SETTLED = 1;
    private static final int ALARM_CLAIMED = 2;
    private static final int ALARM_DONE = 3;

    private void deliver(WidgetEventListener listener, ReceivedWidgetEvent event) {
        Thread worker = Thread.currentThread();
        // One outcome per event and listener: a listener interrupted at its timeout often throws then (an
        // InterruptedException, wrapped), and that is not a second failure.
        AtomicInteger phase = new AtomicInteger(OPEN);
        Future<?> alarm = watchdog.schedule(() -> {
            if (!phase.compareAndSet(OPEN, ALARM_CLAIMED)) {
                return;
            }
            try {
                timedOut.incrementAndGet();
                Throwable where = new Throwable("where the listener was when its time was up");
                where.setStackTrace(worker.getStackTrace());
                logOnce(listener, "timeout", where, "took longer than " + Duration.ofNanos(timeoutNanos) + " for "
                        + event.type() + "; it was interrupted", where);
            } finally {
                worker.interrupt();
                phase.set(ALARM_DONE);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            listener.onWidgetEvent(event);
            if (phase.compareAndSet(OPEN, SETTLED)) {
                delivered.incrementAndGet();
            }
        } catch (Throwable e) { // a checked one too: Kotlin, Groovy and @SneakyThrows listeners throw IOException
            if (phase.compareAndSet(OPEN, SETTLED)) {
                failed.incrementAndGet();
                if (!(e instanceof VirtualMachineError)) {
                    logOnce(listener, e.getClass().getName(), e, "failed on " + event.type(), e);
                }
            }
            if (e instanceof VirtualMachineError vm) {
                throw vm; // counted first: a recursive listener's StackOverflowError is a failure the meters see
            }
        } finally {
            alarm.cancel(false);
            // An alarm that claimed the timeout interrupts this thread: let it, then clear it, or the interrupt lands
            // in the next listener's call (a listener that returned just as its time was up).
            while (phase.get() == ALARM_CLAIMED) {
                LockSupport.parkNanos(100_000);
            }
            Thread.interrupted();
        }
    }

    /**
     * Logs a listener's failure or timeout once per listener, kind and place: the first frame of the application's
     * own code, so that two {@code @EventListener} methods behind one Spring publisher are each logged, and named.
     */
    private void logOnce(WidgetEventListener listener, String kind, Throwable trace, String what, @Nullable Throwable e) {
        String origin = origin(trace);
        String key = listener.getClass().getName() + "/" + kind + "/" + origin;
        if (loggedFailures.size() < 1000 && loggedFailures.add(key)) {
            // The application's own method first: that is what an operator greps for.
            String who = origin.isEmpty() ? listener.getClass().getName()
                    : origin + " (through " + listener.getClass().getName() + ")";
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: widget event listener " + who + " " + what
                    + " (logged once; later ones are only counted)", e);
        }
    }

    /**
     * Where in the application's code, from the first trace (the throwable's, or its causes') with frames outside the
     * JDK, Spring and this library: the listener method, its outermost such frame (a proxy's or a lambda's left out), and,
     * when the listener failed or hung deeper, the innermost one after "at" (a trial's hung {@code @EventListener} was
     * named after the helper it slept in, as if that were the listener). Empty when none.
     */
    private static String origin(Throwable trace) {
        Throwable t = trace;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            String innermost = null;
            String listener = null;
            for (StackTraceElement frame : t.getStackTrace()) {
                if (!isLibraryFrame(frame.getClassName())) {
                    String name = frame.getClassName() + "." + frame.getMethodName();
                    innermost = innermost == null ? name : innermost;
                    listener = isGenerated(frame) ? listener : name;
                }
            }
            if (innermost != null) {
                return listener == null || listener.equals(innermost) ? innermost : listener + ", at " + innermost;
            }
        }
        return "";
    }

    /**
     * A frame no one wrote: a proxy's (CGLIB's {@code $$}, ByteBuddy's {@code $ByteBuddy$}) or a lambda's body, named
     * {@code lambda$...} after the method that declared it (a listener given as a lambda is named by what it calls).
     */
    private static boolean isGenerated(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.contains("$$") || c.contains("$ByteBuddy$") || frame.getMethodName().startsWith("lambda$");
    }

    private static boolean isLibraryFrame(String c) {
        for (String prefix : LIBRARY_PACKAGES) {
            if (c.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Where a listener's own code is not: the JDK, Spring, Reactor and this library's adapters. */
    private static final List<String> LIBRARY_PACKAGES = List.of("java.", "jdk.", "sun.", "org.springframework.", "reactor.",
            "io.github.embeddable4j.core.", "io.github.embeddable4j.servlet.", "io.github.embeddable4j.spring.",
            "io.github.embeddable4j.vaadin.");

    /** Counters since the dispatcher started. */
    public Stats stats() {
        int queued = 0;
        for (ThreadPoolExecutor pool : pools) {
            queued += pool.getQueue().size();
        }
        return new Stats(delivered.get(), failed.get(), timedOut.get(), dropped.get(), queued);
    }

    /**
     * What the dispatcher did so far, by (event, listener) pair: each pair the dispatcher took has exactly one
     * outcome, delivered, failed or timed out, once its listener call ends; a pair it could not take is dropped.
     *
     * @param delivered pairs whose listener call returned in time
     * @param failed    pairs whose listener call threw in time
     * @param timedOut  pairs whose listener call ran past the timeout (interrupted then; what it does after that is not
     *                  counted again)
     * @param dropped   pairs dropped because the queue was full, or still queued when {@link #close()} gave up waiting
     * @param queued    pairs waiting now
     */
    public record Stats(long delivered, long failed, long timedOut, long dropped, int queued) {
    }

    /**
     * Stops taking events and lets the queued ones run, for up to {@link Builder#drainTimeout(Duration)} in all
     * (default 5 s). Those still queued then are dropped: counted in {@link Stats#dropped()} and logged as a warning,
     * since the page that sent them was told they were taken and will not send them again; listener calls still running
     * then are interrupted, and said in the same warning. Then waits up to a second
     * for the dispatcher's threads to end, so a container that looks for them right after the application stopped
     * (Tomcat) finds none.
     */
    @Override
    public void close() {
        // No lambda, method reference or string concatenation until the threads are stopped: each would need classes
        // a stopped class loader cannot give (see ServiceThreads).
        for (int i = 0; i < pools.size(); i++) {
            pools.get(i).shutdown();
        }
        long deadline = System.nanoTime() + drainNanos;
        int lost = 0;
        int interrupted = 0; // listener calls running when the wait ended: the pool's interrupt stops them midway
        try {
            for (ThreadPoolExecutor pool : pools) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    interrupted += pool.getActiveCount();
                    lost += pool.shutdownNow().size();
                }
            }
        } catch (InterruptedException e) {
            for (ThreadPoolExecutor pool : pools) {
                interrupted += pool.getActiveCount();
                lost += pool.shutdownNow().size();
            }
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
        if (!Thread.currentThread().isInterrupted()) {
            try {
                serviceThreads.join(Duration.ofSeconds(1)); // ended, not only shut down: Tomcat warns of a thread still running
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lost > 0 || interrupted > 0) {
            dropped.addAndGet(lost);
            // the interrupted ones are counted by their listeners' outcome in stats(), but are as unfinished as the rest
            String listeners = interrupted == 1 ? " interrupted in its listener" : " interrupted in their listeners";
            String what = lost == 0 ? deliveries(interrupted) + listeners : interrupted == 0 ? deliveries(lost) + " not run"
                    : deliveries(lost) + " not run, and " + interrupted + listeners + ",";
            String message = "RingCentral Embeddable: closed with " + what + " after waiting " + Duration.ofNanos(drainNanos)
                    + "; they are lost or half done (the pages were told they were taken). Give the listeners more time with"
                    + " drainTimeout, or make them faster.";
            if (dropReport != null) {
                dropReport.accept(message);
            } else {
                log().log(System.Logger.Level.WARNING, message);
            }
        }
    }

    private static String deliveries(int count) {
        return count + (count == 1 ? " widget event delivery" : " widget event deliveries");
    }

    /** Collects listeners and limits. */
    public static final class Builder {
        private final List<WidgetEventListener> listeners = new ArrayList<>();
        private int threads = 1;
        private int queueCapacity = 10_000;
        private Duration listenerTimeout = Duration.ofSeconds(5);
        private Duration drainTimeout = Duration.ofSeconds(5);
        private @Nullable Consumer<String> dropReport;

        private Builder() {
        }

        /** Adds a listener, which gets its own worker and queue. */
        public Builder listener(WidgetEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds each listener of {@code all}, in its order. */
        public Builder listeners(Iterable<? extends WidgetEventListener> all) {
            all.forEach(this::listener);
            return this;
        }

        /** Worker threads per listener (default 1: each listener sees events in order; more lets one run in parallel). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How many events may wait for each listener (default 10,000); more are dropped. */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, not " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** How long one listener call may run before it is interrupted (default 5 s). */
        public Builder listenerTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("listenerTimeout must be positive, not " + timeout);
            }
            this.listenerTimeout = timeout;
            return this;
        }

        /**
         * How long {@link WidgetEventDispatcher#close()} lets queued events run before it drops them (default 5 s, for
         * all listeners together); zero drops them at once.
         */
        public Builder drainTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must not be negative, not " + timeout);
            }
            this.drainTimeout = timeout;
            return this;
        }

        /**
         * Where {@link WidgetEventDispatcher#close()} reports events it dropped, instead of a warning through
         * {@code System.Logger}: for an application whose own logging outlives the JDK's at JVM shutdown (the JDK's
         * logging drops its handlers when shutdown begins, and a graceful shutdown closes the dispatcher later).
         */
        public Builder dropReport(Consumer<String> report) {
            this.dropReport = Objects.requireNonNull(report, "report");
            return this;
        }

        /** The dispatcher; close it when the application stops, so that its threads end. */
        public WidgetEventDispatcher build() {
            return new WidgetEventDispatcher(this);
        }
    }
}

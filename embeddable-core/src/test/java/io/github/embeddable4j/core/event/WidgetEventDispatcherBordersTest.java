package io.github.embeddable4j.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.LoggedRecords;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's limits at their borders: the builder's refusals, what {@link WidgetEventDispatcher#wants} and
 * {@link WidgetEventDispatcher#stats()} count with several listeners, a close from an interrupted thread, and the log
 * of failures, which names the listener when no application frame is found and stops adding places at a thousand.
 */
class WidgetEventDispatcherBordersTest {

    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"1\"}}";

    private static ReceivedWidgetEvent ring() {
        return new ReceivedWidgetEvent(WidgetEvents.parse(RING), "k", null, Instant.now(), ReceivedWidgetEvent.Channel.HTTP);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time: %s", what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Waits on {@code release}, uninterruptibly unless told to stop by the pool. */
    private static WidgetEventListener blockedUntil(CountDownLatch release, CountDownLatch started) {
        return e -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void theBuilderRefusesLimitsThatCannotWorkAndTakesTheSmallestThatCan() {
        WidgetEventDispatcher.Builder b = WidgetEventDispatcher.builder();
        assertThatThrownBy(() -> b.threads(0)).hasMessage("threads must be at least 1, not 0");
        assertThatThrownBy(() -> b.queueCapacity(0)).hasMessage("queueCapacity must be at least 1, not 0");
        assertThatThrownBy(() -> b.listenerTimeout(Duration.ZERO)).hasMessage("listenerTimeout must be positive, not PT0S");
        assertThatThrownBy(() -> b.listenerTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.drainTimeout(Duration.ofMillis(-1)))
                .hasMessage("drainTimeout must not be negative, not PT-0.001S");

        WidgetEventListener routes = new WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent e) {
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of("rc-route-changed-notify");
            }
        };
        try (WidgetEventDispatcher d = b.threads(1).queueCapacity(1).listenerTimeout(Duration.ofNanos(1))
                .drainTimeout(Duration.ZERO).listeners(List.of(routes, e -> { })).build()) {
            assertThat(d.hasListeners()).isTrue();
            assertThat(d.wants("rc-route-changed-notify")).isTrue();
            assertThat(d.wants("rc-call-ring-notify")).as("the second listener takes every host event").isTrue();
            assertThat(d.wants("rc-adapter-pushLocale")).as("nobody asked for it").isFalse();
            assertThat(d.wants("")).isFalse();
        }
        try (WidgetEventDispatcher routesOnly = WidgetEventDispatcher.builder().listener(routes).build()) {
            assertThat(routesOnly.wants("rc-call-ring-notify")).isFalse();
            assertThat(routesOnly.dispatch(ring())).as("nobody wants it: nothing for the page to send again").isTrue();
            assertThat(routesOnly.stats()).isEqualTo(new WidgetEventDispatcher.Stats(0, 0, 0, 0, 0));
        }
    }

    @Test
    void statsCountWhatWaitsForEveryListener() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        try (WidgetEventDispatcher d = WidgetEventDispatcher.builder().listener(blockedUntil(release, started))
                .listener(blockedUntil(release, started)).listenerTimeout(Duration.ofSeconds(30)).build()) {
            assertThat(d.dispatch(Collections.nCopies(5, ring()))).isEqualTo(5);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(d.stats().queued()).as("four behind each listener's running one").isEqualTo(8);
            release.countDown();
            await(() -> d.stats().delivered() == 10, "all ten pairs delivered");
            assertThat(d.stats().queued()).isZero();
        }
    }

    @Test
    void closeFromAnInterruptedThreadDropsWhatIsQueuedReportsItAndKeepsTheInterrupt() throws Exception {
        // A container stopping the application on an interrupted thread: close() cannot wait for the queue, so what
        // waits is dropped at once, counted and reported, and the caller still sees its interrupt.
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        WidgetEventDispatcher d = WidgetEventDispatcher.builder().listener(blockedUntil(never, started))
                .listenerTimeout(Duration.ofSeconds(60)).drainTimeout(Duration.ofSeconds(60)).build();
        assertThat(d.dispatch(Collections.nCopies(5, ring()))).isEqualTo(5);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        boolean stillInterrupted;
        try (LoggedRecords log = new LoggedRecords(WidgetEventDispatcher.class)) {
            try {
                Thread.currentThread().interrupt();
                d.close();
            } finally {
                stillInterrupted = Thread.interrupted();
            }
            // without a dropReport, the warning goes to the log
            assertThat(log.messagesWithTraces(Level.WARNING)).singleElement().asString()
                    .startsWith("RingCentral Embeddable: closed with 4 widget event deliveries not run, and 1 interrupted"
                            + " in its listener, after waiting PT1M; they are lost or half done");
        }
        assertThat(stillInterrupted).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("did not wait out the drain time")
                .isLessThan(30);
        assertThat(d.stats().dropped()).isEqualTo(4);
        await(() -> d.stats().delivered() == 1, "the running listener was stopped by the pool's interrupt");
    }

    /**
     * A listener still running when the drain time ends is interrupted midway: said as such (a Jetty 12.1 trial's
     * warning counted the queued event only, and one interrupted alone said nothing).
     */
    @Test
    void aListenerInterruptedAtCloseIsSaid() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        WidgetEventDispatcher d = WidgetEventDispatcher.builder().listener(blockedUntil(never, started))
                .listenerTimeout(Duration.ofSeconds(60)).drainTimeout(Duration.ofMillis(200)).build();
        assertThat(d.dispatch(List.of(ring()))).isEqualTo(1);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        try (LoggedRecords log = new LoggedRecords(WidgetEventDispatcher.class)) {
            d.close();
            assertThat(log.messagesWithTraces(Level.WARNING)).singleElement().asString().startsWith(
                    "RingCentral Embeddable: closed with 1 widget event delivery interrupted in its listener after waiting"
                            + " PT0.2S; they are lost or half done");
        }
        assertThat(d.stats().dropped()).isZero();
    }

    @Test
    void aFailureWithNoApplicationFrameNamesTheListener() throws Exception {
        RuntimeException bare = new IllegalStateException("bare");
        bare.setStackTrace(new StackTraceElement[0]);
        WidgetEventListener listener = e -> {
            throw bare;
        };
        try (LoggedRecords log = new LoggedRecords(WidgetEventDispatcher.class);
                WidgetEventDispatcher d = WidgetEventDispatcher.builder().listener(listener).build()) {
            d.dispatch(ring());
            // The failure is counted before it is logged: wait for the log line, not the count.
            await(() -> d.stats().failed() == 1 && !log.records().isEmpty(), "the failure counted and logged");
            assertThat(log.messagesWithTraces(Level.WARNING)).singleElement().asString()
                    .startsWith("RingCentral Embeddable: widget event listener " + listener.getClass().getName()
                            + " failed on rc-call-ring-notify (logged once")
                    .doesNotContain("(through");
        }
    }

    @Test
    void aFailureWhoseCausesCircleIsLoggedAndTheWorkerGoesOn() throws Exception {
        // initCause forbids only a throwable causing itself: two can cause each other, and the search for the
        // application's frame follows causes, so it must stop.
        RuntimeException a = new IllegalStateException("a");
        RuntimeException b = new IllegalStateException("b", a);
        a.initCause(b);
        a.setStackTrace(new StackTraceElement[0]);
        b.setStackTrace(new StackTraceElement[0]);
        AtomicInteger calls = new AtomicInteger();
        WidgetEventListener listener = e -> {
            if (calls.incrementAndGet() == 1) {
                throw a;
            }
        };
        try (LoggedRecords log = new LoggedRecords(WidgetEventDispatcher.class);
                WidgetEventDispatcher d = WidgetEventDispatcher.builder().listener(listener).build()) {
            d.dispatch(List.of(ring(), ring()));
            await(() -> d.stats().failed() == 1 && d.stats().delivered() == 1, "one failed, the next delivered");
            assertThat(log.messages()).singleElement().asString()
                    .contains("widget event listener " + listener.getClass().getName() + " failed on");
        }
    }

    @Test
    void failuresFromAThousandPlacesAreLoggedAndLaterPlacesOnlyCounted() throws Exception {
        // The set of places already logged is what keeps "once" once; it must not grow with every new stack an
        // application's bug makes (generated classes, lambdas), so it stops at a thousand.
        AtomicInteger place = new AtomicInteger();
        WidgetEventListener listener = e -> {
            RuntimeException failure = new IllegalStateException("x");
            failure.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("example.app.Handler" + place.incrementAndGet(), "on", null, 1)});
            throw failure;
        };
        Logger jul = Logger.getLogger(WidgetEventDispatcher.class.getName());
        boolean parents = jul.getUseParentHandlers();
        jul.setUseParentHandlers(false); // a thousand warnings are counted here, not printed
        try (LoggedRecords log = new LoggedRecords(WidgetEventDispatcher.class);
                WidgetEventDispatcher d = WidgetEventDispatcher.builder().listener(listener).build()) {
            d.dispatch(Collections.nCopies(1_005, ring()));
            await(() -> d.stats().failed() == 1_005, "every failure counted");
            List<String> logged = log.messages();
            assertThat(logged).hasSize(1_000);
            assertThat(logged.get(999)).contains("example.app.Handler1000.on");
        } finally {
            jul.setUseParentHandlers(parents);
        }
    }
}

package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ServiceAnswer;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.core.message.WidgetEvents;
import io.github.embeddable4j.spring.app.AdaContacts;
import io.github.embeddable4j.spring.app.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Micrometer (here Spring Boot's actuator and its default registry), the widget's events and CRM call-outs are
 * counted by outcome, from core's own counters; binding the meters does not make the lazy dispatcher early.
 */
@SpringBootTest(classes = {TestApplication.class, MetricsTest.Beans.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MetricsTest {

    /** A signed-in caller: with Spring Security, the starter's service refuses callers who have not signed in. */
    private static final Caller ADA = new Caller(() -> "ada", "session-1");

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        WidgetEventListener failsOnCallEnd() {
            return event -> {
                if (event.type().equals("rc-call-end-notify")) {
                    throw new IllegalStateException("a listener's bug");
                }
            };
        }

        /** Holds every hold event until {@link #RELEASE} opens, so events queue behind it. */
        @Bean
        WidgetEventListener holdsOnHold() {
            return new WidgetEventListener() {
                @Override
                public void onWidgetEvent(ReceivedWidgetEvent event) {
                    hold();
                }

                @Override
                public java.util.Set<String> eventTypes() {
                    return java.util.Set.of("rc-call-hold-notify");
                }
            };
        }

        /** Ada's CRM, except that a search for "hold" waits until {@link #RELEASE} opens: a call-out in flight. */
        @Bean
        ContactProvider contacts() {
            AdaContacts ada = new AdaContacts();
            return new ContactProvider() {
                @Override
                public java.util.List<io.github.embeddable4j.core.crm.Contact> search(
                        io.github.embeddable4j.core.crm.ContactSearchRequest request, Caller caller) {
                    if (request.searchString().equals("hold")) {
                        hold();
                    }
                    return ada.search(request, caller);
                }

                @Override
                public java.util.Map<String, java.util.List<io.github.embeddable4j.core.crm.Contact>> match(
                        io.github.embeddable4j.core.crm.ContactMatchRequest request, Caller caller) {
                    return ada.match(request, caller);
                }
            };
        }
    }

    static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);
    static final java.util.concurrent.atomic.AtomicInteger HELD = new java.util.concurrent.atomic.AtomicInteger();

    private static void hold() {
        HELD.incrementAndGet();
        try {
            RELEASE.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Test
    @org.junit.jupiter.api.Order(1) // first: a request to the bridge could make the dispatcher too
    void eventsAndCalloutsAreCountedByOutcomeAndTheDispatcherIsMadeOnlyWhenAsked() throws Exception {
        // Started, meters bound: the lazy dispatcher does not exist yet (it must come after the listener search).
        assertThat(context.getBeanFactory().containsSingleton("embeddableEventDispatcher")).isFalse();
        assertThat(registry.get(EmbeddableMeters.EVENTS).tag("outcome", "delivered").functionCounter().count()).isZero();
        assertThat(context.getBeanFactory().containsSingleton("embeddableEventDispatcher")).isTrue(); // read: made now

        WidgetEventDispatcher dispatcher = context.getBean(WidgetEventDispatcher.class);
        dispatcher.dispatch(event("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\"}}"));
        dispatcher.dispatch(event("{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"c1\"}}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dispatcher.stats().failed() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        WidgetEventDispatcher.Stats stats = dispatcher.stats();
        assertThat(stats.delivered()).isPositive(); // the failing listener's ring event, and any other listener's
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(registry.get(EmbeddableMeters.EVENTS).tag("outcome", "delivered").functionCounter().count())
                .isEqualTo(stats.delivered());
        assertThat(registry.get(EmbeddableMeters.EVENTS).tag("outcome", "failed").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get(EmbeddableMeters.EVENTS).tag("outcome", "dropped").functionCounter().count()).isZero();
        assertThat(registry.get(EmbeddableMeters.EVENTS + ".queued").gauge().value()).isZero();

        ThirdPartyService crm = context.getBean(ThirdPartyService.class);
        ServiceAnswer match = crm.answer("/contacts/match", "{\"phoneNumbers\":[\"+16505550101\"]}", ADA)
                .get(10, TimeUnit.SECONDS);
        assertThat(match.responseJson()).contains("Ada Lovelace");
        crm.answer("/contacts/match", "{not json", ADA).get(10, TimeUnit.SECONDS);
        crm.answer("/no-such-path", "{}", ADA).get(10, TimeUnit.SECONDS);
        Timer answered = registry.get(EmbeddableMeters.CALLOUTS).tags("callout", "contact-match", "outcome", "answered").timer();
        assertThat(answered.count()).isEqualTo(1);
        assertThat(answered.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get(EmbeddableMeters.CALLOUTS).tags("callout", "contact-match", "outcome", "bad-request")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(EmbeddableMeters.CALLOUTS).tags("callout", "unknown", "outcome", "unknown-path")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(EmbeddableMeters.CALLOUTS).timers()).hasSize(3); // nothing else was counted
        assertThat(registry.get(EmbeddableMeters.CALLOUTS + ".active").gauge().value()).isZero();
    }

    /** The gauges read what waits and what runs now, not only their zero: a gauge stuck at 0 fails here. */
    @Test
    @org.junit.jupiter.api.Order(2)
    void theGaugesReadEventsWaitingAndCalloutsRunningThenFallBackToZero() throws Exception {
        WidgetEventDispatcher dispatcher = context.getBean(WidgetEventDispatcher.class);
        ThirdPartyService crm = context.getBean(ThirdPartyService.class);
        try {
            for (int i = 0; i < 5; i++) {
                dispatcher.dispatch(event("{\"type\":\"rc-call-hold-notify\",\"call\":{\"id\":\"h" + i + "\"}}"));
            }
            java.util.concurrent.CompletableFuture<ServiceAnswer> search = crm.answer("/contacts/search",
                    "{\"searchString\":\"hold\"}", ADA);
            // The holding listener runs as many hold events as it has threads; the rest of the five wait in its queue,
            // and the other listeners' queues drain. The search waits in the provider.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((HELD.get() < 2 || queuedGauge() != 5 - (HELD.get() - 1)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            int running = HELD.get() - 1;
            assertThat(running).as("hold events running in the listener").isPositive();
            assertThat(queuedGauge()).isEqualTo(5 - running).isEqualTo(dispatcher.stats().queued());
            assertThat(registry.get(EmbeddableMeters.CALLOUTS + ".active").gauge().value()).isEqualTo(1);
            assertThat(search).isNotDone();

            RELEASE.countDown();
            assertThat(search.get(10, TimeUnit.SECONDS).responseJson()).contains("Ada Lovelace");
            while (queuedGauge() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(queuedGauge()).isZero();
            assertThat(registry.get(EmbeddableMeters.CALLOUTS + ".active").gauge().value()).isZero();
        } finally {
            RELEASE.countDown();
        }
    }

    private double queuedGauge() {
        return registry.get(EmbeddableMeters.EVENTS + ".queued").gauge().value();
    }

    @Test
    void aReadingAfterTheContextClosedMakesNoDispatcher() {
        // A push registry publishes once more while the context closes; a Prometheus scrape may come late too.
        ConfigurableApplicationContext other = new SpringApplicationBuilder(TestApplication.class, Beans.class)
                .run("--server.port=0", "--spring.main.banner-mode=off");
        MeterRegistry meters = other.getBean(MeterRegistry.class);
        other.close();
        assertThat(meters.get(EmbeddableMeters.EVENTS).tag("outcome", "delivered").functionCounter().count()).isZero();
        assertThat(other.getBeanFactory().containsSingleton("embeddableEventDispatcher")).isFalse();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /**
     * The bridge's refusals are counted by reason (the JSON error's code), which a status cannot tell apart (a page on
     * another origin and a wrong content type are both "the events stopped"); Spring's {@code http.server.requests}
     * still sees them by status. A reason's series appears with its first refusal.
     */
    @Test
    void refusedBridgeRequestsAreCountedByReason() throws Exception {
        assertThat(registry.find(EmbeddableMeters.REFUSALS).functionCounters()).as("none refused yet").isEmpty();
        java.net.http.HttpResponse<String> crossSite = post("application/json", "cross-site");
        assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
        assertThat(crossSite.body()).contains("\"error\":\"cross-origin\"");
        java.net.http.HttpResponse<String> text = post("text/plain", "same-origin");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(415);
        post("application/json", "cross-site");

        assertThat(registry.get(EmbeddableMeters.REFUSALS).tag("reason", "cross-origin").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get(EmbeddableMeters.REFUSALS).tag("reason", "unsupported-media-type").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get(EmbeddableMeters.REFUSALS).functionCounters()).hasSize(2);
        assertThat(context.getBean(io.github.embeddable4j.core.bridge.BridgeRefusals.class).counts())
                .containsOnlyKeys("cross-origin", "unsupported-media-type");

        // Recorded as each exchange ends, which may be after the client has its answer: wait for both.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (forbiddenRequests() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(registry.get("http.server.requests").tag("status", "403").tag("uri", "UNKNOWN").timer().count()).isEqualTo(2);
    }

    private long forbiddenRequests() {
        io.micrometer.core.instrument.Timer timer = registry.find("http.server.requests").tag("status", "403").timer();
        return timer == null ? 0 : timer.count();
    }

    private java.net.http.HttpResponse<String> post(String contentType, String fetchSite) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/embeddable4j/events"))
                        .header("Content-Type", contentType).header("Sec-Fetch-Site", fetchSite)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static ReceivedWidgetEvent event(String json) {
        return new ReceivedWidgetEvent(WidgetEvents.parse(json), null, null, Instant.now(), ReceivedWidgetEvent.Channel.HTTP);
    }
}

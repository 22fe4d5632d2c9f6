package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What both adapters' bridge endpoints decide (the servlet one in Jetty, Tomcat and Undertow, the WebFlux one on
 * Netty, test them over HTTP): which paths are endpoints, whom the rate limit counts, and what a batch becomes.
 */
class BridgeEndpointsTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("endpoints").build());
    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550101\"}}";
    private static final Principal ADA = () -> "ada";

    /** {@code count} readers, each reading the body of {@code request(i)}, which stalls until {@code release}. */
    private static List<Thread> stalledReads(BridgeEndpoints endpoints, int count,
            java.util.function.IntFunction<BridgeEndpoints.Request> request, CountDownLatch release,
            java.util.concurrent.atomic.AtomicInteger refused) {
        List<Thread> readers = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            BridgeEndpoints.Request r = request.apply(i);
            Thread reader = new Thread(() -> {
                try {
                    endpoints.readBody(BridgeEndpoints.EVENTS, r, buffer -> {
                        try {
                            release.await(); // a body that stalls
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return 0;
                    });
                } catch (BridgeError e) {
                    refused.incrementAndGet();
                }
            });
            reader.start();
            readers.add(reader);
        }
        return readers;
    }

    private static BridgeEndpoints.Request post(String sessionId, Principal user, String address) {
        return new BridgeEndpoints.Request("POST", "application/json", 10, null, "same-origin", "localhost:8080",
                "http://localhost:8080", sessionId, user, address);
    }

    /**
     * A stalled body holds the server thread that reads it until the container's read deadline: one session may have
     * {@link BridgeEndpoints#MAX_BODY_READS} read at once, the next is refused at once without being read, a refused
     * request's body is not drained either while they are all taken (drained, it would hold a thread the same way:
     * a 415 or a 413 comes before the rate limit), and each body read frees its place. Other sessions are not counted
     * with it.
     */
    @Test
    void oneSessionsBodiesAreReadAtMostEightAtOnce() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        BridgeEndpoints.Request s1 = post("s1", null, "10.0.0.1");
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger refusedWhileStarting = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> readers = stalledReads(endpoints, BridgeEndpoints.MAX_BODY_READS, i -> s1, release, refusedWhileStarting);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpoints.bodyReads(s1.rateKey()) < BridgeEndpoints.MAX_BODY_READS && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(endpoints.bodyReads(s1.rateKey())).isEqualTo(BridgeEndpoints.MAX_BODY_READS);
        assertThat(refusedWhileStarting).hasValue(0);
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        BridgeError refused = catchThrowableOfType(BridgeError.class,
                () -> endpoints.readBody(BridgeEndpoints.EVENTS, s1, buffer -> read.incrementAndGet()));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("too-many-reads");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(read).as("the ninth body").hasValue(0);
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        BridgeEndpoints.BodyStream small = () -> {
            opened.incrementAndGet();
            return new java.io.ByteArrayInputStream(new byte[100]);
        };
        BridgeError unsupported = new BridgeError(415, "unsupported-media-type", "JSON only.");
        Duration timeout = Duration.ofSeconds(5);
        assertThat(endpoints.keepsConnection(s1::rateKey, "10.0.0.1", refused, 100, null, small, 0, timeout)).isFalse();
        assertThat(endpoints.keepsConnection(s1::rateKey, "10.0.0.1", unsupported, 100, null, small, 0, timeout))
                .as("a refused body, its session's reads all taken").isFalse();
        assertThat(opened).hasValue(0);
        assertThat(endpoints.keepsConnection(() -> post("s2", null, "10.0.0.1").rateKey(), "10.0.0.1", unsupported, 100, null, small, 0, timeout)).as("another session").isTrue();
        assertThat(opened).hasValue(1);
        assertThat(endpoints.readBody(BridgeEndpoints.EVENTS, post("s2", null, "10.0.0.1"), buffer -> 7).length()).isEqualTo(7);
        assertThat(endpoints.bodyReads(post("s2", null, "10.0.0.1").rateKey())).as("the other session's places freed").isZero();
        release.countDown();
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        assertThat(endpoints.bodyReads(s1.rateKey())).as("every place freed").isZero();
        assertThat(endpoints.keepsConnection(s1::rateKey, "10.0.0.1", unsupported, 100, null, small, 0, timeout)).isTrue();
        assertThat(endpoints.bodyReads(s1.rateKey())).as("the drain's place freed").isZero();
        // a read that fails frees its place too
        BridgeError broken = catchThrowableOfType(BridgeError.class, () -> endpoints.readBody(BridgeEndpoints.EVENTS, s1,
                buffer -> { throw BridgeEndpoints.unreadableBody(); }));
        assertThat(broken.code()).isEqualTo("unreadable-body");
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> endpoints.readBody(BridgeEndpoints.EVENTS, s1,
                buffer -> { throw new IllegalStateException("a container surprise"); }))).isNotNull();
        assertThat(endpoints.bodyReads(s1.rateKey())).as("after failed reads").isZero();
        assertThat(endpoints.readBody(BridgeEndpoints.EVENTS, s1, buffer -> 3).bytes())
                .hasSize(BridgeLimits.defaults().maxBodyBytes() + 1);
    }

    /**
     * A client that makes itself sessions is many sessions: its address's bodies are read at most 32 at once, whatever
     * their sessions (a Javalin trial's client minted 35 sessions and held 241 of Jetty's 250 threads with stalled
     * bodies). Another address is not held up, and a refused body's drain counts against the address too.
     */
    @Test
    void oneAddressesBodiesAreReadAtMost32AtOnceWhateverTheirSessions() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        assertThat(endpoints.maxAddressBodyReads()).isEqualTo(BridgeEndpoints.MAX_ADDRESS_BODY_READS);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger refusedWhileStarting = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> readers = stalledReads(endpoints, BridgeEndpoints.MAX_ADDRESS_BODY_READS,
                i -> post("minted-" + (i / BridgeEndpoints.MAX_BODY_READS), null, "10.0.0.3"), release, refusedWhileStarting);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (endpoints.addressBodyReads("10.0.0.3") < BridgeEndpoints.MAX_ADDRESS_BODY_READS && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(endpoints.addressBodyReads("10.0.0.3")).isEqualTo(BridgeEndpoints.MAX_ADDRESS_BODY_READS);
            assertThat(refusedWhileStarting).as("4 sessions of 8: none refused").hasValue(0);
            BridgeEndpoints.Request fifthSession = post("minted-4", null, "10.0.0.3");
            java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
            BridgeError refused = catchThrowableOfType(BridgeError.class,
                    () -> endpoints.readBody(BridgeEndpoints.EVENTS, fifthSession, buffer -> read.incrementAndGet()));
            assertThat(refused.code()).isEqualTo("too-many-reads");
            assertThat(read).as("not read").hasValue(0);
            assertThat(endpoints.bodyReads(fifthSession.rateKey())).as("the session's place given back").isZero();
            BridgeError unsupported = new BridgeError(415, "unsupported-media-type", "JSON only.");
            java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
            BridgeEndpoints.BodyStream small = () -> {
                opened.incrementAndGet();
                return new java.io.ByteArrayInputStream(new byte[100]);
            };
            assertThat(endpoints.keepsConnection(fifthSession::rateKey, "10.0.0.3", unsupported, 100, null, small, 0,
                    Duration.ofSeconds(5))).as("a refused body from that address is not drained").isFalse();
            assertThat(opened).hasValue(0);
            assertThat(endpoints.readBody(BridgeEndpoints.EVENTS, post("other", null, "10.0.0.4"), buffer -> 5).length())
                    .as("another address").isEqualTo(5);
        } finally {
            release.countDown();
            for (Thread reader : readers) {
                reader.join(10_000);
            }
        }
        assertThat(endpoints.addressBodyReads("10.0.0.3")).as("every place freed").isZero();
        assertThat(endpoints.readBody(BridgeEndpoints.EVENTS, post("minted-4", null, "10.0.0.3"), buffer -> 2).length()).isEqualTo(2);
    }

    /**
     * One IPv6 client has a whole /64 and could send each body from another of its addresses: the cap counts the /64
     * (a review held 64 stalled bodies, twice the cap, from one /64). Another /64 is another client.
     */
    @Test
    void oneIpv6ClientIsCountedByItsSlash64() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger refusedWhileStarting = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> readers = stalledReads(endpoints, BridgeEndpoints.MAX_ADDRESS_BODY_READS,
                i -> post("minted-" + i, null, "2001:db8:0:1::" + Integer.toHexString(i + 1)), release, refusedWhileStarting);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (endpoints.addressBodyReads("2001:db8:0:1::1") < BridgeEndpoints.MAX_ADDRESS_BODY_READS && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(endpoints.addressBodyReads("2001:db8:0:1::1")).as("32 addresses of one /64, one count")
                    .isEqualTo(BridgeEndpoints.MAX_ADDRESS_BODY_READS);
            assertThat(refusedWhileStarting).hasValue(0);
            BridgeError refused = catchThrowableOfType(BridgeError.class, () -> endpoints.readBody(BridgeEndpoints.EVENTS,
                    post("minted-new", null, "2001:db8:0:1:ffff:1:2:3"), buffer -> 1));
            assertThat(refused.code()).as("yet another address of that /64").isEqualTo("too-many-reads");
            assertThat(refused.getMessage()).contains("session or address");
            assertThat(endpoints.readBody(BridgeEndpoints.EVENTS, post("other", null, "2001:db8:0:2::1"), buffer -> 5).length())
                    .as("another /64").isEqualTo(5);
        } finally {
            release.countDown();
            for (Thread reader : readers) {
                reader.join(10_000);
            }
        }
        assertThat(endpoints.addressBodyReads("2001:db8:0:1::1")).as("every place freed").isZero();
        assertThat(post(null, null, "2001:db8:0:1::7").rateKey()).as("a sessionless visitor's rate, by its /64 too")
                .isEqualTo(post(null, null, "2001:db8:0:1:a:b:c:d").rateKey()).isEqualTo("a:2001:db8:0:1::/64");
    }

    /**
     * A session whose rate was raised above 8 requests a second is many clients (all behind one address, a load test
     * from one machine): it may have as many bodies read at once as it may make requests a second.
     */
    @Test
    void aRaisedRateRaisesHowManyBodiesAreReadAtOnce() {
        assertThat(new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults())
                .maxBodyReads()).isEqualTo(BridgeEndpoints.MAX_BODY_READS);
        assertThat(maxBodyReads(BridgeLimits.defaults().withRate(300, Duration.ofMinutes(1)))).isEqualTo(8);
        assertThat(maxBodyReads(BridgeLimits.defaults().withRate(1000, Duration.ofSeconds(1)))).isEqualTo(1000);
        assertThat(maxBodyReads(BridgeLimits.defaults().withRate(90, Duration.ofSeconds(10)))).isEqualTo(9);
        assertThat(maxBodyReads(BridgeLimits.defaults().withRate(100, Duration.ofSeconds(3)))).as("rounded up").isEqualTo(34);
    }

    private static int maxBodyReads(BridgeLimits limits) {
        return new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, limits).maxBodyReads();
    }

    /**
     * The one rule both blocking adapters (the servlet bridge, {@link BridgeHandler}) follow before a refusal, each
     * branch with whether the body was opened: a body that could not be read, one over the drain limit, or one whose
     * client waits for "100 Continue" is not read, and the answer ends the connection.
     */
    @Test
    void aRefusedRequestKeepsItsConnectionOnlyWhenItsBodyWasReadToItsEnd() {
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<Integer, BridgeEndpoints.BodyStream> body = size -> () -> {
            opened.incrementAndGet();
            return new java.io.ByteArrayInputStream(new byte[size]);
        };
        BridgeError refused = new BridgeError(415, "unsupported-media-type", "JSON only.");
        Duration timeout = Duration.ofSeconds(5);
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> key = () -> {
            asked.incrementAndGet();
            return "a:10.0.0.9";
        };
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, 100, null, body.apply(100), 0, timeout)).isTrue();
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", null, -1, null, body.apply(100), 0, timeout)).as("chunked").isTrue();
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, -1, null, null, 0, timeout)).as("no body").isTrue();
        assertThat(opened).hasValue(2);

        assertThat(endpoints.keepsConnection(key, "10.0.0.9", BridgeEndpoints.bodyTooSlow(timeout), 100, null, body.apply(100), 0,
                timeout)).as("a body that did not come in time").isFalse();
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, BridgeEndpoints.DRAIN_BYTES + 1L, null,
                body.apply(10), 0, timeout)).as("declared over the limit").isFalse();
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, 100, "100-Continue", body.apply(100), 0, timeout))
                .as("its client waits to be asked").isFalse();
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, Long.MAX_VALUE, null, body.apply(10), 0, timeout))
                .as("a length that could not be read").isFalse();
        assertThat(opened).as("none of these bodies was read").hasValue(2);

        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, -1, null, body.apply(BridgeEndpoints.DRAIN_BYTES + 1), 0,
                timeout)).as("longer than the limit, undeclared").isFalse();
        assertThat(endpoints.keepsConnection(key, "10.0.0.9", refused, 100, null, () -> {
            throw new IllegalStateException("getReader() has already been called");
        }, 0, timeout)).as("a stream that cannot be had").isFalse();
        // whom a drain counts against is asked only for a drain (the servlet's asks your AppUserResolver)
        assertThat(asked).hasValue(4);
        assertThat(endpoints.bodyReads("a:10.0.0.9")).as("every drain's place freed").isZero();
    }

    @Test
    void theServiceEndpointExistsOnlyWithAService() throws Exception {
        BridgeEndpoints without = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        assertThat(without.endpoint("/embeddable4j.js")).isEqualTo(BridgeEndpoints.SCRIPT);
        assertThat(without.endpoint("/events")).isEqualTo(BridgeEndpoints.EVENTS);
        assertThat(without.endpoint("/service")).isNull();
        assertThat(without.endpoint("/events/")).isNull();
        assertThat(catchThrowableOfType(BridgeError.class, () -> without.callout(new byte[0], 0, post("s", null, "a"))).status())
                .isEqualTo(404);
        try (ThirdPartyService crm = ThirdPartyService.builder("crm").build()) {
            BridgeEndpoints with = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), crm, BridgeLimits.defaults());
            assertThat(with.endpoint("/service")).isEqualTo(BridgeEndpoints.SERVICE);
            assertThat(with.maxBodyBytes(BridgeEndpoints.SERVICE)).isEqualTo(ServiceRelay.MAX_BODY_BYTES);
            assertThat(with.maxBodyBytes(BridgeEndpoints.EVENTS)).isEqualTo(BridgeLimits.defaults().maxBodyBytes());
            // A call-out is one JSON object: "{...} junk" is refused, not read up to the object's end (a trial's find).
            byte[] junk = "{\"register\":true} this is not JSON".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(catchThrowableOfType(BridgeError.class, () -> with.callout(junk, junk.length, post("s", null, "a"))).code())
                    .isEqualTo("malformed-json");
            byte[] register = "{\"register\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(with.callout(register, register.length, post("s", null, "a")).get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .contains("rc-adapter-register-third-party-service");
        }
    }

    /**
     * After a 413 for a call-out, the glue sends its id, path and trigger with {@code tooLarge}: the widget is answered
     * "too-large" with that id, and the provider is not run.
     */
    @Test
    void aCallOutToldTooLargeIsAnsweredSoWithoutItsProvider() throws Exception {
        java.util.concurrent.atomic.AtomicInteger logged = new java.util.concurrent.atomic.AtomicInteger();
        try (ThirdPartyService crm = ThirdPartyService.builder("crm").callLogger((r, c) -> logged.incrementAndGet()).build()) {
            BridgeEndpoints with = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), crm, BridgeLimits.defaults());
            byte[] huge = ("{\"requestId\":\"r1\",\"path\":\"/callLogger\",\"body\":{\"note\":\""
                    + "n".repeat(ServiceRelay.MAX_BODY_BYTES) + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(catchThrowableOfType(BridgeError.class, () -> with.callout(huge, huge.length, post("s", null, "a"))).status())
                    .isEqualTo(413);
            byte[] told = "{\"requestId\":\"r1\",\"path\":\"/callLogger\",\"tooLarge\":true,\"body\":{\"triggerType\":\"createLog\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String reply;
            try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
                reply = with.callout(told, told.length, post("s", null, "a")).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(log.messages()).singleElement().asString().contains("/callLogger",
                        "the HTTP bridge's body limit, 524,288 bytes");
            }
            assertThat(reply).contains("\"responseId\":\"r1\"").contains("\"code\":\"too-large\"")
                    .contains("rc-adapter-message-request"); // the alert: the user pressed "Log"
            assertThat(logged).hasValue(0);
            assertThat(crm.stats().rejected()).isEqualTo(1);
        }
    }

    /**
     * JSON in UTF-16 or UTF-32, which the parser would detect and read, is refused as the wrong media type: the
     * endpoints take UTF-8 only, as they say (a red-team trial's UTF-32 batch was accepted, if empty).
     */
    @Test
    void aBodyInAnotherEncodingThanUtf8IsRefused() throws Exception {
        String batch = "{\"events\":[],\"rejectedOrigins\":[\"https://evil.example\"]}";
        try (ThirdPartyService crm = ThirdPartyService.builder("crm").build()) {
            BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), crm, BridgeLimits.defaults());
            for (java.nio.charset.Charset charset : List.of(java.nio.charset.Charset.forName("UTF-32"),
                    java.nio.charset.Charset.forName("UTF-32LE"), StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16BE)) {
                byte[] events = batch.getBytes(charset);
                assertThat(catchThrowableOfType(BridgeError.class, () -> endpoints.events(events, events.length,
                        post("s", null, "a"))).status()).as(charset.name()).isEqualTo(415);
                byte[] callout = "{\"register\":true}".getBytes(charset);
                assertThat(catchThrowableOfType(BridgeError.class, () -> endpoints.callout(callout, callout.length,
                        post("s", null, "a"))).status()).as(charset.name()).isEqualTo(415);
            }
            byte[] utf8WithMark = ("\uFEFF" + batch).getBytes(StandardCharsets.UTF_8); // UTF-8's own mark is still UTF-8
            assertThat(endpoints.events(utf8WithMark, utf8WithMark.length, post("s", null, "a"))).isEqualTo("{\"accepted\":0}");
        }
    }

    /** A stateless application has no session: its users are limited one by one, never everyone behind one address. */
    @Test
    void theRateLimitCountsTheSessionElseTheUserElseTheAddress() throws Exception {
        assertThat(post("s1", ADA, "10.0.0.1").rateKey()).isEqualTo("s:s1");
        assertThat(post(null, ADA, "10.0.0.1").rateKey()).isEqualTo("u:ada");
        assertThat(post(null, null, "10.0.0.1").rateKey()).isEqualTo("a:10.0.0.1");
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null,
                BridgeLimits.defaults().withRate(2, Duration.ofSeconds(30)));
        endpoints.admit(BridgeEndpoints.EVENTS, post(null, ADA, "10.0.0.1"));
        endpoints.admit(BridgeEndpoints.EVENTS, post(null, ADA, "10.0.0.2"));
        BridgeError limited = catchThrowableOfType(BridgeError.class,
                () -> endpoints.admit(BridgeEndpoints.EVENTS, post(null, ADA, "10.0.0.3")));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isEqualTo(30);
        endpoints.admit(BridgeEndpoints.EVENTS, post(null, () -> "grace", "10.0.0.1")); // another user, same address
    }

    /** A refused request is not counted: a page's bad request does not use up its session's rate. */
    @Test
    void aRequestRefusedByTheChecksIsNotCounted() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null,
                BridgeLimits.defaults().withRate(1, Duration.ofSeconds(30)));
        BridgeEndpoints.Request crossSite = new BridgeEndpoints.Request("POST", "application/json", 10, null, "cross-site",
                "localhost:8080", "http://localhost:8080", "s1", null, "a");
        assertThat(catchThrowableOfType(BridgeError.class, () -> endpoints.admit(BridgeEndpoints.EVENTS, crossSite)).status())
                .isEqualTo(403);
        endpoints.admit(BridgeEndpoints.EVENTS, post("s1", null, "a"));
    }

    @Test
    void eventsAreAttributedToTheSessionKeyAndUserAndAFullQueueIsABusy429() throws Exception {
        List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().threads(1).queueCapacity(1)
                .listener(e -> {
                    received.add(e);
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }).build()) {
            BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, dispatcher, null, BridgeLimits.defaults());
            byte[] one = ("{\"events\":[" + RING + "]}").getBytes(StandardCharsets.UTF_8);
            assertThat(endpoints.events(one, one.length, post("session-1", ADA, "a"))).isEqualTo("{\"accepted\":1}");
            long end = System.nanoTime() + 10_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(received).singleElement().satisfies(e -> {
                assertThat(e.sessionKey()).isEqualTo(ReceivedWidgetEvent.sessionKeyOf("session-1")).doesNotContain("session-1");
                assertThat(e.userName()).hasValue("ada");
                assertThat(e.channel()).isEqualTo(ReceivedWidgetEvent.Channel.HTTP);
            });
            // The listener holds the only thread, one event waits in the queue of one: the next does not fit.
            byte[] two = ("{\"events\":[" + RING + "," + RING + "]}").getBytes(StandardCharsets.UTF_8);
            BridgeError busy = catchThrowableOfType(BridgeError.class, () -> endpoints.events(two, two.length, post("session-1", ADA, "a")));
            assertThat(busy.status()).isEqualTo(429);
            assertThat(busy.code()).isEqualTo("busy");
            assertThat(busy.retryAfterSeconds()).isEqualTo(5);
            release.countDown();
        }
    }

    /** Both adapters build the pages' bridge script and decide whether it is needed here, under one URL layout. */
    @Test
    void thePagesBridgeScriptHasItsUrlsUnderTheBase() throws Exception {
        String tag = BridgeEndpoints.script(EMBEDDABLE, "/crm/embeddable4j", List.of("rc-call-ring-notify"), true).tag(null, null, null);
        assertThat(tag).contains("src=\"/crm/embeddable4j/embeddable4j.js\"").contains("data-endpoint=\"/crm/embeddable4j/events\"")
                .contains("data-service=\"/crm/embeddable4j/service\"");
        assertThat(BridgeEndpoints.script(EMBEDDABLE, "/embeddable4j", List.of(), false).tag(null, null, null))
                .doesNotContain("data-service");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> BridgeEndpoints.requireMount("//evil.example")))
                .hasMessageContaining("not a path on the application's origin");
        assertThat(BridgeEndpoints.isNeeded(null, null)).isFalse();
        assertThat(BridgeEndpoints.isNeeded(WidgetEventDispatcher.none(), null)).isFalse();
        try (WidgetEventDispatcher listened = WidgetEventDispatcher.builder().listener(e -> { }).build();
             ThirdPartyService crm = ThirdPartyService.builder("crm").build()) {
            assertThat(BridgeEndpoints.isNeeded(listened, null)).isTrue();
            assertThat(BridgeEndpoints.isNeeded(null, crm)).isTrue();
        }
    }

    /** A mount is a path of its own: the root's endpoints would be mapped over every page. */
    @Test
    void aMountIsAPathOfItsOwn() {
        for (String bad : List.of("", "/", "embeddable4j", "/embeddable4j/")) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> BridgeEndpoints.requireMount(bad)))
                    .as("'%s'", bad).hasMessageContaining("is not a path of its own");
        }
        // a servlet mapping's wildcard is told a mount's shape, not an endpoint's (a trial: "such as /embeddable4j/events")
        for (String bad : List.of("/rc/*", "//evil.example", "/a b")) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> BridgeEndpoints.requireMount(bad)))
                    .as("'%s'", bad).hasMessageContaining("mount '" + bad + "' is not a path on the application's origin")
                    .hasMessageEndingWith("write one such as /embeddable4j");
        }
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> BridgeEndpoints.requireMount("//rc")))
                .hasMessageContaining("'//' as the start of another host's address").hasMessageNotContaining("letters");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> BridgeEndpoints.requireMount("/rc/*")))
                .hasMessageContaining("no wildcard");
        BridgeEndpoints.requireMount("/e"); // the shortest
        BridgeEndpoints.requireMount("/crm/embeddable4j");
    }

    /**
     * A refused body is read and dropped only while that is cheaper than a new connection, and never after the client
     * asked to be told first ({@code Expect: 100-continue}).
     */
    @Test
    void aRefusedBodyIsDrainedOnlyWhenSmallAndNotAwaitingAContinue() {
        long most = BridgeEndpoints.DRAIN_BYTES;
        assertThat(BridgeEndpoints.drainsBeforeRefusing(most, null)).isTrue();
        assertThat(BridgeEndpoints.drainsBeforeRefusing(most + 1, null)).isFalse();
        assertThat(BridgeEndpoints.drainsBeforeRefusing(-1, null)).as("unknown length: read up to the limit").isTrue();
        assertThat(BridgeEndpoints.drainsBeforeRefusing(10, " 100-Continue ")).isFalse();
        assertThat(BridgeEndpoints.drainsBeforeRefusing(10, "something-else")).isTrue();
    }

    /** What is left of a refused body is read to its end within the drain's bytes (counting those read) and time. */
    @Test
    void drainingStopsAtItsBytesAndItsTime() {
        int most = BridgeEndpoints.DRAIN_BYTES;
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        assertThat(BridgeEndpoints.drain(new java.io.ByteArrayInputStream(new byte[most]), 0, minute)).isTrue();
        assertThat(BridgeEndpoints.drain(new java.io.ByteArrayInputStream(new byte[most + 1]), 0, minute)).isFalse();
        assertThat(BridgeEndpoints.drain(new java.io.ByteArrayInputStream(new byte[most - 100]), 100, minute)).isTrue();
        assertThat(BridgeEndpoints.drain(new java.io.ByteArrayInputStream(new byte[most - 100]), 101, minute)).isFalse();
        java.io.InputStream trickle = new java.io.InputStream() { // a byte every 10 ms: the time runs out long before the bytes
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
                return 1;
            }
        };
        assertThat(BridgeEndpoints.drain(trickle, 0, java.time.Duration.ofMillis(50))).isFalse();
        java.io.InputStream broken = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("reset by peer");
            }
        };
        assertThat(BridgeEndpoints.drain(broken, 0, minute)).isFalse();
    }

    @Test
    void theScriptIsRevalidatedByItsHash() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        assertThat(endpoints.scriptNotModified("GET", endpoints.glueEtag())).isTrue();
        assertThat(endpoints.scriptNotModified("HEAD", "\"other\", " + endpoints.glueEtag())).isTrue();
        assertThat(endpoints.scriptNotModified("GET", "\"other\"")).isFalse();
        assertThat(endpoints.scriptNotModified("GET", null)).isFalse();
        assertThat(endpoints.scriptNotModified("GET", " * ")).as("any representation").isTrue();
        BridgeError post = catchThrowableOfType(BridgeError.class, () -> endpoints.scriptNotModified("POST", null));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.allow()).isEqualTo("GET, HEAD");
        BridgeError get = catchThrowableOfType(BridgeError.class, () -> endpoints.admit(BridgeEndpoints.EVENTS,
                new BridgeEndpoints.Request("GET", null, -1, null, "same-origin", null, null, "s", null, "a")));
        assertThat(get.allow()).isEqualTo("POST");
        assertThat(BridgeEndpoints.notFound().allow()).isNull();
        assertThat(new String(endpoints.glue(), StandardCharsets.UTF_8)).contains("data-endpoint");
    }

    /**
     * A page reports the frame origins its widget refused. One of this bridge's own origins was refused by a page whose
     * widget is another (a tenant's, from a selector): the warning says that, instead of listing the refused origin
     * among the allowed ones (a multi-tenant trial's log contradicted itself).
     */
    @Test
    void theWarningForARefusedFrameOriginFitsWhoseWidgetRefusedIt() throws Exception {
        BridgeEndpoints endpoints = new BridgeEndpoints(EMBEDDABLE, WidgetEventDispatcher.none(), null, BridgeLimits.defaults());
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(BridgeEndpoints.class)) {
            byte[] foreign = "{\"events\":[],\"rejectedOrigins\":[\"https://evil.example\"]}".getBytes(StandardCharsets.UTF_8);
            endpoints.events(foreign, foreign.length, post("s", null, "a"));
            byte[] own = "{\"events\":[],\"rejectedOrigins\":[\"https://apps.ringcentral.com\"]}".getBytes(StandardCharsets.UTF_8);
            endpoints.events(own, own.length, post("s", null, "a"));
            assertThat(log.messages()).hasSize(2);
            assertThat(log.messages().get(0)).contains("https://evil.example, which is not one of the allowed widget origins");
            assertThat(log.messages().get(1)).contains("https://apps.ringcentral.com, which that page's widget does not allow")
                    .doesNotContain("not one of the allowed widget origins");
        }
    }
}

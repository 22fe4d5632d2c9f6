package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The public bridge for frameworks without an adapter: the same checks and answers as the servlet and WebFlux
 * endpoints, from a request described by its headers. (Over HTTP in a browser: the servlet example's
 * {@code BridgeHandlerBrowserTest}, on the JDK's own server.)
 */
class BridgeHandlerTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("handler").build());
    private static final String RING = "{\"events\":[{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550101\"}}]}";
    private static final Principal ADA = () -> "ada";

    private final List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();
    private final WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder()
            .listener(received::add).build();
    private final ThirdPartyService crm = ThirdPartyService.builder("crm").build();

    @AfterEach
    void close() {
        dispatcher.close();
        crm.close();
    }

    private static BridgeHandler.Call.Builder post(String path, String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>();
        all.put("content-type", "application/json");
        all.put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        all.put("host", "localhost:8080");
        all.put("origin", "http://localhost:8080");
        headers.forEach((name, value) -> {
            if (value == null) {
                all.remove(name.toLowerCase(Locale.ROOT));
            } else {
                all.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return BridgeHandler.Call.builder("POST", path).headers(name -> all.get(name.toLowerCase(Locale.ROOT)))
                .sessionId("session-1").user(ADA).address("127.0.0.1")
                .body(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static BridgeHandler.Answer answer(BridgeHandler bridge, BridgeHandler.Call.Builder call) throws Exception {
        return bridge.handle(call.build()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEventBatchReachesTheListenersWithItsUserAndSession() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        BridgeHandler.Answer answer = answer(bridge, post("/events", RING, Map.of()));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.bodyText()).isEqualTo("{\"accepted\":1}");
        assertThat(answer.headers()).containsEntry("Content-Type", "application/json;charset=UTF-8")
                .containsEntry("Cache-Control", "no-store");
        assertThat(answer.contentType()).isEqualTo("application/json;charset=UTF-8");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.event().type()).isEqualTo("rc-call-ring-notify");
            assertThat(event.user()).isEqualTo(ADA);
            assertThat(event.sessionKey()).isEqualTo(ReceivedWidgetEvent.sessionKeyOf("session-1"));
        });
    }

    /**
     * A body the framework has read already (WebFlux aggregates it) is taken as it is: without a {@code Content-Length}
     * its length is the bytes', and the same limit applies.
     */
    @Test
    void aBodyAlreadyReadIsTakenAsItIs() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        Map<String, String> noLength = java.util.Collections.singletonMap("Content-Length", null);
        BridgeHandler.Answer answer = answer(bridge, post("/events", "", noLength).body(RING.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.bodyText()).isEqualTo("{\"accepted\":1}");
        byte[] huge = ("{\"events\":[],\"pad\":\"" + "x".repeat(BridgeLimits.defaults().maxBodyBytes()) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        BridgeHandler.Answer tooLarge = answer(bridge, post("/events", "", noLength).body(huge));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.bodyText()).contains("\"error\":\"too-large\"");
    }

    @Test
    void everyBadRequestGetsAShortJsonRefusalBeforeItsBodyIsRead() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        assertThat(answer(bridge, post("/events", RING, Map.of("Origin", "https://evil.example"))).bodyText())
                .contains("\"error\":\"cross-origin\"");
        assertThat(answer(bridge, post("/events", RING, Map.of("Content-Type", "text/plain"))).status()).isEqualTo(415);
        assertThat(answer(bridge, post("/events", RING, Map.of("Content-Encoding", "gzip"))).status()).isEqualTo(415);
        BridgeHandler.Answer get = answer(bridge, post("/events", RING, Map.of()).headers(name -> null));
        assertThat(get.status()).isEqualTo(415); // no headers at all: not JSON
        assertThat(answer(bridge, post("/events", "{\"events\":[", Map.of())).bodyText()).contains("malformed-json");
        assertThat(answer(bridge, post("/nowhere", RING, Map.of())).status()).isEqualTo(404);
        assertThat(answer(bridge, post("/service", RING, Map.of())).status()).as("no service").isEqualTo(404);
        assertThat(bridge.refusals().counts()).containsEntry("cross-origin", 1L).containsEntry("not-found", 2L);
        assertThat(received).isEmpty();
    }

    /**
     * A body handed over as a way to open it is opened only to be read: a request its checks refuse, whose client
     * waits for "100 Continue", is never asked for it (Jetty sends that as soon as the stream is taken; a Javalin
     * trial's client got it before the 403). An admitted request's body is opened and read.
     */
    @Test
    void aBodyGivenAsAnOpenerIsOpenedOnlyToBeRead() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<java.io.InputStream> opener = () -> {
            opened.incrementAndGet();
            return new java.io.ByteArrayInputStream(RING.getBytes(StandardCharsets.UTF_8));
        };
        BridgeHandler.Answer refused = answer(bridge, post("/events", RING, Map.of("Origin", "https://evil.example",
                "Expect", "100-continue")).body(opener));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(opened).as("never asked for").hasValue(0);
        BridgeHandler.Answer taken = answer(bridge, post("/events", RING, Map.of()).body(opener));
        assertThat(taken.status()).as(taken.bodyText()).isEqualTo(202);
        assertThat(opened).hasValue(1);
    }

    /**
     * A body over the limit is refused with 413, from its declared length or as it is read. A refused body is read
     * and dropped up to {@link BridgeEndpoints#DRAIN_BYTES}, so the connection can carry the next request; a longer
     * one is left unread and the answer ends the connection.
     */
    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        String large = "{\"events\":[" + "\"x\",".repeat(40_000) + "\"x\"]}"; // 160 KB: over the limit, drained
        BridgeHandler.Answer drained = answer(bridge, post("/events", large, Map.of()));
        assertThat(drained.status()).isEqualTo(413);
        assertThat(drained.headers()).doesNotContainKey("Connection");

        String huge = "x".repeat(BridgeEndpoints.DRAIN_BYTES + 1);
        AtomicInteger read = new AtomicInteger();
        InputStream counting = new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(0, n));
                return n;
            }
        };
        BridgeHandler.Answer declared = answer(bridge, post("/events", huge, Map.of()).body(counting));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.headers()).containsEntry("Connection", "close");
        assertThat(read.get()).as("a declared length past what is drained is left unread").isZero();

        BridgeHandler.Answer chunked = answer(bridge, post("/events", large, java.util.Collections.singletonMap("Content-Length", null)));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.bodyText()).contains("too-large");
        assertThat(received).isEmpty();
    }

    /**
     * A body trickled in (a byte every 20 ms, each read well inside any server's read deadline) is answered 400
     * {@code unreadable-body}, ending the connection, once the body deadline has passed (shortened here from 20 s), and
     * nothing more of it is read; before, it held the framework's thread until its last byte. A refused request's body
     * is drained within the same deadline.
     */
    @Test
    void aBodyTrickledInIsAnsweredWhenTheBodyDeadlineHasPassed() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        bridge.bodyTimeout = java.time.Duration.ofMillis(300);
        AtomicInteger read = new AtomicInteger();
        BridgeHandler.Answer cut = answer(bridge, post("/events", " ".repeat(5000), Map.of()).body(trickling(read)));
        assertThat(cut.status()).isEqualTo(400);
        assertThat(cut.bodyText()).contains("\"error\":\"unreadable-body\"").contains("did not arrive within 300 ms.");
        assertThat(cut.headers()).containsEntry("Connection", "close");
        assertThat(read.get()).as("bytes read before the answer, of 5,000").isBetween(5, 100);

        AtomicInteger drained = new AtomicInteger();
        BridgeHandler.Answer refused = answer(bridge, post("/events", " ".repeat(5000), Map.of("Origin", "https://evil.example"))
                .body(trickling(drained)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.headers()).containsEntry("Connection", "close");
        assertThat(drained.get()).as("bytes drained before the answer, of 5,000").isBetween(5, 100);
        assertThat(received).isEmpty();
    }

    /**
     * One session's stalled bodies take at most {@link BridgeEndpoints#MAX_BODY_READS} of the framework's threads: the
     * next request is refused at once, 429 {@code too-many-reads}, and a refused request of that session is answered
     * without its body being drained (a 415 comes before the rate limit); both end the connection.
     */
    @Test
    void oneSessionsStalledBodiesAreReadAtMostEightAtOnce() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger stalled = new AtomicInteger();
        java.util.function.Supplier<InputStream> stalling = () -> new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                stalled.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        java.util.List<java.util.concurrent.CompletableFuture<BridgeHandler.Answer>> waiting = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService framework = java.util.concurrent.Executors.newFixedThreadPool(BridgeEndpoints.MAX_BODY_READS);
        try {
            for (int i = 0; i < BridgeEndpoints.MAX_BODY_READS; i++) {
                waiting.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> bridge.handle(post("/events", " ".repeat(100), Map.of()).body(stalling.get()).build()).join(), framework));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stalled.get() < BridgeEndpoints.MAX_BODY_READS && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(stalled).as("bodies being read").hasValue(BridgeEndpoints.MAX_BODY_READS);
            // asked from another thread, so that a refusal that reads the stalled body fails here rather than hangs
            BridgeHandler.Answer ninth = java.util.concurrent.CompletableFuture.supplyAsync(() -> bridge.handle(
                    post("/events", " ".repeat(100), Map.of()).body(stalling.get()).build()).join()).get(10, TimeUnit.SECONDS);
            assertThat(ninth.status()).isEqualTo(429);
            assertThat(ninth.bodyText()).contains("\"error\":\"too-many-reads\"");
            assertThat(ninth.headers()).containsEntry("Connection", "close");
            BridgeHandler.Answer refused = java.util.concurrent.CompletableFuture.supplyAsync(() -> bridge.handle(
                    post("/events", " ".repeat(100), Map.of("Content-Type", "text/plain")).body(stalling.get()).build()).join())
                    .get(10, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.headers()).containsEntry("Connection", "close");
            assertThat(stalled).as("neither was read").hasValue(BridgeEndpoints.MAX_BODY_READS);
        } finally {
            release.countDown();
            framework.shutdown();
        }
        for (var answer : waiting) {
            assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(400); // an empty batch
        }
    }

    /** 5,000 spaces, one per read, 20 ms apart. */
    private static InputStream trickling(AtomicInteger read) {
        return new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                if (read.get() >= 5000) {
                    return -1;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                read.incrementAndGet();
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
    }

    @Test
    void aBurstOverTheRateIsToldWhenToComeBack() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher)
                .limits(BridgeLimits.defaults().withRate(2, Duration.ofMinutes(1))).build();
        answer(bridge, post("/events", RING, Map.of()));
        answer(bridge, post("/events", RING, Map.of()));
        BridgeHandler.Answer third = answer(bridge, post("/events", RING, Map.of()));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsEntry("Retry-After", "60");
        assertThat(third.headers()).doesNotContainKey("Connection"); // its small body was read: the connection lives
    }

    /**
     * Several tenants through one bridge: each call names the widget its page ran (the tenant the application picked),
     * and events and call-outs carry it, so a listener and the CRM can tell the tenant (two multi-tenant trials could
     * tell it only by a map of their own from users to tenants). A call that names none carries the handler's own.
     */
    @Test
    void eventsAndCallOutsCarryTheWidgetOfTheCall() throws Exception {
        Embeddable globex = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456").build());
        List<Caller> callers = new CopyOnWriteArrayList<>();
        ContactProvider contacts = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                callers.add(caller);
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of();
            }
        };
        try (ThirdPartyService tenantsCrm = ThirdPartyService.builder("crm").contacts(contacts).build()) {
            BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).service(tenantsCrm).build();
            Map<String, String> onGlobex = Map.of("host", "GLOBEX.example.com:8443", "origin", "https://globex.example.com:8443");
            assertThat(answer(bridge, post("/events", RING, onGlobex).widget(globex)).status()).isEqualTo(202);
            assertThat(answer(bridge, post("/events", RING, Map.of())).status()).isEqualTo(202);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received).extracting(ReceivedWidgetEvent::widget, ReceivedWidgetEvent::host)
                    .containsExactlyInAnyOrder(tuple(globex, "globex.example.com"), tuple(EMBEDDABLE, "localhost"));

            String search = "{\"requestId\":\"r1\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"ada\"}}";
            assertThat(answer(bridge, post("/service", search, onGlobex).widget(globex)).status()).isEqualTo(200);
            assertThat(answer(bridge, post("/service", search, Map.of())).status()).isEqualTo(200);
            assertThat(callers).extracting(Caller::widget, Caller::host)
                    .containsExactly(tuple(globex, "globex.example.com"), tuple(EMBEDDABLE, "localhost"));
            assertThat(callers).extracting(Caller::userName).containsOnly(java.util.Optional.of("ada"));
        }
    }

    /**
     * Behind a proxy the application trusts, the host an event carries is the public one the framework resolved (its
     * server origin), not the {@code Host} header the proxy sent on: the name a selector by host looked up.
     */
    @Test
    void anEventsHostIsTheServerOriginsWhereTheFrameworkResolvedOne() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(dispatcher).build();
        BridgeHandler.Call.Builder call = post("/events", RING, Map.of("host", "app-7.internal:8080", "origin",
                "https://acme.crm.example")).serverOrigin("https://acme.crm.example:443");
        assertThat(answer(bridge, call).status()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).extracting(ReceivedWidgetEvent::host).containsExactly("acme.crm.example");
    }

    @Test
    void theServiceAnswersTheWidgetsCallOuts() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).service(crm).build();
        BridgeHandler.Answer registration = answer(bridge, post("/service", "{\"register\":true}", Map.of()));
        assertThat(registration.status()).isEqualTo(200);
        assertThat(registration.bodyText()).contains("rc-adapter-register-third-party-service");
        BridgeHandler.Answer search = answer(bridge, post("/service",
                "{\"requestId\":\"r1\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"ada\"}}", Map.of()));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.bodyText()).contains("rc-post-message-response").contains("\"r1\"");
        assertThat(answer(bridge, post("/service", "{\"path\":1}", Map.of())).bodyText()).contains("bad-callout");
    }

    /**
     * After a proxy's 502 or 504 the page sends again the registration and the call-outs its reply lists: those that
     * only read, at the paths registered for them. Never a call log: a 504 can come after the CRM logged the call, and
     * a second request would log it twice (a cluster trial's node being drained).
     */
    @Test
    void theRegistrationListsTheCalloutsThatOnlyReadForThePageToSendAgain() throws Exception {
        try (ThirdPartyService logging = ThirdPartyService.builder("crm")
                .contacts(new io.github.embeddable4j.core.crm.ContactProvider() {
                    @Override
                    public java.util.List<io.github.embeddable4j.core.crm.Contact> search(
                            io.github.embeddable4j.core.crm.ContactSearchRequest request,
                            io.github.embeddable4j.core.crm.Caller caller) {
                        return java.util.List.of();
                    }

                    @Override
                    public Map<String, java.util.List<io.github.embeddable4j.core.crm.Contact>> match(
                            io.github.embeddable4j.core.crm.ContactMatchRequest request,
                            io.github.embeddable4j.core.crm.Caller caller) {
                        return Map.of();
                    }
                })
                .path(io.github.embeddable4j.core.crm.Callout.CONTACT_MATCH, "/names")
                .callLogger((request, caller) -> { })
                .callLogMatcher((request, caller) -> Map.of())
                .build()) {
            BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).service(logging).build();
            com.fasterxml.jackson.databind.JsonNode reply = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(answer(bridge, post("/service", "{\"register\":true}", Map.of())).bodyText());
            assertThat(reply.get("messages").get(0).toString()).as("what the widget is told is served")
                    .contains("\"callLoggerPath\":\"/callLogger\"", "\"contactMatchPath\":\"/names\"");
            java.util.List<String> resend = new java.util.ArrayList<>();
            reply.get("resend").forEach(path -> resend.add(path.asText()));
            assertThat(resend).contains("/names", "/contacts/search", "/callLogger/match")
                    .doesNotContain("/callLogger", "/contacts/match");
            assertThat(reply.get("timeouts").toString()).as("the widget's own timeout for each path served")
                    .contains("\"/names\":30000", "\"/callLogger\":15000", "\"/callLogger/match\":30000");
            assertThat(io.github.embeddable4j.core.crm.Callout.values()).filteredOn(c -> !c.readsOnly())
                    .extracting(Enum::name).containsExactlyInAnyOrder("VIEW_CONTACT", "CALL_LOGGER", "MESSAGE_LOGGER",
                            "AUTHORIZATION", "ACTIVITY");

            // a call log the proxy answered for: the page's word gets the widget an error at once, no logger run
            BridgeHandler.Answer told;
            java.util.List<String> logged;
            try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(
                    ThirdPartyService.class)) {
                told = answer(bridge, post("/service", "{\"requestId\":\"l1\",\"path\":\"/callLogger\","
                        + "\"unanswered\":504,\"body\":{\"triggerType\":\"createLog\"}}", Map.of()));
                answer(bridge, post("/service", "{\"requestId\":\"l0\",\"path\":\"/callLogger\",\"unanswered\":502}",
                        Map.of()));
                logged = log.messages();
            }
            assertThat(logged).as("the operator's word of it, once per path").singleElement().asString()
                    .contains("answered 504 to a call-out to /callLogger", "did not send it again");
            assertThat(told.status()).isEqualTo(200);
            assertThat(told.bodyText()).contains("rc-post-message-response", "\"l1\"", "\"code\":\"unanswered\"",
                    "504 from a proxy", "look before trying again").doesNotContain("resend");
            assertThat(logging.stats().rejected()).isEqualTo(2);
            assertThat(answer(bridge, post("/service", "{\"requestId\":\"l3\",\"path\":\"/callLogger\","
                    + "\"unanswered\":0}", Map.of())).bodyText()).as("after a failed connection")
                    .contains("\"l3\"", "\"code\":\"unanswered\"", "its connection failed");
            for (String waited : new String[] {"-1", "\"5\"", "1.5"}) { // a retry's milliseconds since the widget asked
                assertThat(answer(bridge, post("/service", "{\"requestId\":\"w1\",\"path\":\"/names\",\"waited\":"
                        + waited + ",\"body\":{\"phoneNumbers\":[]}}", Map.of())).bodyText()).as(waited).contains("bad-callout");
            }
            assertThat(answer(bridge, post("/service", "{\"requestId\":\"w2\",\"path\":\"/callLogger\",\"waited\":"
                    + "600000,\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s\"}}}", Map.of())).bodyText())
                    .as("asked ten minutes ago: no logger run").contains("\"w2\"", "did not answer in time");
            for (String status : new String[] {"500", "\"502\"", "null", "-1", "\"0\""}) {
                assertThat(answer(bridge, post("/service", "{\"requestId\":\"l2\",\"path\":\"/callLogger\","
                        + "\"unanswered\":" + status + "}", Map.of())).bodyText()).as(status).contains("bad-callout");
            }
        }
        BridgeHandler.Answer call = answer(BridgeHandler.builder(EMBEDDABLE).service(crm).build(), post("/service",
                "{\"requestId\":\"r1\",\"path\":\"/contacts/search\",\"body\":{}}", Map.of()));
        assertThat(call.bodyText()).as("only the registration's reply says it").doesNotContain("resend");
    }

    @Test
    void theScriptIsServedWithItsValidator() throws Exception {
        BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).build();
        BridgeHandler.Answer get = answer(bridge, BridgeHandler.Call.builder("GET", "/embeddable4j.js"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.headers()).containsEntry("Content-Type", "text/javascript;charset=UTF-8")
                .containsEntry("Cache-Control", "no-cache");
        assertThat(get.bodyText()).contains("rc-login-status-notify");
        String etag = get.headers().get("ETag");
        BridgeHandler.Answer again = answer(bridge, BridgeHandler.Call.builder("GET", "/embeddable4j.js")
                .headers(name -> name.equalsIgnoreCase("If-None-Match") ? etag : null));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        BridgeHandler.Answer head = answer(bridge, BridgeHandler.Call.builder("head", "/embeddable4j.js"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        BridgeHandler.Answer post = answer(bridge, BridgeHandler.Call.builder("POST", "/embeddable4j.js"));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void theScriptTagNamesTheEndpointsUnderItsBaseAndTheTypesListenedTo() {
        WidgetEventDispatcher calls = WidgetEventDispatcher.builder().listener(new io.github.embeddable4j.core.event.WidgetEventListener() {
            @Override
            public void onWidgetEvent(ReceivedWidgetEvent event) {
            }

            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("rc-call-ring-notify");
            }
        }).build();
        try (calls) {
            BridgeHandler bridge = BridgeHandler.builder(EMBEDDABLE).events(calls).service(crm).build();
            String tag = bridge.scriptTag("/app/embeddable4j", "n0nce\"");
            assertThat(tag).startsWith("<script src=\"/app/embeddable4j/embeddable4j.js\"")
                    .contains("data-endpoint=\"/app/embeddable4j/events\"")
                    .contains("data-service=\"/app/embeddable4j/service\"")
                    .contains("data-events=\"rc-call-ring-notify\"")
                    .contains("nonce=\"n0nce&quot;\"");
            assertThat(bridge.scriptTag("/app/embeddable4j", null, "X-CSRF", "t0k")).contains("data-csrf-token=\"t0k\"");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> bridge.scriptTag("https://evil.example/x", null)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> bridge.scriptTag("/", null)))
                    .as("the root: its endpoints would be mapped over every page").isInstanceOf(IllegalArgumentException.class);
            // rendered once per base: another base (a second context) gets its own URLs, and the first is kept apart
            assertThat(bridge.scriptTag("/other/embeddable4j", null)).contains("src=\"/other/embeddable4j/embeddable4j.js\"");
            assertThat(bridge.scriptTag("/app/embeddable4j", null)).contains("src=\"/app/embeddable4j/embeddable4j.js\"");
        }
    }
}

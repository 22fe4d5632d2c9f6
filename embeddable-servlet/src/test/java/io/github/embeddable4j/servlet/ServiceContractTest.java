package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.crm.Callout;
import io.github.embeddable4j.core.crm.CallLogger;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.PhoneType;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The third-party service endpoint over real HTTP, run against each container by a subclass: the registration and
 * call-outs are answered with the messages the glue posts to the widget; bad requests get a 4xx JSON error; a provider
 * that throws or hangs gives the widget an error answer in time, never a 500 or a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceContractTest {

    static final Contact ADA = Contact.of("1", "Ada Lovelace", new ContactPhone("+1 (650) 555-0101", PhoneType.MOBILE));

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private TestServer server;
    private ThirdPartyService service;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    abstract TestServer start(ServletContainerInitializer setup) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        ContactProvider contacts = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                if (request.searchString().equals("boom")) {
                    throw new IllegalStateException("database down: secret detail");
                }
                if (request.searchString().equals("hang")) {
                    try {
                        Thread.sleep(120_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return List.of(ADA);
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return PhoneNumberIndex.ofContacts(List.of(ADA)).match(request.phoneNumbers());
            }
        };
        CallLogger logger = (request, caller) -> logged.add(request.call().sessionId() + " " + request.note());
        service = ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(contacts).callLogger(logger)
                .deadline(Callout.CONTACT_SEARCH, Duration.ofMillis(800)).build();
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("service-test").build());
        server = start((classes, ctx) -> BridgeServlet.register(ctx, new BridgeServlet(embeddable,
                WidgetEventDispatcher.none(), service, BridgeLimits.defaults().withRate(1000, Duration.ofSeconds(1))),
                "/embeddable4j"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        service.close();
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/embeddable4j/service")))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length == 0) {
            headers = new String[] {"Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"};
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registrationAndCalloutsAreAnsweredWithTheMessagesForTheWidget() throws Exception {
        HttpResponse<String> register = post("{\"register\":true}");
        assertThat(register.statusCode()).isEqualTo(200);
        assertThat(register.body()).contains("\"type\":\"rc-adapter-register-third-party-service\"")
                .contains("\"name\":\"acme\"").contains("\"contactMatchPath\":\"/contacts/match\"")
                .contains("\"callLoggerPath\":\"/callLogger\"").doesNotContain("contactsPath");

        HttpResponse<String> match = post("{\"requestId\":\"r-1\",\"path\":\"/contacts/match\","
                + "\"body\":{\"phoneNumbers\":[\"+16505550101\",\"+16505550199\"]}}");
        assertThat(match.statusCode()).isEqualTo(200);
        assertThat(match.body()).contains("\"type\":\"rc-post-message-response\"").contains("\"responseId\":\"r-1\"")
                .contains("\"+16505550101\":[{\"id\":\"1\",\"name\":\"Ada Lovelace\"").contains("\"+16505550199\":[]");

        HttpResponse<String> log = post("{\"requestId\":\"r-2\",\"path\":\"/callLogger\",\"body\":{\"triggerType\":\"createLog\","
                + "\"call\":{\"sessionId\":\"s-9\",\"direction\":\"Inbound\"},\"note\":\"called back\"}}");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("\"responseId\":\"r-2\"");
        assertThat(logged).containsExactly("s-9 called back");
    }

    @Test
    void aProviderThatThrowsOrHangsGivesTheWidgetAnErrorAnswerInTime() throws Exception {
        HttpResponse<String> thrown = post("{\"requestId\":\"r-3\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"boom\"}}");
        assertThat(thrown.statusCode()).isEqualTo(200);
        assertThat(thrown.body()).contains("\"responseId\":\"r-3\"").contains("\"data\":[]").contains("\"error\"")
                .doesNotContain("secret detail").doesNotContain("Exception");
        long start = System.nanoTime();
        HttpResponse<String> hung = post("{\"requestId\":\"r-4\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"hang\"}}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(hung.statusCode()).isEqualTo(200);
        assertThat(hung.body()).contains("\"responseId\":\"r-4\"").contains("\"data\":[]").contains("timeout");
        HttpResponse<String> unknown = post("{\"requestId\":\"r-5\",\"path\":\"/nowhere\",\"body\":{}}");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("\"responseId\":\"r-5\"").contains("unknown-path");
    }

    /**
     * A client that does not read its answer holds a container thread, not the CRM's: the answer used to be written on
     * the provider's own thread (the future completed there), so a few such clients (a slow phone, or one that stops
     * reading on purpose) took every provider thread, and every user's call-outs timed out (a concurrency audit). Here
     * the CRM has one thread; a search answered with about 40 MB is not read, and a match after it must still be
     * answered by its provider, not by the deadline.
     */
    @Test
    void anAnswerNobodyReadsDoesNotHoldTheCrmsThread() throws Exception {
        List<Contact> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            many.add(Contact.of("c" + i, "Contact number " + i + " of a large CRM, with a long enough name",
                    new ContactPhone("+1 (650) 555-" + String.format("%04d", i % 10_000), PhoneType.MOBILE)));
        }
        ContactProvider contacts = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return many;
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return PhoneNumberIndex.ofContacts(List.of(ADA)).match(request.phoneNumbers());
            }
        };
        try (ThirdPartyService oneThread = ThirdPartyService.builder("acme").contacts(contacts).threads(1)
                .deadline(Callout.CONTACT_MATCH, Duration.ofSeconds(8)).deadline(Callout.CONTACT_SEARCH, Duration.ofSeconds(20)).build();
                TestServer own = start((classes, ctx) -> BridgeServlet.register(ctx, new BridgeServlet(
                        Embeddable.of(EmbeddableConfig.builder().clientId("service-test").build()), WidgetEventDispatcher.none(),
                        oneThread, BridgeLimits.defaults()), "/embeddable4j"));
                java.net.Socket unread = new java.net.Socket("127.0.0.1", own.port())) {
            unread.setReceiveBufferSize(4096);
            String body = "{\"requestId\":\"big\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"a\"}}";
            unread.getOutputStream().write(("POST /embeddable4j/service HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Sec-Fetch-Site: same-origin\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            unread.getOutputStream().flush();
            // the search's answer starts to arrive (proof it was made and is being written), and is then left unread
            int first = unread.getInputStream().read();
            assertThat(first).as("the search's answer starts").isEqualTo('H');
            Thread.sleep(1000); // the rest fills the socket's buffers; the writer blocks

            HttpResponse<String> match = client.send(HttpRequest.newBuilder(URI.create(own.url("/embeddable4j/service")))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"m-1\",\"path\":\"/contacts/match\","
                            + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(match.statusCode()).isEqualTo(200);
            assertThat(match.body()).as("answered by its provider, not by its deadline").contains("Ada Lovelace")
                    .doesNotContain("timeout");
        }
    }

    @Test
    void badRequestsGetShortJsonErrors() throws Exception {
        assertBad(post("{\"requestId\":", "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"), 400, "malformed-json");
        assertBad(post("{}", "Content-Type", "text/plain", "Sec-Fetch-Site", "same-origin"), 415, "unsupported-media-type");
        assertBad(post("{}", "Content-Type", "application/json", "Origin", "https://evil.example"), 403, "cross-origin");
        assertBad(post("{\"path\":\"/contacts/match\"}"), 400, "bad-callout");
        assertBad(post("{\"requestId\":\"r\",\"path\":\"/callLogger\",\"body\":{\"note\":\"" + "x".repeat(600_000) + "\"}}"),
                413, "too-large");
        String raw = RawHttp.oversizedJsonPost(server.port(), "/embeddable4j/service", 10 * 1024 * 1024);
        assertThat(raw).startsWith("HTTP/1.1 413").contains("\"error\":\"too-large\"");
        // and the endpoint still answers
        assertThat(post("{\"register\":true}").statusCode()).isEqualTo(200);
    }

    @Test
    void thousandsOfBadRequestsLaterAGoodOneIsAnsweredAndNothingPilesUp() throws Exception {
        List<String[]> bad = List.of(
                new String[] {"{\"requestId\":", "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"},
                new String[] {"{}", "Content-Type", "text/plain", "Sec-Fetch-Site", "same-origin"},
                new String[] {"{}", "Content-Type", "application/json", "Origin", "https://evil.example"},
                new String[] {"{\"path\":\"/contacts/match\"}", "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin"},
                new String[] {"{\"requestId\":\"r\",\"path\":\"/nowhere\",\"body\":[1,2,{\"x\":null}]}", "Content-Type",
                    "application/json", "Sec-Fetch-Site", "same-origin"});
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        // A client of its own, so that its connections are not reused by the other tests.
        HttpClient burstClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.util.function.IntFunction<java.util.concurrent.Callable<Integer>> request = i -> () -> {
            String[] r = bad.get(i % bad.size());
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/embeddable4j/service")))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(r[0]));
            for (int h = 1; h < r.length; h += 2) {
                b.header(r[h], r[h + 1]);
            }
            try {
                return burstClient.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException e) {
                // Tomcat ends the connection after every 400 (and says so); a request racing such a close may find its
                // connection gone. Rare; counted, never a 5xx.
                return -1;
            }
        };
        List<java.util.concurrent.Future<Integer>> warmUp = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            warmUp.add(pool.submit(request.apply(i)));
        }
        for (var f : warmUp) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        ResourceBaseline baseline = ResourceBaseline.take(server.threads());
        int peakThreads = baseline.jvmThreads();
        List<java.util.concurrent.Future<Integer>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(pool.submit(request.apply(i)));
        }
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (var f : futures) {
            statuses.merge(f.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
            peakThreads = Math.max(peakThreads, ResourceBaseline.jvmThreadsNow());
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // Four kinds get a 4xx; a call-out to an unknown path is a request the widget may make: an error answer, not a 4xx.
        // At this pace the per-session rate limit (1000 a second here) may answer some with 429.
        assertThat(statuses.keySet()).as("statuses").isSubsetOf(400, 403, 415, 429, 200, -1);
        assertThat(statuses.getOrDefault(-1, 0)).as("connections dropped (%s)", statuses).isLessThanOrEqualTo(20);
        assertThat(statuses.getOrDefault(400, 0) + statuses.getOrDefault(403, 0) + statuses.getOrDefault(415, 0)
                + statuses.getOrDefault(429, 0)).as("4xx answers (%s)", statuses).isGreaterThanOrEqualTo(1580);
        // The burst may have used up this second's permits (the rate limit is per session, and these requests have none):
        // the next window answers again, and the tests that follow start with a fresh one.
        Thread.sleep(1100);
        assertThat(post("{\"register\":true}").statusCode()).isEqualTo(200);
        System.out.println("[reliability] 2000 bad service requests on " + server.name() + ": "
                + baseline.awaitReturn(server.threads(), Duration.ofSeconds(10), peakThreads));
    }

    /** A short JSON error: its status and code, a JSON content type, a message, nothing of a stack trace. */
    private static void assertBad(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"error\":\"" + code + "\",\"message\":\"").doesNotContain("Exception")
                .hasSizeLessThan(300);
    }
}

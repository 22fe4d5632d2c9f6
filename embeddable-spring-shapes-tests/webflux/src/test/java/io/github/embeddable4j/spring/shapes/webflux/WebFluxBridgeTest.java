package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.PhoneType;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The bridge in a WebFlux application on Netty, as in a servlet one: with an {@code @EventListener} of widget events
 * and a {@link ContactProvider} bean, pages carry the bridge script (with reactive Spring Security's CSRF token), the
 * glue is served, events reach the listener with the exchange's session and user, call-outs reach the provider, and
 * every bad request gets a 4xx with a short JSON error while the application keeps serving.
 */
@SpringBootTest(classes = {WebFluxApplication.class, WebFluxBridgeTest.Listeners.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.inject.anonymous=true", "ringcentral.embeddable.bridge.rate-limit.requests=12"})
@ExtendWith(OutputCaptureExtension.class)
class WebFluxBridgeTest {

    static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550101\",\"direction\":\"Inbound\"}}";
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));

    @Configuration
    static class Listeners {
        final List<WidgetApplicationEvent<WidgetEvent.CallEvent>> calls = new CopyOnWriteArrayList<>();
        final List<String> matchedBy = new CopyOnWriteArrayList<>();
        final List<WidgetApplicationEvent<WidgetEvent.LoginStatus>> logins = new CopyOnWriteArrayList<>();

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            calls.add(event);
        }

        @EventListener
        void onLogin(WidgetApplicationEvent<WidgetEvent.LoginStatus> event) {
            logins.add(event);
        }

        @Bean
        ContactProvider contacts() {
            Contact ada = Contact.of("1", "Ada Lovelace", new ContactPhone("6505550101", PhoneType.MOBILE));
            return new ContactProvider() {
                @Override
                public List<Contact> search(ContactSearchRequest request, Caller caller) {
                    return List.of(ada);
                }

                @Override
                public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                    matchedBy.add(caller.userName().orElse("?"));
                    return PhoneNumberIndex.ofContacts(List.of(ada)).match(request.phoneNumbers());
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Listeners listeners;

    @Autowired
    io.github.embeddable4j.core.bridge.BridgeRefusals refusals;

    /**
     * A browser: its cookies, and the CSRF header and token its page gave the bridge script; signed in with HTTP Basic
     * (each request then costs a password check, ~90 ms here) or anonymous (this application gives them the widget too).
     */
    final class Visitor {
        final boolean signedIn;
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        String header;
        String token;
        String page;

        Visitor(boolean signedIn) {
            this.signedIn = signedIn;
        }

        Visitor() {
            this(true);
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = WebFluxBridgeTest.this.request(path);
            return signedIn ? b.header("Authorization", BASIC) : b;
        }

        Visitor load() throws Exception {
            page = client.send(request("/attribute").build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher tag = Pattern.compile("data-csrf-header=\"([^\"]+)\" data-csrf-token=\"([^\"]+)\"").matcher(page);
            assertThat(tag.find()).as(page).isTrue();
            header = tag.group(1);
            token = tag.group(2).replace("&#x3D;", "=").replace("&#x2B;", "+").replace("&#x2F;", "/");
            return this;
        }

        String session() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
                    .findFirst().orElseThrow().getValue();
        }

        HttpResponse<String> post(String path, String body, String... headers) throws Exception {
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            boolean fetchSite = false;
            boolean csrf = true;
            for (int i = 0; i < headers.length; i += 2) {
                if (headers[i].equals("no-csrf")) {
                    csrf = false;
                    continue;
                }
                fetchSite |= headers[i].equals("Sec-Fetch-Site") || headers[i].equals("Origin");
                b.setHeader(headers[i], headers[i + 1]);
            }
            if (!fetchSite) {
                b.header("Sec-Fetch-Site", "same-origin");
            }
            if (csrf) {
                b.header(header, token);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @BeforeEach
    void clear() {
        listeners.calls.clear();
        listeners.matchedBy.clear();
    }

    @Test
    void aPageCarriesTheBridgeScriptWithItsUrlsAndTheCsrfToken() throws Exception {
        Visitor visitor = new Visitor().load();
        assertThat(visitor.page).contains("<script src=\"/embeddable4j/embeddable4j.js\" data-endpoint=\"/embeddable4j/events\"")
                .contains("data-service=\"/embeddable4j/service\"").contains("rc-call-ring-notify")
                .contains("nonce=\"fromAttribute\"");
        assertThat(visitor.header).isEqualTo("X-CSRF-TOKEN");
        assertThat(visitor.session()).isNotBlank(); // the token was made and saved for this visitor's session
        HttpResponse<String> glue = visitor.client.send(request("/embeddable4j/embeddable4j.js").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(glue.statusCode()).isEqualTo(200);
        assertThat(glue.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(glue.body()).contains("data-endpoint");
        String etag = glue.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = visitor.client.send(request("/embeddable4j/embeddable4j.js").header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void eventsReachTheListenerWithTheSessionAndTheSignedInUser() throws Exception {
        Visitor visitor = new Visitor().load();
        HttpResponse<String> posted = visitor.post("/embeddable4j/events", "{\"tab\":\"tab-00000001\",\"events\":[" + RING + "]}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(posted.body()).isEqualTo("{\"accepted\":1}");
        await(listeners.calls, 1);
        assertThat(listeners.calls).singleElement().satisfies(e -> {
            assertThat(e.getEvent().call().from()).isEqualTo("+16505550101");
            assertThat(e.getUser()).isNotNull().extracting(java.security.Principal::getName).isEqualTo("ada");
            assertThat(e.getSessionKey()).isEqualTo(ReceivedWidgetEvent.sessionKeyOf(visitor.session()));
        });
    }

    /** The CSRF token is what reactive Spring Security asks of the bridge's POSTs: without it, its 403. */
    @Test
    void withoutTheCsrfTokenSpringSecurityRefusesThePost() throws Exception {
        Visitor visitor = new Visitor().load();
        HttpResponse<String> refused = visitor.post("/embeddable4j/events", "{\"events\":[" + RING + "]}", "no-csrf", "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(listeners.calls).isEmpty();
    }

    @Test
    void callOutsReachTheProviderWithTheSignedInUser() throws Exception {
        Visitor visitor = new Visitor().load();
        HttpResponse<String> register = visitor.post("/embeddable4j/service", "{\"register\":true}");
        assertThat(register.statusCode()).as(register.body()).isEqualTo(200);
        assertThat(register.body()).contains("\"contactSearchPath\"").contains("\"contactMatchPath\"")
                .as("what the page sends again after a proxy's 502 or 504: reads only")
                .contains("\"resend\":[\"/contacts/match\",\"/contacts/search\"]");
        HttpResponse<String> match = visitor.post("/embeddable4j/service", "{\"requestId\":\"r1\",\"path\":\"/contacts/match\","
                + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}");
        assertThat(match.statusCode()).isEqualTo(200);
        assertThat(match.body()).contains("\"Ada Lovelace\"");
        assertThat(listeners.matchedBy).containsExactly("ada");
        HttpResponse<String> unanswered = visitor.post("/embeddable4j/service", "{\"requestId\":\"r2\","
                + "\"path\":\"/contacts/match\",\"unanswered\":502}");
        assertThat(unanswered.body()).as("the page's word after a 502, answered without the provider")
                .contains("\"r2\"", "\"code\":\"unanswered\"");
        assertThat(listeners.matchedBy).containsExactly("ada");
    }

    /**
     * Each refusal is first shown to be the only thing wrong: the same visitor's same request with the one header
     * changed back is accepted. Then a hundred more bad requests, none answered 5xx, and the application still serves.
     */
    @Test
    void badRequestsGetA4xxWithAShortJsonErrorAndTheApplicationKeepsServing() throws Exception {
        Visitor visitor = new Visitor(false).load();
        java.util.Map<String, Long> before = refusals.counts();
        String batch = "{\"events\":[" + RING + "]}";
        assertThat(visitor.post("/embeddable4j/events", batch).statusCode()).isEqualTo(202);
        expect(visitor.post("/embeddable4j/events", batch, "Sec-Fetch-Site", "cross-site"), 403, "cross-origin");
        expect(visitor.post("/embeddable4j/events", batch, "Sec-Fetch-Site", "", "Origin", "https://evil.example"), 403, "cross-origin");
        expect(visitor.post("/embeddable4j/events", batch, "Content-Type", "text/plain"), 415, "unsupported-media-type");
        expect(visitor.post("/embeddable4j/events", batch, "Content-Encoding", "gzip"), 415, "unsupported-encoding");
        expect(visitor.post("/embeddable4j/events", "{\"events\":[" + RING + ",", new String[0]), 400, "malformed-json");
        expect(visitor.post("/embeddable4j/events", "{\"events\":[\"" + "x".repeat(70_000) + "\"]}"), 413, "too-large");
        expect(visitor.post("/embeddable4j/nothing", batch), 404, "not-found");
        HttpResponse<String> get = visitor.client.send(visitor.request("/embeddable4j/events").build(), HttpResponse.BodyHandlers.ofString());
        expect(get, 405, "method-not-allowed");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        // Each counted once under its code, in the starter's BridgeRefusals (which its meter reads).
        java.util.Map<String, Long> counted = new java.util.TreeMap<>();
        refusals.counts().forEach((code, n) -> {
            if (n > before.getOrDefault(code, 0L)) {
                counted.put(code, n - before.getOrDefault(code, 0L));
            }
        });
        assertThat(counted).isEqualTo(java.util.Map.of("cross-origin", 2L, "unsupported-media-type", 1L, "unsupported-encoding", 1L,
                "malformed-json", 1L, "too-large", 1L, "not-found", 1L, "method-not-allowed", 1L));

        // The rate limit (12 in 10 s here): one visitor's session runs out, another's does not.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            statuses.add(visitor.post("/embeddable4j/events", "{\"events\":[]}").statusCode());
        }
        assertThat(statuses).contains(202).endsWith(429, 429, 429);
        HttpResponse<String> limited = visitor.post("/embeddable4j/events", "{\"events\":[]}");
        expect(limited, 429, "rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(new Visitor(false).load().post("/embeddable4j/events", "{\"events\":[]}").statusCode()).isEqualTo(202);

        Visitor other = visitor;
        for (int i = 0; i < 90; i++) {
            if (i % 15 == 0) {
                other = new Visitor(false).load(); // 10 counted requests each: within the rate, so each reaches its check
            }
            HttpResponse<String> bad = switch (i % 3) {
                case 0 -> other.post("/embeddable4j/events", "[" + i + "]");
                case 1 -> other.post("/embeddable4j/service", "{\"requestId\":" + i + "}");
                default -> other.post("/embeddable4j/events", batch, "Content-Type", "application/json;charset=latin1");
            };
            assertThat(bad.statusCode()).as(bad.body()).isBetween(400, 499).isNotEqualTo(429);
            assertThat(bad.body()).startsWith("{\"error\":");
        }
        assertThat(new Visitor(false).load().page).contains("data-endpoint=\"/embeddable4j/events\"");
    }

    /**
     * A client that goes away in the middle of its body (a tab closed while the glue posts) is routine: the application
     * logs no stack trace for it (a trial found one WARN with a stack trace per such client) and keeps serving.
     */
    @Test
    void aClientGoingAwayMidBodyIsNoFailure(CapturedOutput output) throws Exception {
        Visitor visitor = new Visitor(false).load();
        String cookie = "SESSION=" + visitor.session();
        for (String path : new String[] {"/embeddable4j/events", "/embeddable4j/service"}) {
            for (int i = 0; i < 5; i++) {
                try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                    java.io.OutputStream out = socket.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                            + "Sec-Fetch-Site: same-origin\r\nCookie: " + cookie + "\r\n" + visitor.header + ": " + visitor.token
                            + "\r\nContent-Length: 30000\r\n\r\n{\"events\":[").getBytes(StandardCharsets.US_ASCII));
                    out.write("x".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(50); // the body is being read: then the client is gone
                }
            }
        }
        HttpResponse<String> after = visitor.post("/embeddable4j/events", "{\"events\":[]}");
        assertThat(after.statusCode()).as("the application keeps serving").isEqualTo(202);
        Thread.sleep(200);
        assertThat(output.getAll()).doesNotContain("unexpected failure on /embeddable4j");
    }

    /**
     * A body with a broken chunk: Reactor Netty answers it with its own 400 and ends the connection. The bridge, which
     * then tried to answer too, logged a WARN with a stack trace for every such request (a red-team trial counted 100
     * in 2.8 s from one session): a client could fill the log. Now nothing above debug, and the application keeps serving.
     */
    @Test
    void aBrokenChunkIsAnsweredByNettyAndLogsNoFailure(CapturedOutput output) throws Exception {
        Visitor visitor = new Visitor(false).load();
        String cookie = "SESSION=" + visitor.session();
        for (String path : new String[] {"/embeddable4j/events", "/embeddable4j/service"}) {
            for (int i = 0; i < 5; i++) {
                try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                    socket.setSoTimeout(10_000);
                    java.io.OutputStream out = socket.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                            + "Sec-Fetch-Site: same-origin\r\nCookie: " + cookie + "\r\n" + visitor.header + ": " + visitor.token
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"tab\":\"01234567\r\nZZ\r\nxx\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertThat(answer).as("the attack reached the server, which refused it").startsWith("HTTP/1.1 400");
                }
            }
        }
        HttpResponse<String> after = visitor.post("/embeddable4j/events", "{\"events\":[]}");
        assertThat(after.statusCode()).as("the application keeps serving").isEqualTo(202);
        Thread.sleep(200);
        // (Reactor Netty logs its own WARN for each, "Decoding failed", which says nothing of the bridge)
        assertThat(output.getAll()).doesNotContain("unexpected failure on /embeddable4j")
                .doesNotContain("Status and headers already sent");
    }

    private static void expect(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"" + code + "\"");
    }

    static void await(List<?> list, int size) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (list.size() < size && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }
}

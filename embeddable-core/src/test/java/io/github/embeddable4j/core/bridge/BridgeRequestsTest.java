package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.message.WidgetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BridgeRequestsTest {

    private static final BridgeLimits LIMITS = BridgeLimits.defaults();

    private static int status(ThrowingRunnable r) {
        BridgeError e = catchThrowableOfType(BridgeError.class, r::run);
        return e == null ? 0 : e.status();
    }

    interface ThrowingRunnable {
        void run() throws BridgeError;
    }

    /** Behind a proxy that rewrites Host (nginx's default), the origin the server resolved from trusted X-Forwarded-* headers counts. */
    @Test
    void theOriginTheServerResolvedCountsWhenTheProxyRewroteTheHost() {
        String host = "10.0.0.5:8081"; // what the proxy sent as Host
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "https://crm.example.com", null, host,
                "https://crm.example.com:443", LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "HTTPS://CRM.example.com:443", null, host,
                "https://crm.example.com:443", LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://crm.example.com:8080", null, host,
                "http://crm.example.com:8080", LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://[::1]:8080", null, "x",
                "http://[::1]:8080", LIMITS))).isZero();
        // Another scheme, host or port is another origin; so is what is not an origin.
        for (String origin : List.of("http://crm.example.com", "https://crm.example.com:8443", "https://evil.example",
                "https://crm.example.com.evil.example", "https://crm.example.com/path", "https://user@crm.example.com", "null",
                "ftp://crm.example.com")) {
            assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, origin, null, host,
                    "https://crm.example.com:443", LIMITS))).as(origin).isEqualTo(403);
        }
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "https://crm.example.com", null, host,
                "https://cr m:443", LIMITS))).isEqualTo(403);
    }

    @Test
    void sameOriginIsWhatTheBrowserSays() {
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, null, "same-origin", "a:1", null, LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://a:1", null, "a:1", null, LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "https://a", null, "a", null, LIMITS))).isZero();
        // Sec-Fetch-Site decides when present, whatever the Origin says.
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://a:1", "same-site", "a:1", null, LIMITS))).isEqualTo(403);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://a:1", "none", "a:1", null, LIMITS))).isEqualTo(403);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://evil:1", null, "a:1", null, LIMITS))).isEqualTo(403);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "null", null, "a:1", null, LIMITS))).isEqualTo(403);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, "http://a:1.evil", null, "a:1", null, LIMITS))).isEqualTo(403);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 10, null, null, "a:1", null, LIMITS))).isEqualTo(403);
    }

    @Test
    void methodTypeAndLength() {
        assertThat(status(() -> BridgeRequestCheck.check("GET", "application/json", 10, null, "same-origin", "a", null, LIMITS))).isEqualTo(405);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "text/plain", 10, null, "same-origin", "a", null, LIMITS))).isEqualTo(415);
        assertThat(status(() -> BridgeRequestCheck.check("POST", null, 10, null, "same-origin", "a", null, LIMITS))).isEqualTo(415);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json; charset=\"UTF-8\"", 10, null, "same-origin", "a", null, LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json;charset=latin1", 10, null, "same-origin", "a", null, LIMITS))).isEqualTo(415);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", 64 * 1024 + 1, null, "same-origin", "a", null, LIMITS))).isEqualTo(413);
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", -1, null, "same-origin", "a", null, LIMITS))).isZero();
    }

    /**
     * The borders of each check (mutation testing found them untested): the length limit itself is allowed; a
     * charset parameter is read with white space and quotes around it, other parameters are left alone; Sec-Fetch-Site
     * is read trimmed and in any case, a blank one is no header; a blank Origin is none.
     */
    @Test
    void theBordersOfEachCheck() {
        long max = LIMITS.maxBodyBytes();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", max, null, "same-origin", "a", null, LIMITS))).isZero();
        assertThat(status(() -> BridgeRequestCheck.check("POST", "application/json", max + 1, null, "same-origin", "a", null, LIMITS))).isEqualTo(413);
        assertThat(BridgeRequestCheck.isJson(" Application/JSON ; Charset = utf-8 ")).isTrue();
        assertThat(BridgeRequestCheck.isJson("application/json; profile=x; charset")).isTrue(); // no value: nothing said
        assertThat(BridgeRequestCheck.isJson("application/json; charset=utf-16")).isFalse();
        assertThat(BridgeRequestCheck.isJson("application/jsonp")).isFalse();
        assertThat(BridgeRequestCheck.isJson("text/json; charset=utf-8")).isFalse();
        // a type of separators only (a hostile audit's "Content-Type: ;" threw, a 400 and a logged stack trace each)
        for (String empty : new String[] {";", ";;;", "", " ", " ; charset=utf-8", "=;="}) {
            assertThat(BridgeRequestCheck.isJson(empty)).as(empty).isFalse();
            assertThat(status(() -> BridgeRequestCheck.check("POST", empty, 10, null, "same-origin", "a", null, LIMITS)))
                    .as(empty).isEqualTo(415);
        }
        for (String plain : new String[] {null, "", " ", "identity", " Identity "}) {
            assertThat(status(() -> BridgeRequestCheck.checkEncoding(plain))).as(plain).isZero();
        }
        for (String coded : new String[] {"gzip", "GZIP", "br", "gzip, identity", "x"}) {
            assertThat(status(() -> BridgeRequestCheck.checkEncoding(coded))).as(coded).isEqualTo(415);
            assertThat(code(() -> BridgeRequestCheck.checkEncoding(coded))).isEqualTo("unsupported-encoding");
        }
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin(null, " Same-Origin ", "a", null))).isZero();
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("http://a", " ", "a", null))).as("blank: no header").isZero();
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin(" ", null, "a", null))).isEqualTo(403);
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("http://a:1", null, " A:1 ", null))).isZero();
        // the server's own origin: its default port or none, a path, query or user info make no origin
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("http://crm.example", null, "proxy", "http://crm.example:80"))).isZero();
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("https://crm.example:443", null, "proxy", "https://crm.example"))).isZero();
        for (String notAnOrigin : List.of("https://crm.example?x", "https://crm.example/", "https://u@crm.example",
                "https://crm.example#x", "crm.example", "https://", "https:crm.example")) {
            assertThat(status(() -> BridgeRequestCheck.checkSameOrigin(notAnOrigin, null, "proxy", "https://crm.example")))
                    .as(notAnOrigin).isEqualTo(403);
        }
        // nor against the Host header (an MVC trial's "http://127.0.0.1:18225/x" passed there)
        for (String notAnOrigin : List.of("http://crm.example:8080/x", "http://crm.example:8080?x", "http://u@crm.example:8080",
                "http://crm.example:8080#x")) {
            assertThat(status(() -> BridgeRequestCheck.checkSameOrigin(notAnOrigin, null, "crm.example:8080", null)))
                    .as(notAnOrigin).isEqualTo(403);
        }
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("HTTP://crm.example:8080", null, "crm.example:8080", null)))
                .as("a scheme in any case is the same origin").isZero();
    }

    /** Each refusal names its reason, for the page's script and for the person reading the 403. */
    @Test
    void eachRefusalSaysWhy() {
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin(null, null, "crm.example", null))).isEqualTo("origin-required");
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin(" ", null, "crm.example", null))).isEqualTo("origin-required");
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin(null, "cross-site", "crm.example", null))).isEqualTo("cross-origin");
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin(null, "same-site", "crm.example", null))).isEqualTo("cross-origin");
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin("https://evil.example", null, "crm.example", null)))
                .isEqualTo("cross-origin");
        // behind a proxy that rewrote Host, another site's origin is no more welcome than without one
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin("https://evil.example", null, "10.0.0.5:8081",
                "https://crm.example"))).isEqualTo("cross-origin");
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin("https://crm.example:8443", null, "10.0.0.5:8081",
                "https://crm.example"))).as("another port is another origin").isEqualTo("cross-origin");
        assertThat(code(() -> BridgeRequestCheck.checkSameOrigin("https://crm.example", null, "crm.example", null)))
                .isEqualTo("accepted");
        // only http(s) origins: a scheme of another kind never matches, by Host or by the server's origin
        for (String origin : List.of("ftp://crm.example", "chrome-extension://crm.example", "null")) {
            assertThat(code(() -> BridgeRequestCheck.checkSameOrigin(origin, null, "crm.example", null))).as(origin)
                    .isEqualTo("cross-origin");
            assertThat(code(() -> BridgeRequestCheck.checkSameOrigin(origin, null, "proxy", origin))).as(origin)
                    .isEqualTo("cross-origin");
        }
    }

    private static String code(ThrowingRunnable r) {
        BridgeError e = catchThrowableOfType(BridgeError.class, r::run);
        return e == null ? "accepted" : e.code();
    }

    /**
     * An Origin that is no http(s) origin ("null", from a sandboxed frame or a file) matches no Host, not even an empty
     * one: it read as the host "" and matched a request whose Host header was empty.
     */
    @Test
    void anOriginWithoutAHostMatchesNoHost() {
        // an HTTP/1.0 request may have no Host header at all: only the origin the server resolved can match then
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("https://crm.example", null, null, "https://crm.example:443"))).isZero();
        assertThat(status(() -> BridgeRequestCheck.checkSameOrigin("https://crm.example", null, null, null))).isEqualTo(403);
        for (String origin : List.of("null", "file://", "data:text/html,x", "https://", "https:crm.example")) {
            assertThat(status(() -> BridgeRequestCheck.checkSameOrigin(origin, null, "", null))).as(origin).isEqualTo(403);
            assertThat(status(() -> BridgeRequestCheck.checkSameOrigin(origin, null, " ", null))).as(origin).isEqualTo(403);
        }
    }

    @Test
    void batchesParseToWidgetEvents() throws BridgeError {
        byte[] body = ("{\"tab\":\"0123456789abcdef\",\"events\":[{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}],"
                + "\"rejectedOrigins\":[\"https://evil.example\"],\"unknown\":1}").getBytes(StandardCharsets.UTF_8);
        EventBatch batch = EventBatch.parse(body, body.length, LIMITS);
        assertThat(batch.tab()).isEqualTo("0123456789abcdef");
        assertThat(batch.events()).singleElement().isInstanceOfSatisfying(WidgetEvent.RouteChanged.class,
                r -> assertThat(r.path()).isEqualTo("/dialer"));
        assertThat(batch.rejectedOrigins()).containsExactly("https://evil.example");
        assertThat(EventBatch.parse("{\"events\":[]}".getBytes(StandardCharsets.UTF_8), 13, LIMITS).events()).isEmpty();
    }

    @Test
    void badBatchesAreNamedErrors() {
        assertThat(code("{\"events\":[1]}")).isEqualTo("bad-event");
        assertThat(code("{\"events\":\"x\"}")).isEqualTo("bad-events");
        assertThat(code("{\"events\":[],\"rejectedOrigins\":[\"javascript:alert(1)\"]}")).isEqualTo("bad-rejected-origins");
        assertThat(code("{\"a\":1,\"a\":2}")).isEqualTo("malformed-json"); // duplicate keys are not tolerated
        assertThat(code("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")).isEqualTo("malformed-json"); // nesting limit
        assertThat(code("")).isEqualTo("not-an-object");
        // The object must be the whole body: a read that stopped at its end accepted "{...} junk" (a trial's find).
        assertThat(code("{\"events\":[{\"type\":\"a\"}]} this is not JSON")).isEqualTo("malformed-json");
        assertThat(code("{\"events\":[]}{\"events\":[]}")).isEqualTo("malformed-json");
        assertThat(code("[1] junk")).isEqualTo("malformed-json");
        assertThat(code("{\"events\":[]} \r\n")).isNull(); // white space after it is no token
        BridgeError error = catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(new byte[10], 64 * 1024 + 1, LIMITS));
        assertThat(error.status()).isEqualTo(413);
        assertThat(error.toJson()).isEqualTo("{\"error\":\"too-large\",\"message\":\"The body is larger than 65536 bytes.\"}");
        assertThatThrownBy(() -> new BridgeError(500, "x", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Events are not written back out from a tree of the body (that and parsing the text again cost three times a
     * read of the body): each keeps the text the page sent, cut from the body, whatever bytes follow in the buffer.
     */
    @Test
    void eachEventKeepsItsTextAsThePageSentIt() throws BridgeError {
        String first = "{\"type\":\"rc-message-updated-notify\",\"message\":{\"subject\":\"Caf\u00e9 \ud83d\ude00 \\\"}]\\u00e9\","
                + "\"to\":[{\"phoneNumber\":\"+1\"}]}}";
        String second = "{ \"type\" : \"rc-route-changed-notify\", \"path\" : \"/dialer\" }";
        String third = "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"c\"}}";
        byte[] sent = ("{\"events\":[" + first + ",\n " + second + "," + third + "],\"tab\":\"0123456789abcdef\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] pooled = Arrays.copyOf(sent, sent.length + 100); // a reused buffer: the body is its first bytes
        Arrays.fill(pooled, sent.length, pooled.length, (byte) '}');
        EventBatch batch = EventBatch.parse(pooled, sent.length, LIMITS);
        assertThat(batch.events()).extracting(WidgetEvent::json).containsExactly(first, second, third);
        assertThat(batch.events().get(0)).isInstanceOfSatisfying(WidgetEvent.MessageEvent.class,
                m -> assertThat(m.message().subject()).isEqualTo("Caf\u00e9 \ud83d\ude00 \"}]\u00e9"));
        assertThat(batch.events().get(2)).isInstanceOf(WidgetEvent.CallEvent.class);
        assertThat(batch.tab()).isEqualTo("0123456789abcdef");
    }

    /** What is wrong inside an event is found although no tree of the events is built. */
    @Test
    void whatIsWrongInsideAnEventIsStillFound() {
        assertThat(code("{\"events\":[{\"type\":\"a\",\"type\":\"b\"}]}")).isEqualTo("malformed-json"); // a duplicate
        assertThat(code("{\"events\":[{\"type\":\"a\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}]}")).isEqualTo("malformed-json");
        assertThat(code("{\"events\":[{\"type\":\"a\",\"x\":NaN}]}")).isEqualTo("malformed-json");
        assertThat(code("{\"events\":[{\"type\":\"a\",\"x\":\"unterminated}]}")).isEqualTo("malformed-json");
        assertThat(code("{\"events\":[{\"type\":\"a\"}]")).isEqualTo("malformed-json"); // the body stops early
        byte[] badUtf8 = "{\"events\":[{\"type\":\"a\",\"x\":\"\u00ff\u00ff\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(badUtf8, badUtf8.length, LIMITS)).code())
                .isEqualTo("malformed-json");
        assertThat(code("{\"events\":[{\"path\":\"/x\"}]}")).isEqualTo("bad-event");
        assertThat(code("{\"events\":[{\"type\":1}]}")).isEqualTo("bad-event");
        assertThat(code("{\"events\":[[]]}")).isEqualTo("bad-event");
        assertThat(code("{\"events\":{\"type\":\"a\"}}")).isEqualTo("bad-events");
        assertThat(code("{\"events\":[" + "{\"type\":\"a\"},".repeat(LIMITS.maxEventsPerBatch()) + "{\"type\":\"a\"}]}"))
                .isEqualTo("too-many-events");
        assertThat(code("{\"events\":[{\"type\":\"a\",\"x\":\"" + "y".repeat(LIMITS.maxEventChars()) + "\"}]}"))
                .isEqualTo("event-too-large");
        assertThat(code("[{\"type\":\"a\"}]")).isEqualTo("not-an-object");
        assertThat(code("[{\"type\":\"a\"}")).isEqualTo("malformed-json");
        assertThat(code("{\"events\":null}")).isNull();
        // a JSON object that is no batch at all (a WildFly trial: {"hello":1} was accepted as an empty batch, 202)
        assertThat(code("{\"hello\":1}")).isEqualTo("bad-events");
        assertThat(code("{}")).isEqualTo("bad-events");
    }

    /**
     * Valid JSON over the parser's limits is told so, not that it is no JSON (a red-team trial's events nested 60 deep
     * were told "The body is not valid JSON"); the code stays malformed-json. So in the call-out relay.
     */
    @Test
    void jsonOverTheParsersLimitsIsToldWhichLimits() throws Exception {
        String limits = "The body's JSON nests deeper than 32 levels or has a number of more than 100 digits.";
        for (String json : List.of("{\"events\":[{\"type\":\"a\",\"x\":" + "[".repeat(60) + "]".repeat(60) + "}]}",
                "{\"events\":[],\"n\":1" + "0".repeat(200) + "}")) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            assertThat(catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(body, body.length, LIMITS)).toJson())
                    .isEqualTo("{\"error\":\"malformed-json\",\"message\":\"" + limits + "\"}");
        }
        byte[] callout = ("{\"requestId\":\"r\",\"path\":\"/contacts\",\"body\":" + "[".repeat(60) + "]".repeat(60) + "}")
                .getBytes(StandardCharsets.UTF_8);
        try (io.github.embeddable4j.core.crm.ThirdPartyService crm = io.github.embeddable4j.core.crm.ThirdPartyService.builder("crm").build()) {
            assertThat(catchThrowableOfType(BridgeError.class, () -> ServiceRelay.handle(crm, callout, callout.length, null))
                    .getMessage()).isEqualTo(limits);
        }
        byte[] broken = "{\"events\":[".getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(broken, broken.length, LIMITS)).getMessage())
                .isEqualTo("The body is not valid JSON.");
    }

    /**
     * A call-out's bytes that are no UTF-8 are refused as an event batch's are: the parser decodes an overlong
     * {@code C0 AF} as {@code /} without a word, so a review's search reached its provider as "a/b", past any filter of
     * the raw bytes. Well-formed text beyond ASCII still gets through.
     */
    @Test
    void aCalloutWithBytesThatAreNoUtf8IsRefusedBeforeItsProvider() throws Exception {
        List<String> searched = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.github.embeddable4j.core.crm.ContactProvider contacts = new io.github.embeddable4j.core.crm.ContactProvider() {
            @Override
            public List<io.github.embeddable4j.core.crm.Contact> search(io.github.embeddable4j.core.crm.ContactSearchRequest request,
                    io.github.embeddable4j.core.crm.Caller caller) {
                searched.add(request.searchString());
                return List.of();
            }

            @Override
            public java.util.Map<String, List<io.github.embeddable4j.core.crm.Contact>> match(
                    io.github.embeddable4j.core.crm.ContactMatchRequest request, io.github.embeddable4j.core.crm.Caller caller) {
                return java.util.Map.of();
            }
        };
        try (io.github.embeddable4j.core.crm.ThirdPartyService crm = io.github.embeddable4j.core.crm.ThirdPartyService.builder("crm")
                .contacts(contacts).build()) {
            for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0x80}}) {
                byte[] body = search(bad);
                BridgeError e = catchThrowableOfType(BridgeError.class,
                        () -> ServiceRelay.handle(crm, body, body.length, io.github.embeddable4j.core.crm.Caller.anonymous()));
                assertThat(e).as(java.util.HexFormat.of().formatHex(bad)).isNotNull();
                assertThat(e.toJson()).isEqualTo("{\"error\":\"malformed-json\",\"message\":\"The body is not UTF-8.\"}");
            }
            assertThat(searched).as("no provider was asked").isEmpty();
            byte[] accented = search("\u00e9/\uD83D\uDCDE".getBytes(StandardCharsets.UTF_8));
            ServiceRelay.handle(crm, accented, accented.length, io.github.embeddable4j.core.crm.Caller.anonymous())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(searched).containsExactly("a\u00e9/\uD83D\uDCDEb");
        }
    }

    /** A contact search for "a", {@code bytes}, "b". */
    private static byte[] search(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"requestId\":\"r1\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"a".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("b\"}}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String code(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        BridgeError e = catchThrowableOfType(BridgeError.class, () -> EventBatch.parse(body, body.length, LIMITS));
        return e == null ? null : e.code();
    }

    @Test
    void theRateLimiterCountsPerSessionAndForgetsTheOldest() {
        AtomicLong now = new AtomicLong();
        SessionRateLimiter limiter = new SessionRateLimiter(3, Duration.ofSeconds(10), 100, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue(); // another session has its own window
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(limiter.tryAcquire("a")).isTrue();
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("flood-" + i);
        }
        assertThat(limiter.size()).isEqualTo(100);
    }
}

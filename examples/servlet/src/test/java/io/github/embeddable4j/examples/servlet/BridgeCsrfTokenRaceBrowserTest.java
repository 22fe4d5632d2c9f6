package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge script (this repository's, read from core's sources) against a server with Spring Security's single-page
 * CSRF behaviour: a header is compared with the raw token, kept in the readable XSRF-TOKEN cookie, and the page carries
 * the masked token. Two requests go out with the masked token before any answer; one learns that the server takes the
 * raw token. A review proved that the other, refused later, was dropped (the CRM never registered, or a batch of events
 * lost): it is now sent again with the token the server takes. The server delays one endpoint's 403 to make the race.
 */
class BridgeCsrfTokenRaceBrowserTest {

    static final Path SCRIPT = Path.of("../../embeddable-core/src/main/resources/io/github/embeddable4j/core/embeddable4j.js");
    static final String RAW = UUID.randomUUID().toString();
    static final String MASKED = mask(RAW);

    final List<String> log = new CopyOnWriteArrayList<>();
    volatile long serviceMaskedDelayMs;
    volatile long eventsMaskedDelayMs;
    HttpServer server;
    ExecutorService pool;
    int port;

    static String mask(String raw) {
        byte[] token = raw.getBytes(StandardCharsets.UTF_8);
        byte[] pad = new byte[token.length];
        new SecureRandom().nextBytes(pad);
        byte[] out = new byte[token.length * 2];
        System.arraycopy(pad, 0, out, 0, pad.length);
        for (int i = 0; i < token.length; i++) {
            out[token.length + i] = (byte) (pad[i] ^ token[i]);
        }
        return Base64.getUrlEncoder().encodeToString(out);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        port = server.getAddress().getPort();
        // The page on localhost, the widget's frame on 127.0.0.1: another origin, as the real loader's frame is. The
        // frame posts what the test asks with target '*', as the widget does, and says when it is ready.
        String frameOrigin = "http://127.0.0.1:" + port;
        server.createContext("/", ex -> {
            ex.getResponseHeaders().add("Set-Cookie", "XSRF-TOKEN=" + RAW + "; Path=/");
            send(ex, 200, "text/html", "<!doctype html><html><body><script>window.frameReady = false;"
                    + " addEventListener('message', function (e) { if (e.data && e.data.type === 'standin-ready') {"
                    + " window.frameReady = true; } });</script>"
                    + "<iframe id=\"wf\" src=\"" + frameOrigin + "/frame\"></iframe>"
                    + "<script src=\"/e4j.js\" data-endpoint=\"/events\" data-service=\"/service\" data-frame-id=\"wf\""
                    + " data-origins='[\"" + frameOrigin + "\"]' data-events=\"rc-call-ring-notify\""
                    + " data-csrf-header=\"X-XSRF-TOKEN\" data-csrf-token=\"" + MASKED + "\"></script></body></html>");
        });
        server.createContext("/frame", ex -> send(ex, 200, "text/html", "<!doctype html><html><body><script>"
                + "addEventListener('message', function (e) { if (e.data && e.data.type === 'standin-emit') {"
                + " parent.postMessage(e.data.event, '*'); } });"
                + "parent.postMessage({type: 'standin-ready'}, '*');</script></body></html>"));
        server.createContext("/e4j.js", ex -> send(ex, 200, "text/javascript", Files.readString(SCRIPT)));
        server.createContext("/events", ex -> csrfChecked(ex, "events", eventsMaskedDelayMs, 202, "{}"));
        server.createContext("/service", ex -> csrfChecked(ex, "service", serviceMaskedDelayMs, 200, "{\"messages\":[]}"));
        server.start();
    }

    /** csrf.spa(): the header must be the raw token; else a bare 403 (after a delay, for the masked token). */
    void csrfChecked(HttpExchange ex, String what, long maskedDelay, int status, String body) throws IOException {
        String body0 = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String h = ex.getRequestHeaders().getFirst("X-XSRF-TOKEN");
        String kind = RAW.equals(h) ? "raw" : MASKED.equals(h) ? "masked" : "other:" + h;
        log.add(what + " " + kind + " " + body0);
        if (RAW.equals(h)) {
            send(ex, status, "application/json", body);
        } else {
            sleep(maskedDelay);
            send(ex, 403, "text/plain", "");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    void openPage(HeadlessChromium chromium) {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> chromium.script("return !!(window.embeddable4j && window.frameReady);"));
    }

    void frameSends(HeadlessChromium chromium, String json) {
        chromium.script("document.getElementById('wf').contentWindow.postMessage({type: 'standin-emit',"
                + " event: JSON.parse(arguments[0])}, '*');", json);
    }

    static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\","
            + "\"callStatus\":\"webphone-session-connecting\"}}";

    /**
     * The registration is sent with the masked token; its 403 is slow to come back. Meanwhile an event batch, also
     * masked, is refused, sent again raw, and taken: bridge.csrf = 'raw'. The registration's 403 then arrives with
     * bridge.csrf set, and csrfAgain refuses to send it again: the CRM is never registered, though the server takes
     * the raw token the bridge now knows.
     */
    @Test
    void aRegistrationRefusedAfterAnotherRequestFixedTheRawTokenIsSentAgainRaw() throws Exception {
        serviceMaskedDelayMs = 2000;
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            openPage(chromium);
            frameSends(chromium, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
            frameSends(chromium, RING);
            long end = System.nanoTime() + 8_000_000_000L;
            while (log.stream().noneMatch(l -> l.startsWith("service raw")) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(log).as("requests; console: %s", chromium.console()).anyMatch(l -> l.startsWith("service raw"));
        }
    }

    /** The same race the other way: an event batch in flight with the masked token is dropped. */
    @Test
    void anEventBatchRefusedAfterAnotherRequestFixedTheRawTokenIsSentAgainRaw() throws Exception {
        eventsMaskedDelayMs = 2000;
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            openPage(chromium);
            frameSends(chromium, RING);
            long sent = System.nanoTime() + 5_000_000_000L; // the batch (masked) is on its way, its 403 slow
            while (log.stream().noneMatch(l -> l.startsWith("events masked")) && System.nanoTime() < sent) {
                Thread.sleep(20);
            }
            frameSends(chromium, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
            long end = System.nanoTime() + 8_000_000_000L;
            while (log.stream().noneMatch(l -> l.startsWith("events raw")) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(log).as("requests; console: %s", chromium.console()).anyMatch(l -> l.startsWith("events raw"));
        }
    }
}

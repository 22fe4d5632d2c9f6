package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A body that stops coming, on Reactor Netty: Netty waits for it forever, and its idle timeout (which the docs advised)
 * does not apply while a request is being read. Two red-team trials held hundreds of connections open for minutes with
 * a few bytes each. The bridge now gives a body a deadline of its own and answers {@code unreadable-body}, ending the
 * connection; and where the application sets Netty's own read timeout, that failure is the client's, answered the same
 * and logged at debug (each such request logged a WARN with a stack trace, and Reactor an ERROR, before).
 */
@ExtendWith(OutputCaptureExtension.class)
class BridgeStalledBodyOnNettyTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("stalled-body").build());
    private final WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(e -> { }).build();
    private DisposableServer server;

    @AfterEach
    void stop() {
        server.disposeNow();
        dispatcher.close();
    }

    private int start(Duration bodyTimeout, UnaryOperator<HttpServer> netty) {
        EmbeddableBridgeWebFilter bridge = new EmbeddableBridgeWebFilter(EMBEDDABLE, dispatcher, null, BridgeLimits.defaults(),
                "/embeddable4j");
        bridge.bodyTimeout = bodyTimeout;
        var handler = WebHttpHandlerBuilder.webHandler(exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            return exchange.getResponse().setComplete();
        }).filter(bridge).build();
        server = netty.apply(HttpServer.create().host("127.0.0.1").port(0)).handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow();
        return server.port();
    }

    @Test
    void aStalledBodyIsAnsweredAtTheBridgesDeadlineAndItsConnectionEnds(CapturedOutput output) throws Exception {
        int port = start(Duration.ofSeconds(1), s -> s.idleTimeout(Duration.ofMillis(300))); // the advice that did nothing
        try (Socket socket = stalled(port, 1000, "{\"tab\":")) {
            long start = System.nanoTime();
            String answer = answer(socket);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("{\"error\":\"unreadable-body\"")
                    .contains("did not arrive within 1 s").containsIgnoringCase("connection: close");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
        }
        assertThat(output.getAll()).doesNotContain("unexpected failure").doesNotContain("onErrorDropped");
    }

    @Test
    void aBodyTrickledInIsAnsweredAtTheDeadlineToo() throws Exception {
        int port = start(Duration.ofSeconds(1), s -> s);
        try (Socket socket = stalled(port, 1000, "{")) {
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(200);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long start = System.nanoTime();
            while (answer.size() == 0 && System.nanoTime() - start < 10_000_000_000L) {
                try {
                    out.write('"'); // a byte every 200 ms: never idle, never done
                    out.flush();
                    answer.write(socket.getInputStream().read());
                } catch (SocketTimeoutException stillWaiting) {
                    // no answer yet
                } catch (IOException closed) {
                    break;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The server ends the connection with trickled bytes unread, so a reset may follow its answer and cut the
            // read short: only the status line is read, at once (the stalled-body test above checks the rest).
            socket.setSoTimeout(5_000);
            try {
                answer.write(socket.getInputStream().readNBytes(11));
            } catch (SocketException reset) {
                // what came before it is kept
            }
            assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400");
            // a deadline for the whole body: a byte every 200 ms keeps any per-read timeout from firing
            assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
        }
    }

    @Test
    void nettysOwnReadTimeoutIsTheClientsFailureNotOurs(CapturedOutput output) throws Exception {
        int port = start(Duration.ofSeconds(30), s -> s.readTimeout(Duration.ofMillis(500)));
        for (int i = 0; i < 3; i++) {
            try (Socket socket = stalled(port, 1000, "{\"tab\":")) {
                assertThat(answer(socket)).startsWith("HTTP/1.1 400").contains("{\"error\":\"unreadable-body\"")
                        .contains("could not be read to its end"); // Netty's timeout, not the bridge's deadline
            }
        }
        Thread.sleep(200);
        // Nothing of the bridge's above debug, for what any client can send at will. (Reactor Netty logs an ERROR
        // "onErrorDropped" of its own for each read timeout, for any handler that reads a body: the bridge's own
        // deadline, above, is not one and logs nothing.)
        assertThat(output.getAll()).doesNotContain("unexpected failure").doesNotContain("EmbeddableBridgeWebFilter");
        String batch = "{\"tab\":\"0123456789abcdef\",\"events\":[]}";
        try (Socket socket = stalled(port, batch.length(), batch)) {
            socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII)); // (ignored: after the body)
            socket.shutdownOutput();
            assertThat(answer(socket)).as("the bridge goes on serving").startsWith("HTTP/1.1 202");
        }
    }

    /**
     * WebFlux holds no thread while a body stalls, but it holds the body's buffer (up to 512 KiB for a call-out) until
     * the deadline: the blocking bridges' cap applies, 8 bodies of one visitor at once (here the client's address: no
     * session), the next refused at once, unread, and its connection ended. The places come back with the answers.
     */
    @Test
    void oneClientsStalledBodiesAreCappedAsOnTheBlockingBridges() throws Exception {
        int port = start(Duration.ofSeconds(3), s -> s);
        java.util.List<Socket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < io.github.embeddable4j.core.bridge.BridgeEndpoints.MAX_BODY_READS; i++) {
                held.add(stalled(port, 1000, "{\"tab\":"));
            }
            Thread.sleep(300); // every stalled body taken up by the server
            long start = System.nanoTime();
            try (Socket ninth = stalled(port, 1000, "{\"tab\":")) {
                assertThat(answer(ninth)).startsWith("HTTP/1.1 429").contains("{\"error\":\"too-many-reads\"")
                        .containsIgnoringCase("connection: close");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at once, not at the deadline").isLessThan(Duration.ofSeconds(2));
            for (Socket socket : held) {
                assertThat(answer(socket)).startsWith("HTTP/1.1 400"); // each at its deadline
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        String batch = "{\"tab\":\"0123456789abcdef\",\"events\":[]}";
        try (Socket socket = stalled(port, batch.length(), batch)) {
            socket.shutdownOutput();
            assertThat(answer(socket)).as("every place given back").startsWith("HTTP/1.1 202");
        }
    }

    /** A POST to the events endpoint declaring {@code length} bytes, of which only {@code sent} come. */
    private static Socket stalled(int port, int length, String sent) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nSec-Fetch-Site: same-origin\r\nContent-Length: " + length
                + "\r\n\r\n" + sent).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Everything until the connection ends (or 10 s pass, which fails the read). */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}

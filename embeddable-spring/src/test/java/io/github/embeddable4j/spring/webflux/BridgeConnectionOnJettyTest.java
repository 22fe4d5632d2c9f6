package io.github.embeddable4j.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The WebFlux bridge on Jetty (WebFlux through Spring's servlet adapter, as a WebFlux application on
 * spring-boot-starter-jetty runs): a request refused with its body unread left a connection Jetty closed without
 * saying so. A WebFlux trial's client got a reset instead of the 413 for a body under a megabyte, and the next request
 * on a connection after a refusal got nothing. Now the body is read (and dropped) first, up to the drain limit, as the
 * servlet bridge does, and both requests on one connection are answered.
 */
class BridgeConnectionOnJettyTest {

    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}";
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static WidgetEventDispatcher dispatcher;
    private static Server jetty;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dispatcher = WidgetEventDispatcher.builder().listener(e -> RECEIVED.add(e.type())).build();
        EmbeddableBridgeWebFilter bridge = new EmbeddableBridgeWebFilter(
                Embeddable.of(EmbeddableConfig.builder().clientId("jetty-bridge").build()), dispatcher, null,
                BridgeLimits.defaults(), "/embeddable4j");
        var handler = WebHttpHandlerBuilder.webHandler(exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            return exchange.getResponse().setComplete();
        }).filter(bridge).build();
        jetty = WebFluxOnJetty.start(handler);
        port = WebFluxOnJetty.port(jetty);
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        dispatcher.close();
    }

    @Test
    void aRefusedRequestsConnectionCarriesTheNextRequest() throws Exception {
        String body = "{\"tab\":\"0123456789abcdef\",\"events\":[" + RING + "]}";
        try (Socket socket = socket()) {
            StringBuilder answers = new StringBuilder();
            for (String request : List.of(request("text/plain", "same-origin", body), request("application/json", "cross-site", body),
                    request("application/json", "same-origin", body))) {
                answers.append(send(socket, request));
            }
            assertThat(answers.toString()).startsWith("HTTP/1.1 415").contains("HTTP/1.1 403").contains("HTTP/1.1 202")
                    .doesNotContainIgnoringCase("connection: close");
        }
    }

    @Test
    void aBodyOverTheLimitIsReadSoTheClientGetsThe413AndTheConnectionGoesOn() throws Exception {
        // Over the events' limit, under the drain limit: unread, the client would still be sending it when Jetty
        // closed the connection, and the reset makes the client's system drop the 413 it had received.
        String tooLarge = request("application/json", "same-origin", "{\"tab\":\"0123456789abcdef\",\"events\":[" + RING
                + "],\"pad\":\"" + "x".repeat(700_000) + "\"}");
        try (Socket socket = socket()) {
            String answer = send(socket, tooLarge);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"too-large\"")
                    .doesNotContainIgnoringCase("connection: close");
            assertThat(send(socket, request("application/json", "same-origin",
                    "{\"tab\":\"0123456789abcdef\",\"events\":[" + RING + "]}"))).startsWith("HTTP/1.1 202");
        }
    }

    @Test
    void aBodyOverTheDrainLimitIsRefusedAndTheAnswerEndsTheConnection() throws Exception {
        String head = "POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                + "\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 5000000\r\n\r\n";
        try (Socket socket = socket()) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        }
    }

    /**
     * A client that waits for "100 Continue" before sending its body: a refusal reads nothing and ends the connection.
     * Here Spring's servlet adapter has asked for the body before any filter runs, so Jetty sends the "100 Continue"
     * anyway; a refusal that then read the body waited for one the client never sent, and gave no answer.
     */
    @Test
    void aRequestWaitingFor100ContinueIsRefusedWithoutBeingAskedForItsBody() throws Exception {
        String head = "POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                + "\r\nSec-Fetch-Site: same-origin\r\nExpect: 100-continue\r\nContent-Length: 600000\r\n\r\n";
        try (Socket socket = socket()) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream());
            if (answer.startsWith("HTTP/1.1 100")) {
                answer = readAnswer(socket.getInputStream()); // the adapter's, above
            }
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        }
    }

    private static Socket socket() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String request(String type, String fetchSite, String body) {
        return "POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + type
                + "\r\nSec-Fetch-Site: " + fetchSite + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    /** The head first, then the body a moment later, as HTTP clients write them (the server may decide before the body). */
    private static String send(Socket socket, String request) throws Exception {
        OutputStream out = socket.getOutputStream();
        int bodyAt = request.indexOf("\r\n\r\n") + 4;
        out.write(request.substring(0, bodyAt).getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(150);
        out.write(request.substring(bodyAt).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readAnswer(socket.getInputStream());
    }

    /** One answer with a Content-Length body; fails when the connection ends first. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection ended before an answer; so far: " + head);
            }
            head.append((char) c);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}

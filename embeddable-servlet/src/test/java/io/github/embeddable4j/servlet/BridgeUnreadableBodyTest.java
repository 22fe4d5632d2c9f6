package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.servlet.containers.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request body that cannot be read gets the bridge's short JSON 400 where the container lets the application answer
 * (Jetty answered with its HTML error page; a review found it), and the application keeps serving on each container.
 * Tomcat answers 400 itself as the read fails (a status report, not the read's stack trace), and Undertow ends such a
 * connection before anything can be answered.
 */
class BridgeUnreadableBodyTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("review").build());

    private static TestServer start(String container, jakarta.servlet.ServletContainerInitializer setup) throws Exception {
        return switch (container) {
            case "jetty" -> TestServer.jetty(setup);
            case "tomcat" -> TestServer.tomcat(setup);
            default -> TestServer.undertow(setup);
        };
    }

    /**
     * A chunked body whose chunk framing is broken (a size that is no hex number) after a first good chunk: the
     * container's read throws, and the bridge answers {@code unreadable-body}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void aBrokenChunkedBodyGetsTheBridgesShortJsonError(String container) throws Exception {
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(e -> { }).build();
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog();
                TestServer server = start(container, (classes, ctx) -> BridgeServlet.register(ctx,
                new BridgeServlet(EMBEDDABLE, dispatcher, BridgeLimits.defaults()), "/embeddable4j"))) {
            String head = "POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nSec-Fetch-Site: same-origin\r\nTransfer-Encoding: chunked\r\n\r\n";
            byte[] body = "b\r\n{\"events\":[\r\nzz\r\n]}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            String answer = RawHttp.exchange(server.port(), head, body);
            if (container.equals("undertow") && answer.isEmpty()) {
                // Undertow ends a connection whose chunks are broken, before any answer can be written
            } else if (container.equals("tomcat")) {
                // Tomcat answers 400 itself (sendError) as the read fails, and takes no answer of the application's;
                // its error page showed the read's stack trace, through the bridge's classes (a red-team trial)
                assertThat(answer).as(container).startsWith("HTTP/1.1 400 ").contains("Status Report")
                        .doesNotContain("Exception").doesNotContain("embeddable4j");
            } else {
                assertThat(answer).as(container).matches("(?s)HTTP/1\\.1 400 .*")
                        .contains("application/json").contains("{\"error\":\"unreadable-body\"").doesNotContain("Exception");
            }
            String next = RawHttp.exchange(server.port(), "GET /embeddable4j/embeddable4j.js HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\n\r\n", new byte[0]);
            assertThat(next).as(container + ": the next request").startsWith("HTTP/1.1 200");
            // Any client can send this at will: nothing above debug (the WebFlux bridge on Netty logged a WARN with a
            // stack trace for each, a red-team trial found)
            assertThat(log.lines()).as(container).noneMatch(l -> l.startsWith("WARNING") || l.startsWith("SEVERE"));
        } finally {
            dispatcher.close();
        }
    }

    /**
     * A body that stops short on Undertow with a read timeout (Spring Boot's Undertow has none: the read waits for
     * ever): the timeout closes the connection, and the read that was waiting throws an unchecked exception of
     * Undertow's (a NullPointerException in 2.3), which the bridge logged as a WARNING with its stack trace for every
     * such request, which any client can send (a trial). It is an unreadable body: nothing above debug.
     */
    @org.junit.jupiter.api.Test
    void aStalledBodyEndedByUndertowsReadTimeoutIsQuiet() throws Exception {
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(e -> { }).build();
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog();
                TestServer server = TestServer.undertowWithReadTimeout((classes, ctx) -> BridgeServlet.register(ctx,
                new BridgeServlet(EMBEDDABLE, dispatcher, BridgeLimits.defaults()), "/embeddable4j"), java.time.Duration.ofSeconds(1))) {
            String head = "POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 100\r\n\r\n";
            String answer = RawHttp.exchange(server.port(), head, "{\"tab\":\"".getBytes(StandardCharsets.US_ASCII));
            assertThat(answer).as("Undertow closes the connection at its timeout, or the bridge answers")
                    .matches("(?s)|HTTP/1\\.1 400 .*unreadable-body.*");
            String next = RawHttp.exchange(server.port(), "GET /embeddable4j/embeddable4j.js HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\n\r\n", new byte[0]);
            assertThat(next).as("the next request").startsWith("HTTP/1.1 200");
            Thread.sleep(300); // the stalled read's thread logs after the connection closed
            assertThat(log.lines()).noneMatch(l -> l.startsWith("WARNING") || l.startsWith("SEVERE"));
        } finally {
            dispatcher.close();
        }
    }

    /**
     * A charset the JVM does not know in the Content-Type, which any site can have a visitor's browser send (a no-cors
     * POST of {@code text/plain;charset=x-bogus}): refused as any such POST is, without a log line. Jetty's
     * {@code getContentType()} throws on it, and the bridge logged a WARNING with a stack trace for each request, before
     * its rate limit, and answered 400 (a review).
     */
    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void anUnknownCharsetIsRefusedQuietly(String container) throws Exception {
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(e -> { }).build();
        try (io.github.embeddable4j.servlet.testing.CapturedLog log = new io.github.embeddable4j.servlet.testing.CapturedLog();
                TestServer server = start(container, (classes, ctx) -> BridgeServlet.register(ctx,
                new BridgeServlet(EMBEDDABLE, dispatcher, BridgeLimits.defaults()), "/embeddable4j"))) {
            byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.US_ASCII);
            for (String type : List.of("text/plain;charset=UTF-8", "text/plain;charset=x-bogus", "application/json;charset=x-bogus")) {
                String answer = RawHttp.exchange(server.port(), "POST /embeddable4j/events HTTP/1.1\r\nHost: 127.0.0.1:"
                        + server.port() + "\r\nOrigin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\nContent-Type: "
                        + type + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
                assertThat(answer).as(container + ", " + type).matches("(?s)HTTP/1\\.1 (403|415) .*")
                        .contains("application/json").doesNotContain("Exception");
            }
            assertThat(log.lines()).as(container).noneMatch(l -> l.startsWith("WARNING") || l.startsWith("SEVERE"));
        } finally {
            dispatcher.close();
        }
    }
}

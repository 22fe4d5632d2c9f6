package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Why this module's pom takes Reactor Netty 1.3.8 over Boot 4.0.7's 1.3.6: with 1.3.6, a keep-alive request that
 * arrives while the previous one is still being answered off the event loop is buffered, and once it is answered
 * nothing asks the connection to read again, so the next request waits forever (reactor-netty#4361). It hung a CI run
 * of the sign-in tests. Here the race is forced (two requests sent together, the first answered late): on 1.3.6 the
 * third request goes unanswered on every connection; on 1.3.8 never. Fails when the override is dropped.
 */
class ReactorNettyKeepAliveTest {

    private static final String REQUEST = "GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Test
    void aKeepAliveConnectionKeepsReadingAfterABufferedRequest() throws Exception {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(request.uri().equals("/late")
                        ? Mono.delay(Duration.ofMillis(50)).thenReturn("ok") : Mono.just("ok")))
                .bindNow(Duration.ofSeconds(10));
        try {
            for (int connection = 0; connection < 5; connection++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(2000);
                    InputStream in = socket.getInputStream();
                    socket.getOutputStream().write((REQUEST.formatted("/late") + REQUEST.formatted("/now"))
                            .getBytes(StandardCharsets.US_ASCII));
                    assertThat(answers(in, 2)).as("the first two answers").isEqualTo(2);
                    socket.getOutputStream().write(REQUEST.formatted("/next").getBytes(StandardCharsets.US_ASCII));
                    assertThat(answers(in, 1)).as("the next request on the same connection, connection %d (reactor-netty %s)",
                            connection, HttpServer.class.getPackage().getImplementationVersion()).isEqualTo(1);
                }
            }
        } finally {
            server.disposeNow();
        }
    }

    /** How many answers arrive, up to {@code wanted}, before 2 s pass without a byte. */
    private static int answers(InputStream in, int wanted) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int seen = 0;
        try {
            while (seen < wanted) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                text.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                seen = text.toString().split("HTTP/1.1 200", -1).length - 1;
            }
        } catch (SocketTimeoutException e) {
            // unanswered
        }
        return seen;
    }
}

package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's pages answer GET and HEAD, and refuse every other method with a 405: HttpServlet's defaults echoed a
 * TRACE request's headers, cookies included, and answered an unknown method with a 501 (an endpoint audit).
 */
class PageMethodsTest {

    @Test
    void otherMethodsThanGetAndHeadAreRefusedWithout5xxOrEcho(@TempDir Path dir) throws Exception {
        Server app = ServletExampleApp.start(0, Embeddable.of(EmbeddableConfig.builder().build()), dir.resolve("counts.json"));
        try {
            int port = ServletExampleApp.port(app);
            assertThat(send(port, "GET")).startsWith("HTTP/1.1 200");
            assertThat(send(port, "HEAD")).startsWith("HTTP/1.1 200");
            for (String method : new String[] {"TRACE", "PROPFIND", "PUT", "DELETE", "POST"}) {
                String answer = send(port, method);
                assertThat(answer).as(method).startsWith("HTTP/1.1 405").containsIgnoringCase("allow: GET, HEAD")
                        .doesNotContain("secret-cookie");
            }
        } finally {
            app.stop();
        }
    }

    /** A request as written, with a cookie a TRACE would echo; the answer's head and the start of its body. */
    private static String send(int port, String method) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: id=secret-cookie\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            for (String line = in.readLine(); line != null && answer.length() < 4000; line = in.readLine()) {
                answer.append(line).append("\r\n");
            }
            return answer.toString();
        }
    }
}

package io.github.embeddable4j.spring.webflux;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/** A static HTML file as WebFlux's ResourceWebHandler answers it, and a raw HTTP exchange, for the HEAD tests. */
final class StaticPageHandler {

    static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>hello</body></html>";

    private StaticPageHandler() {
    }

    /** The file's headers (its length, Accept-Ranges), and for HEAD no body at all. */
    static WebHandler file() {
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            var response = exchange.getResponse();
            response.getHeaders().setContentType(MediaType.TEXT_HTML);
            response.getHeaders().setContentLength(page.length);
            response.getHeaders().set("Accept-Ranges", "bytes");
            if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
                return response.setComplete();
            }
            return response.writeWith(Mono.just(response.bufferFactory().wrap(page)));
        };
    }

    /** The raw answer to {@code method /page.html} in {@code version}, on a connection that closes after it. */
    static String exchange(String method, int port, String version) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " /page.html " + version + "\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}

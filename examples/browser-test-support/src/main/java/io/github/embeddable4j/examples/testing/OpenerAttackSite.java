package io.github.embeddable4j.examples.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Another site, on its own origin: its page at {@link #attackUrl} opens the application with {@code window.open} and,
 * every 100 ms while it can reach a frame of that window, posts a message to its first frame, which the widget's frame
 * takes from anyone. The page keeps {@code window.__posts} (how many it posted) and {@code window.__state}
 * ({@code closed} once its handle reads as closed, as an opener policy makes it). Other paths go to {@code others}
 * (RingCentral's authorize page, say), else 404.
 */
public final class OpenerAttackSite implements AutoCloseable {

    private final HttpServer server;

    /** A site whose page posts {@code message}, a JavaScript object literal. */
    public OpenerAttackSite(String message) {
        this(message, exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
    }

    /** The same, with a handler for every path but the page's. */
    public OpenerAttackSite(String message, HttpHandler others) {
        byte[] page = PAGE.formatted(message).getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/attack")) {
                others.handle(exchange);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            exchange.close();
        });
        server.start();
    }

    /** This site's origin, such as {@code http://127.0.0.1:41234}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The page that opens {@code target} and posts to its first frame. */
    public String attackUrl(String target) {
        return origin() + "/attack#" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final String PAGE = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>another site</title></head><body><script>
            window.__posts = 0;
            window.__state = 'opening';
            var w = window.open(decodeURIComponent(location.hash.substring(1)), 'victim');
            setInterval(function () {
              try {
                if (!w || w.closed) { window.__state = 'closed'; return; }
                window.__state = 'frames: ' + w.frames.length;
                if (w.frames.length > 0) {
                  w.frames[0].postMessage(%s, '*');
                  window.__posts++;
                }
              } catch (e) { window.__state = 'error: ' + e; }
            }, 100);
            </script></body></html>
            """;
}

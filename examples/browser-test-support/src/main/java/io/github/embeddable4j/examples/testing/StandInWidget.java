package io.github.embeddable4j.examples.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the widget's hosting folder, since the real widget cannot load without internet. Configure the
 * app under test with {@code hosting = }{@link #baseUrl()} (self-hosted). It serves:
 * <ul>
 *   <li>{@code adapter.js}: records the URL it was loaded with in {@code window.__standInAdapter.src} (and counts
 *       loads in {@code .count}); the server records every request URI in {@link #requests()};</li>
 *   <li>{@code app.html}: a widget page that posts real-shaped events to its parent (see {@link #APP_HTML});</li>
 *   <li>{@code foreign.html}: a page that forges widget messages (see {@link #FOREIGN_HTML}).</li>
 * </ul>
 * It runs on the JDK's own HTTP server, on 127.0.0.1: a different origin from the app under test on localhost.
 */
public final class StandInWidget implements AutoCloseable {

    /**
     * The stand-in loader: records the URL it was loaded with, and (like the real adapter.js) creates
     * {@code #<prefix>-adapter-frame} showing app.html from its own folder, on window load or on
     * {@code RCAdapterInit()} when the page asked for manual init.
     */
    static final String ADAPTER_JS = """
            (function () {
              var s = document.currentScript;
              var src = s ? s.src : null;
              var previous = window.__standInAdapter;
              window.__standInAdapter = { src: src, count: previous ? previous.count + 1 : 1 };
              var query = src && src.indexOf('?') >= 0 ? src.substring(src.indexOf('?') + 1) : '';
              var params = new URLSearchParams(query);
              var base = src ? src.substring(0, src.lastIndexOf('/', src.indexOf('?') >= 0 ? src.indexOf('?') : src.length) + 1) : '';
              var prefix = params.get('prefix') || 'rc-widget';
              function init() {
                if (window.RCAdapter) { return; }
                window.RCAdapter = { setMinimized: function (m) { window.__standInMinimized = m; } };
                var box = document.createElement('div');
                box.id = prefix;
                box.style.cssText = 'position:fixed;right:0;bottom:0;width:300px;height:500px';
                var frame = document.createElement('iframe');
                frame.id = prefix + '-adapter-frame';
                params.set('fromAdapter', '1');
                frame.src = base + 'app.html?' + params.toString();
                frame.style.cssText = 'width:100%;height:100%;border:0';
                box.appendChild(frame);
                document.body.appendChild(box);
              }
              window.RCAdapterInit = init;
              if (!window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT) {
                if (document.readyState === 'complete') { init(); } else { window.addEventListener('load', init); }
              }
            })();
            """;

    /** A page on some origin that posts widget-shaped messages to its parent: what a forged sender would do. */
    public static final String FOREIGN_HTML = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>foreign</title></head><body>
            <script>
            (function () {
              var n = 0;
              var timer = setInterval(function () {
                window.parent.postMessage({ type: 'rc-call-ring-notify', call: { from: '+19995550000', direction: 'Inbound' } }, '*');
                window.parent.postMessage({ type: 'rc-login-status-notify', loggedIn: true, loginNumber: 'forged' }, '*');
                if (++n >= 5) { clearInterval(timer); }
              }, 100);
            })();
            </script></body></html>
            """;

    /**
     * The stand-in app.html: announces itself like the widget does (login status, dialer ready), records every
     * command it receives in {@code window.__received} and echoes it back as {@code standin-received} (with the
     * origin it came from), and on command {@code standin-emit} posts the given event to its parent.
     */
    public static final String APP_HTML = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>stand-in widget</title></head><body>
            <script>
            (function () {
              function post(msg) { window.parent.postMessage(msg, '*'); }
              window.__received = [];
              window.addEventListener('message', function (e) {
                var d = e.data || {};
                if (d.type === 'standin-emit') { post(d.event); return; }
                window.__received.push({ origin: e.origin, command: d });
                post({ type: 'standin-received', origin: e.origin, command: d });
              });
              post({ type: 'rc-login-status-notify', loggedIn: true, loginNumber: '+16505550100*101' });
              post({ type: 'rc-dialer-status-notify', ready: true });
            })();
            </script></body></html>
            """;

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public StandInWidget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        requests.add(uri);
        String path = exchange.getRequestURI().getPath();
        String body;
        String type;
        if (path.matches("/adapter(\\.[a-z]+)?\\.js")) {
            body = ADAPTER_JS;
            type = "text/javascript; charset=utf-8";
        } else if (path.equals("/app.html")) {
            body = APP_HTML;
            type = "text/html; charset=utf-8";
        } else if (path.equals("/foreign.html")) {
            body = FOREIGN_HTML;
            type = "text/html; charset=utf-8";
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The folder to configure as self-hosted, such as {@code http://127.0.0.1:41234/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The origin the stand-in widget runs on. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The query parameters of a URL, decoded as the widget decodes them, in order. */
    public static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    /** How many times the loader file was requested. */
    public long adapterRequests() {
        return requests.stream().filter(r -> r.startsWith("/adapter")).count();
    }

    /** Every request URI (path and query) received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

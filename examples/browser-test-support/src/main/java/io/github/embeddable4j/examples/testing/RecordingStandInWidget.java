package io.github.embeddable4j.examples.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openqa.selenium.By;

/**
 * {@link StandInWidget} whose frame also keeps one timeline of everything it posts and receives, in order, in
 * {@code window.__timeline}: entries {@code {dir: 'out' | 'in', type, data}} ({@code 'in'} ones also carry
 * {@code origin}). The two directions in one list show what a test cannot see otherwise, such as "the page registered
 * the service only after the widget's first login status", or "this answer came after that call-out".
 *
 * <p>Everything else is the stand-in's: the same loader, app.html, foreign.html, topologies and hooks (the frame
 * posts {@code standin-emit} events to its parent, records commands in {@code window.__received}).
 */
public final class RecordingStandInWidget implements AutoCloseable {

    /** The stand-in's posting function, which the recorder replaces. */
    private static final String POST = "function post(msg) { window.parent.postMessage(msg, '*'); }";

    /**
     * The recorder: declared where the stand-in's {@code post} was, so it runs before the stand-in posts anything, and
     * its listener is added before the stand-in's, so receipts are recorded in the order they arrive.
     */
    private static final String RECORDING_POST = """
            window.__timeline = [];
              window.addEventListener('message', function (e) {
                window.__timeline.push({ dir: 'in', origin: e.origin, type: e.data && e.data.type, data: e.data });
              });
              function post(msg) {
                window.__timeline.push({ dir: 'out', type: msg && msg.type, data: msg });
                window.parent.postMessage(msg, '*');
              }""";

    private final StandInWidget.Topology topology;
    private final String appHtml;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer loaderServer;
    private final HttpServer frameServer;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean stillLoading;

    /**
     * @throws IllegalStateException when the stand-in's page no longer has the posting function this recorder wraps
     */
    public RecordingStandInWidget(StandInWidget.Topology topology, boolean loggedIn) throws IOException {
        if (!StandInWidget.APP_HTML.contains(POST)) {
            throw new IllegalStateException("StandInWidget.APP_HTML no longer defines '" + POST + "': update "
                    + RecordingStandInWidget.class.getSimpleName() + " to record what its frame posts");
        }
        this.topology = topology;
        this.appHtml = StandInWidget.APP_HTML.replace(POST, RECORDING_POST).formatted(loggedIn, "null");
        loaderServer = start();
        frameServer = topology == StandInWidget.Topology.OTHER_ORIGIN ? start() : loaderServer;
    }

    /**
     * The frame's timeline, oldest first (switches into the frame and back).
     *
     * @param frame how to find the widget's {@code <iframe>}, such as {@code By.id("rc-widget-adapter-frame")}
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> timeline(HeadlessChromium chromium, By frame) {
        chromium.driver().switchTo().frame(chromium.driver().findElement(frame));
        try {
            Object timeline = chromium.script("return window.__timeline || []");
            return (List<Map<String, Object>>) timeline;
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }

    private HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> handle(server, exchange));
        server.setExecutor(executor);
        server.start();
        return server;
    }

    private void handle(HttpServer server, HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        String path = exchange.getRequestURI().getPath();
        boolean onLoader = server == loaderServer;
        String body = null;
        String type = "text/html; charset=utf-8";
        if (onLoader && path.matches("/adapter(\\.[a-z]+)?\\.js")) {
            body = StandInWidget.ADAPTER_JS.formatted(frameOrigin() + "/");
            type = "text/javascript; charset=utf-8";
        } else if (path.equals("/app.html")) {
            body = stillLoading ? StandInWidget.STILL_LOADING_HTML : appHtml;
        } else if (onLoader && path.equals("/foreign.html")) {
            body = StandInWidget.FOREIGN_HTML;
        }
        if (body == null) {
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

    /** As {@link StandInWidget#stillLoading}: while true, the frame's page reports nothing. Returns this widget. */
    public RecordingStandInWidget stillLoading(boolean loading) {
        this.stillLoading = loading;
        return this;
    }

    public StandInWidget.Topology topology() {
        return topology;
    }

    /** The loader's folder, to configure as self-hosted, such as {@code http://127.0.0.1:41234/}. */
    public String baseUrl() {
        return loaderOrigin() + "/";
    }

    /** The origin the loader is served from. */
    public String loaderOrigin() {
        return "http://127.0.0.1:" + loaderServer.getAddress().getPort();
    }

    /** The origin the widget's frame runs on. */
    public String frameOrigin() {
        return "http://127.0.0.1:" + frameServer.getAddress().getPort();
    }

    /** How many times the loader file was requested. */
    public long adapterRequests() {
        return requests.stream().filter(r -> r.startsWith("/adapter")).count();
    }

    /** Every request URI (path and query) received by either server, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        loaderServer.stop(0);
        if (frameServer != loaderServer) {
            frameServer.stop(0);
        }
        executor.shutdownNow();
    }
}

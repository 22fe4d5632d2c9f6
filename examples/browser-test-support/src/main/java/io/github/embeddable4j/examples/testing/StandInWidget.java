package io.github.embeddable4j.examples.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the widget, since the real one cannot load without internet. It models the real widget's quirks:
 * <ul>
 *   <li><b>Topology</b>: the real built loader frames the {@code HOSTING_URL} baked into its build, not the
 *       {@code app.html} next to itself. {@link Topology#OTHER_ORIGIN} serves the loader and the frame from two
 *       origins (configure the app under test with {@code frameOrigins = }{@link #frameOrigin()}, as a self-hosted
 *       copy of a built loader needs); {@link Topology#SAME_ORIGIN} serves both from one.</li>
 *   <li><b>Message order</b>: like the real widget right after loading, the frame posts 12 housekeeping messages and
 *       then {@code rc-login-status-notify} (last, see {@link #STARTUP_SEQUENCE}), all with target {@code '*'};
 *       with {@code loggedIn} it then reports a login, as a widget restoring a stored session does.</li>
 * </ul>
 * Configure the app under test with {@code hosting = }{@link #baseUrl()} (self-hosted). It serves:
 * <ul>
 *   <li>{@code adapter.js} (on the loader origin): records the URL it was loaded with in
 *       {@code window.__standInAdapter.src} (and counts loads in {@code .count}) and, like the real one, creates
 *       {@code #<prefix>-adapter-frame} on window load, on {@code RCAdapterInit()} when the page asked for manual
 *       init, or at once when the page has loaded; {@code RCAdapterDispose()} removes it;</li>
 *   <li>{@code app.html} (on both origins: the loader frames the frame origin's, an {@code <iframe>} embed uses the
 *       loader origin's): the widget page, see {@link #APP_HTML};</li>
 *   <li>{@code foreign.html} (on the loader origin): a page that forges widget messages, see {@link #FOREIGN_HTML}.</li>
 * </ul>
 * Both run on the JDK's HTTP server, on 127.0.0.1: other origins than the app under test on localhost.
 */
public final class StandInWidget implements AutoCloseable {

    /** Where the frame runs, relative to the loader. */
    public enum Topology {
        /** app.html next to adapter.js: what our old stand-in assumed, and what a self-built widget may do. */
        SAME_ORIGIN,
        /** app.html on another origin than adapter.js: what the real built loader does. */
        OTHER_ORIGIN
    }

    /** The messages the real widget posts right after loading, before any login, in this order (measured). */
    public static final List<String> STARTUP_SEQUENCE = List.of("rc-dialer-status-notify", "rc-meeting-status-notify",
            "rc-brand-assets-notify", "rc-webphone-connection-status-notify", "rc-adapter-pushAdapterState",
            "rc-adapter-syncPresence", "rc-adapter-pushLocale", "rc-adapter-theme-notify",
            "rc-adapter-ai-assistant-settings-notify", "rc-adapter-syncSize", "rc-adapter-side-drawer-open-notify",
            "rc-route-changed-notify", "rc-login-status-notify");

    /**
     * The stand-in loader: records the URL it was loaded with and creates {@code #<prefix>-adapter-frame} showing
     * {@code FRAME_BASE + app.html} (the build's baked-in hosting URL) with the loader's parameters.
     */
    static final String ADAPTER_JS = """
            (function () {
              var FRAME_BASE = '%s';
              var s = document.currentScript;
              var src = s ? s.src : null;
              var previous = window.__standInAdapter;
              window.__standInAdapter = { src: src, count: previous ? previous.count + 1 : 1 };
              var query = src && src.indexOf('?') >= 0 ? src.substring(src.indexOf('?') + 1) : '';
              var params = new URLSearchParams(query);
              var prefix = params.get('prefix') || 'rc-widget';
              function init() {
                if (window.RCAdapter) { return; }
                window.RCAdapter = { setMinimized: function (m) { window.__standInMinimized = m; } };
                var box = document.createElement('div');
                box.id = prefix;
                box.style.cssText = 'position:fixed;right:0;bottom:0;width:300px;height:500px';
                // As the real loader does, the box's content is markup set through innerHTML: a page served as
                // application/xhtml+xml parses it as XML.
                box.innerHTML = '<header draggable="false"><img draggable="false"></img></header>'
                    + '<div class="frame-container"><iframe allow="microphone; autoplay" ></iframe></div>';
                var frame = box.querySelector('iframe');
                frame.id = prefix + '-adapter-frame';
                params.set('fromAdapter', '1');
                params.set('_t', String(Date.now()));
                frame.src = FRAME_BASE + 'app.html?' + params.toString();
                frame.style.cssText = 'width:100%%;height:100%%;border:0';
                document.body.appendChild(box);
              }
              window.RCAdapterInit = init;
              window.RCAdapterDispose = function () {
                var box = document.getElementById(prefix);
                if (box) { box.parentNode.removeChild(box); }
                window.RCAdapter = null;
              };
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
              function forge() {
                window.parent.postMessage({ type: 'rc-call-ring-notify', call: { id: 'forged-1', from: '+19995550000', direction: 'Inbound', callStatus: 'webphone-session-connecting' } }, '*');
                window.parent.postMessage({ type: 'rc-login-status-notify', loggedIn: true, loginNumber: 'forged' }, '*');
              }
              var n = 0;
              var timer = setInterval(function () {
                forge();
                if (++n >= 5) { clearInterval(timer); }
              }, 100);
              // And again when a test asks, once it listens: the five at load may come before it does.
              window.addEventListener('message', function (e) {
                if (e.data && e.data.type === 'forge-again') { forge(); }
              });
            })();
            </script></body></html>
            """;

    /**
     * The stand-in app.html. On load it posts {@link #STARTUP_SEQUENCE} to its parent with target {@code '*'}
     * (login status last, logged out), then, when {@code LOGGED_IN}, a login as {@code +16505550100*101} and a ready
     * dialer. It records every command it receives in {@code window.__received} and echoes it to its parent as
     * {@code standin-received} (with the origin it came from). Test hooks, sent to the frame: {@code standin-emit}
     * posts the given event; {@code standin-open-login} opens the given URL as the login popup (as the widget opens
     * its OAuth page), {@code standin-open-sso-frame} in a hidden frame named {@code SSOIframe} inside its own (as the
     * widget's SSO login does, so the page at the URL has the application's page as an ancestor too); a message carrying {@code callbackUri} (what a redirect page sends) is echoed as
     * {@code standin-callback} with its origin and then reported as a fresh login ({@code isFreshLogin: true}), like the
     * widget after a code exchange; a restored session reports {@code isFreshLogin: false}.
     *
     * <p>A one-time login in its URL ({@code authorizationCode}, sign in once's handoff) is used as the real widget's
     * {@code OAuth} module uses it: when nobody is logged in, or the login kept is for another {@code externalAuthId}
     * than the URL's (kept in {@code localStorage} under {@code <prefix>-external-auth-id} after a code login, made or
     * failed, and cleared by nothing), the
     * frame posts the code with {@code authorizationCodeVerifier}, {@code redirectUri} and {@code clientId} to the
     * token endpoint ({@code <appServer>/restapi/oauth/token}, or the one given to {@link #exchangingCodesAt}), from its
     * own origin, after restoring a stored login. As the real widget's {@code Auth.login()}, it is logging in meanwhile,
     * which its Adapter reports as {@code loggedIn: false} when a login was restored; a 200 is reported as a fresh
     * login; anything else is only logged, and the widget stays logged out (the login it had is gone). It posts
     * {@code standin-code-login} ({@code ok}) either way, for tests. (Simplified: whether a load restores a login is the
     * constructor's {@code loggedIn}; a login made in the frame is not kept.)
     */
    public static final String APP_HTML = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>stand-in widget</title></head><body>
            <script>
            (function () {
              var LOGGED_IN = %s;
              var TOKEN_ENDPOINT = %s;
              var q = new URLSearchParams(location.search);
              var keptAuthId = q.get('prefix') || 'rc-widget';
              keptAuthId += '-external-auth-id';
              function post(msg) { window.parent.postMessage(msg, '*'); }
              // The real widget's OAuth module: a code in the URL logs in when nobody is, or when the login kept is
              // for another externalAuthId; the exchange is the browser's, from the frame's origin.
              function loginWithCode() {
                var code = q.get('authorizationCode');
                var externalAuthId = q.get('externalAuthId') || '';
                if (!code || (LOGGED_IN && (!externalAuthId || externalAuthId === localStorage.getItem(keptAuthId)))) {
                  return;
                }
                // Auth.login() sets "logging in" first, which the Adapter reports as a logout of the login it had
                if (LOGGED_IN) {
                  post({ type: 'rc-login-status-notify', loggedIn: false, admin: false, features: {}, isFreshLogin: true });
                }
                var server = q.get('appServer') || 'https://platform.ringcentral.com';
                var form = new URLSearchParams({ grant_type: 'authorization_code', code: code,
                    redirect_uri: q.get('redirectUri') || '', client_id: q.get('clientId') || '',
                    code_verifier: q.get('authorizationCodeVerifier') || '' });
                fetch(TOKEN_ENDPOINT || server + '/restapi/oauth/token', { method: 'POST', body: form })
                  .then(function (r) { if (!r.ok) { throw new Error('token endpoint answered ' + r.status); } return r.json(); })
                  .then(function () {
                    localStorage.setItem(keptAuthId, externalAuthId);
                    post({ type: 'standin-code-login', ok: true });
                    login(true);
                  }, function (e) {
                    // the real widget keeps the id after a failed login too (it sets it once the attempt is over)
                    localStorage.setItem(keptAuthId, externalAuthId);
                    console.error('stand-in widget: the login with a code failed: ' + e.message);
                    post({ type: 'standin-code-login', ok: false });
                  });
              }
              // fresh: a login just made (its popup's code exchanged), as the real widget reports it; not fresh: a
              // stored session restored at load
              function login(fresh) {
                post({ type: 'rc-login-status-notify', loggedIn: true, loginNumber: '+16505550100*101', admin: false,
                       features: { sms: true, call: true }, isFreshLogin: fresh });
                post({ type: 'rc-dialer-status-notify', ready: true });
              }
              window.__received = [];
              window.addEventListener('message', function (e) {
                var d = e.data || {};
                if (d.callbackUri) {
                  post({ type: 'standin-callback', origin: e.origin, callbackUri: d.callbackUri });
                  login(true);
                  return;
                }
                if (d.type === 'standin-emit') { post(d.event); return; }
                if (d.type === 'standin-open-login') { window.open(d.url, 'rc-oauth', 'width=600,height=600'); return; }
                if (d.type === 'standin-open-sso-frame') { // the widget's hidden SSO frame, inside its own
                  var sso = document.createElement('iframe');
                  sso.name = 'SSOIframe';
                  sso.style.display = 'none';
                  sso.src = d.url;
                  document.body.appendChild(sso);
                  return;
                }
                window.__received.push({ origin: e.origin, command: d });
                post({ type: 'standin-received', origin: e.origin, command: d });
              });
              post({ type: 'rc-dialer-status-notify', ready: false });
              post({ type: 'rc-meeting-status-notify', ready: false, permission: false });
              post({ type: 'rc-brand-assets-notify', logoUri: 'logo.svg', iconUri: 'icon.svg' });
              post({ type: 'rc-webphone-connection-status-notify', connectionStatus: 'connectionStatus-disconnected' });
              post({ type: 'rc-adapter-pushAdapterState', size: { width: 300, height: 500 }, minimized: false, closed: false,
                position: { translateX: 0, translateY: 0, minTranslateX: 0, minTranslateY: 0 },
                telephonyStatus: null, userStatus: null, dndStatus: null }); // all of it: the real loader reads position
              post({ type: 'rc-adapter-syncPresence', telephonyStatus: 'NoCall', userStatus: 'Available', dndStatus: 'TakeAllCalls' });
              post({ type: 'rc-adapter-pushLocale', locale: 'en-US', strings: {} });
              post({ type: 'rc-adapter-theme-notify', theme: 'light' });
              post({ type: 'rc-adapter-ai-assistant-settings-notify', showAiAssistantWidget: false, autoStartAiAssistant: false });
              post({ type: 'rc-adapter-syncSize', size: { width: 300, height: 500 } });
              post({ type: 'rc-adapter-side-drawer-open-notify', open: false });
              post({ type: 'rc-route-changed-notify', path: '/' });
              post({ type: 'rc-login-status-notify', loggedIn: false, admin: false, features: {}, isFreshLogin: null });
              // As the real widget: a stored login is restored first, then a code for another externalAuthId replaces it.
              if (LOGGED_IN) { setTimeout(function () { login(false); loginWithCode(); }, 50); } else { loginWithCode(); }
            })();
            </script></body></html>
            """;

    /** The frame's page while {@link #stillLoading}: the widget's app before it reports anything. */
    static final String STILL_LOADING_HTML = "<!DOCTYPE html><html><head><title>stand-in widget, loading</title></head></html>";

    private final Topology topology;
    private final boolean loggedIn;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer loaderServer;
    private final HttpServer frameServer;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String tokenEndpoint;
    private volatile boolean stillLoading;
    private volatile Duration appDelay = Duration.ZERO;

    /** Frame on another origin than the loader (as the real loader), a user logged in after startup. */
    public StandInWidget() throws IOException {
        this(Topology.OTHER_ORIGIN, true);
    }

    /** {@link #StandInWidget()} for a test's static field. */
    public static StandInWidget running() {
        try {
            return new StandInWidget();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public StandInWidget(Topology topology, boolean loggedIn) throws IOException {
        this.topology = topology;
        this.loggedIn = loggedIn;
        loaderServer = start();
        frameServer = topology == Topology.OTHER_ORIGIN ? start() : loaderServer;
    }

    /** {@link #APP_HTML} for a widget with or without a login to restore, exchanging codes at an endpoint or not. */
    static String appHtml(boolean loggedIn, String tokenEndpoint) {
        if (tokenEndpoint != null && !tokenEndpoint.matches("https?://[A-Za-z0-9.:\\[\\]-]+/[A-Za-z0-9/._-]*")) {
            throw new IllegalArgumentException("not a plain URL: " + tokenEndpoint);
        }
        return APP_HTML.formatted(loggedIn, tokenEndpoint == null ? "null" : "'" + tokenEndpoint + "'");
    }

    /**
     * Where the frame exchanges a one-time login's code, instead of the {@code appServer}'s token endpoint (a mock
     * authorization server on loopback, say). Returns this widget.
     */
    public StandInWidget exchangingCodesAt(String tokenEndpoint) {
        appHtml(loggedIn, tokenEndpoint); // checks it
        this.tokenEndpoint = tokenEndpoint;
        return this;
    }

    /**
     * While true, the frame's page reports nothing, as the real widget's app while it is still loading (a user who
     * leaves the page then never gets a word from it). Returns this widget.
     */
    public StandInWidget stillLoading(boolean loading) {
        this.stillLoading = loading;
        return this;
    }

    /**
     * Serves the frame's page only after this delay, as a slow network or a busy machine does: the page has the frame
     * element long before the widget's app in it listens. Returns this widget.
     */
    public StandInWidget appDelay(Duration delay) {
        this.appDelay = java.util.Objects.requireNonNull(delay, "delay"); // here, not in the server's thread
        return this;
    }

    private HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> handle(server, exchange));
        server.setExecutor(executor);
        server.start();
        return server;
    }

    private void handle(HttpServer server, HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        requests.add(uri);
        String path = exchange.getRequestURI().getPath();
        boolean onLoader = server == loaderServer;
        String body = null;
        String type = "text/html; charset=utf-8";
        if (onLoader && path.matches("/adapter(\\.[a-z]+)?\\.js")) {
            body = ADAPTER_JS.formatted(frameBaseUrl());
            type = "text/javascript; charset=utf-8";
        } else if (path.equals("/app.html")) {
            // The frame origin serves the loader's frame; the loader's origin serves app.html too (for iframe mode),
            // as apps.ringcentral.com does.
            body = stillLoading ? STILL_LOADING_HTML : appHtml(loggedIn, tokenEndpoint);
            pause(appDelay);
        } else if (onLoader && path.equals("/foreign.html")) {
            body = FOREIGN_HTML;
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

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Topology topology() {
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

    /** The origin the widget's frame runs on: the loader's in {@link Topology#SAME_ORIGIN}, another one otherwise. */
    public String frameOrigin() {
        return "http://127.0.0.1:" + frameServer.getAddress().getPort();
    }

    private String frameBaseUrl() {
        return frameOrigin() + "/";
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

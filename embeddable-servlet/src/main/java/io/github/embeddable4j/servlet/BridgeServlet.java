package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.bridge.BridgeError;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.bridge.ServiceRelay;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The server end of the widget bridge, at three paths under a mount (default {@code /embeddable4j}; {@link #register}):
 * <ul>
 *   <li>{@code GET <mount>/embeddable4j.js}: the client glue, which the filter puts on pages next to the loader;</li>
 *   <li>{@code POST <mount>/events}: the widget events the glue forwards, handed to the {@link WidgetEventDispatcher}'s
 *       listeners, each attributed to the request's session (as an opaque key) and user;</li>
 *   <li>{@code POST <mount>/service}, with a {@link io.github.embeddable4j.core.crm.ThirdPartyService}: the widget's
 *       CRM call-outs, answered by the service.</li>
 * </ul>
 * The user is the request's {@code getUserPrincipal()}: the container's sign-in, or Spring Security's. An application
 * that keeps its user in the session only (a sign-in of its own) names it with {@link #withUser}, asked where the
 * request has no principal; without that, its events and call-outs come with no user ({@code Caller.userName()} is
 * empty).
 * It is hard to abuse: same origin only, {@code application/json} only, a body limit, an event-count limit per batch and
 * a per-session rate limit ({@link BridgeLimits}); a full dispatcher queue answers 429 too. Every refusal is a 4xx with
 * a short JSON error ({@link BridgeError}), never a 500 page or a stack trace, counted by reason in
 * {@link #refusals()}; listeners run off the request thread.
 *
 * <pre>{@code BridgeServlet.register(servletContext, new BridgeServlet(embeddable, dispatcher), "/embeddable4j");}</pre>
 */
public final class BridgeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(BridgeServlet.class.getName());
    }

    /**
     * How much of a refused request's unread body is read so that the client gets the answer and its connection can
     * be reused (see finishReading): twice the largest body an endpoint takes, so a body refused as too large is
     * read too. Tomcat swallows up to 2 MB itself ({@code maxSwallowSize}); Jetty does not.
     */
    static final int DRAIN_LIMIT = BridgeEndpoints.DRAIN_BYTES;
    /** The default mount path. */
    public static final String DEFAULT_MOUNT = BridgeEndpoints.DEFAULT_MOUNT;
    /** The glue's file name under the mount path. */
    public static final String SCRIPT = BridgeEndpoints.SCRIPT;
    /** The event endpoint under the mount path. */
    public static final String EVENTS = BridgeEndpoints.EVENTS;
    /** The third-party service endpoint under the mount path. */
    public static final String SERVICE = BridgeEndpoints.SERVICE;

    private final transient BridgeEndpoints endpoints;
    private final transient BridgeRefusals refusals;
    private final boolean scriptOnly;
    private transient byte[] glue;
    private transient @Nullable EmbeddableSelector selector;
    private transient @Nullable AppUserResolver users;
    private final transient io.github.embeddable4j.core.bridge.AppUserLookup userLookup =
            new io.github.embeddable4j.core.bridge.AppUserLookup("AppUserResolver", BridgeServlet.class.getName());
    /** How long a request's body may take to arrive: {@link BridgeEndpoints#BODY_TIMEOUT}, shorter in tests. */
    Duration bodyTimeout = BridgeEndpoints.BODY_TIMEOUT;

    /** The event endpoint for the dispatcher's listeners, with the default limits ({@link BridgeLimits#defaults()}). */
    public BridgeServlet(Embeddable embeddable, WidgetEventDispatcher dispatcher) {
        this(embeddable, dispatcher, BridgeLimits.defaults());
    }

    /** The event endpoint with limits of your own (body size, events per batch, requests per session). */
    public BridgeServlet(Embeddable embeddable, WidgetEventDispatcher dispatcher, BridgeLimits limits) {
        this(embeddable, dispatcher, null, limits);
    }

    /**
     * With a third-party service (may be null): {@code POST <mount>/service} then registers it with the widget and
     * answers the widget's call-outs, with the same abuse rules as the event endpoint, asynchronously (register the
     * servlet async-supported; {@link #register} does).
     */
    public BridgeServlet(Embeddable embeddable, WidgetEventDispatcher dispatcher, @Nullable ThirdPartyService service,
            BridgeLimits limits) {
        this(embeddable, dispatcher, service, limits, new BridgeRefusals());
    }

    /**
     * The same, counting its refusals in {@code refusals}, which may be shared (with a metrics binder, or another
     * bridge).
     */
    public BridgeServlet(Embeddable embeddable, WidgetEventDispatcher dispatcher, @Nullable ThirdPartyService service,
            BridgeLimits limits, BridgeRefusals refusals) {
        this(new BridgeEndpoints(embeddable, dispatcher, service, limits), refusals, false);
    }

    private BridgeServlet(BridgeEndpoints endpoints, BridgeRefusals refusals, boolean scriptOnly) {
        this.endpoints = endpoints;
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.scriptOnly = scriptOnly;
    }

    /**
     * A bridge with nothing behind it, for an application where nothing listens to widget events: it serves the glue
     * script (pages and the Vaadin component load it) and answers its endpoints with the short JSON 404, as if they
     * were not there.
     *
     * <pre>{@code BridgeServlet.register(servletContext, BridgeServlet.scriptOnly(embeddable, new BridgeRefusals()), "/embeddable4j");}</pre>
     */
    public static BridgeServlet scriptOnly(Embeddable embeddable, BridgeRefusals refusals) {
        return new BridgeServlet(new BridgeEndpoints(embeddable, WidgetEventDispatcher.none(), null, BridgeLimits.defaults()),
                refusals, true);
    }

    /**
     * In an application serving several tenants ({@link EmbeddableFilter#withSelector}): each request's events and
     * call-outs carry the widget {@code selector} picks for it ({@code event.widget()}, {@code caller.widget()}), so
     * listeners and the service can tell the tenant; where it picks none (a tenant without RingCentral, whose pages have
     * no bridge script), every endpoint answers the short JSON 404. The selector is asked for the bridge's own path:
     * pick by host or user, not by a page's path. Call it before the servlet is initialised.
     *
     * <pre>{@code new BridgeServlet(defaults, dispatcher).withSelector(request -> tenants.widgetFor(request.getServerName()))}</pre>
     */
    public BridgeServlet withSelector(EmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * Names the user of each request's events and call-outs (and counts its rate limit) with {@code users} where the
     * request's {@code getUserPrincipal()} names nobody: for an application whose own sign-in keeps its user in the
     * session, which the container does not know. A resolver that throws names nobody (said once in the log). Call it
     * before the servlet is initialised.
     *
     * <pre>{@code new BridgeServlet(embeddable, dispatcher, crm, BridgeLimits.defaults()).withUser(AppUserResolver.sessionAttribute("user"))}</pre>
     */
    public BridgeServlet withUser(AppUserResolver users) {
        this.users = Objects.requireNonNull(users, "users");
        return this;
    }

    /** Its endpoints' decisions, for this package's tests (how many bodies a session has being read). */
    BridgeEndpoints endpoints() {
        return endpoints;
    }

    /** The requests this bridge refused so far, by reason. */
    public BridgeRefusals refusals() {
        return refusals;
    }

    /**
     * Registers the servlet at its three paths under {@code mount}, each exactly ({@code /embeddable4j/events}, ...):
     * not at {@code /embeddable4j/*}, where Spring Security 7 answered a path such as {@code //embeddable4j/events} with
     * a 500 ({@link BridgeEndpoints#paths}). A mapping of your own at {@code mount + "/*"} works too, but brings that
     * 500 back under Spring Security 7.
     */
    public static ServletRegistration.Dynamic register(ServletContext context, BridgeServlet servlet, String mount) {
        ServletRegistration.Dynamic registration = Registrations.servlet(context, "embeddable4j-bridge", servlet);
        registration.addMapping(BridgeEndpoints.paths(mount).toArray(String[]::new));
        registration.setAsyncSupported(true);
        return registration;
    }

    @Override
    public void init() {
        glue = endpoints.glue();
    }

    /** The endpoint's path: the path info under a prefix mapping, the servlet path's last segment under an exact one. */
    private static String pathUnderMount(HttpServletRequest request) {
        if (request.getHttpServletMapping().getMappingMatch() == MappingMatch.EXACT) {
            String servletPath = request.getServletPath();
            return servletPath.substring(servletPath.lastIndexOf('/'));
        }
        return request.getPathInfo() == null ? "" : request.getPathInfo();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EmbeddableFilter.skip(request);
        String path = pathUnderMount(request);
        try {
            String endpoint = endpoints.endpoint(path);
            EmbeddableSelector chooser = selector;
            Embeddable widget = chooser == null ? null : EmbeddableFilter.selected(chooser, request);
            if (endpoint == null || (scriptOnly && !endpoint.equals(SCRIPT))) {
                throw BridgeEndpoints.notFound();
            } else if (chooser != null && widget == null) {
                throw BridgeEndpoints.noWidget();
            } else if (endpoint.equals(SCRIPT)) {
                script(request, response);
            } else if (endpoint.equals(EVENTS)) {
                events(request, response, widget);
            } else {
                callout(request, response, widget);
            }
        } catch (BridgeError e) {
            if (BridgeEndpoints.isUnreadableBody(e)) {
                // Tomcat has answered 400 itself and put its read's exception here, for its error page to show with a
                // stack trace naming this bridge's classes: a status report is all the client needs.
                request.removeAttribute(RequestDispatcher.ERROR_EXCEPTION);
            }
            finishReading(request, response, e);
            refuse(response, e);
        } catch (RuntimeException e) {
            // A bug of ours, or a container surprise: the client still gets a short JSON answer, never a stack trace.
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable bridge: unexpected failure on " + path, e);
            finishReading(request, response, null);
            refuse(response, BridgeEndpoints.unprocessable());
        }
    }

    /**
     * Before refusing a request: reads what is left of its body (at most {@link #DRAIN_LIMIT} bytes) so the
     * connection can carry the browser's next request. A body that broke off or did not come in time, a longer one,
     * or one that cannot be read, ends the connection, and the answer says so ({@code Connection: close}). Without this, Jetty closes a connection whose
     * request body was left unread after the answer went out without saying so, and a client that reuses it for its
     * next POST gets no answer at all (a POST is not retried). And a connection closed while the client is still
     * sending its body is reset, which makes the client's system drop the answer it had received: a client that sent
     * a body over the limit then sees no answer, not the 413.
     */
    private void finishReading(HttpServletRequest request, HttpServletResponse response, @Nullable BridgeError refusal) {
        if (!response.isCommitted() && !endpoints.keepsConnection(() -> rateKey(request), request.getRemoteAddr(), refusal,
                request.getContentLengthLong(),
                request.getHeader("Expect"), request::getInputStream, 0, bodyTimeout)) {
            response.setHeader("Connection", "close");
        }
    }

    /** Whom a drain counts against: the request's session, user or address, as its body reads. */
    private String rateKey(HttpServletRequest request) {
        try {
            return BridgeEndpoints.rateKey(sessionId(request), user(request), request.getRemoteAddr());
        } catch (RuntimeException e) { // the session store or your AppUserResolver failed: its address, then
            return BridgeEndpoints.rateKey(null, null, request.getRemoteAddr());
        }
    }

    private void script(HttpServletRequest request, HttpServletResponse response) throws IOException, BridgeError {
        boolean notModified = endpoints.scriptNotModified(request.getMethod(), request.getHeader("If-None-Match"));
        response.setContentType("text/javascript;charset=UTF-8");
        // Revalidated each time (a 304 costs a round trip, no body): the URL carries no version, and a page must not
        // run last release's script against this server's endpoints.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", endpoints.glueEtag());
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (notModified) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentLength(glue.length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(glue);
        }
    }

    /**
     * The origin the container resolved for the request: behind a proxy the application trusts (Tomcat's
     * RemoteIpValve, Jetty's ForwardedRequestCustomizer, Spring's ForwardedHeaderFilter), the public one, also when the
     * proxy rewrote the Host header.
     */
    static String serverOrigin(HttpServletRequest request) {
        String name = request.getServerName();
        if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
            name = "[" + name + "]"; // an IPv6 address
        }
        return request.getScheme() + "://" + name + ":" + request.getServerPort();
    }

    private BridgeEndpoints.Request describe(HttpServletRequest request, @Nullable Embeddable widget) {
        // The header as sent: Jetty's getContentType() throws on a charset the JVM does not know, which any site can
        // have a browser send (a no-cors text/plain POST), and each was logged with a stack trace (a review).
        return new BridgeEndpoints.Request(request.getMethod(), request.getHeader("Content-Type"), request.getContentLengthLong(),
                request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"),
                serverOrigin(request), sessionId(request), user(request), request.getRemoteAddr(), widget,
                request.getHeader("Content-Encoding"));
    }

    private java.security.@Nullable Principal user(HttpServletRequest request) {
        java.security.Principal principal = request.getUserPrincipal();
        AppUserResolver resolver = users;
        if (resolver == null || principal != null) {
            return principal; // the container's or Spring Security's sign-in: its own principal, as listeners had it
        }
        try {
            return userLookup.named(resolver.appUserId(request));
        } catch (RuntimeException e) { // a user store that is down: the event is nobody's, not refused
            userLookup.failed(e);
            return null;
        }
    }

    private void events(HttpServletRequest request, HttpServletResponse response, @Nullable Embeddable widget)
            throws IOException, BridgeError {
        BridgeEndpoints.Request described = describe(request, widget);
        endpoints.admit(EVENTS, described);
        BridgeEndpoints.Body body = readBody(EVENTS, request, described);
        String answer = endpoints.events(body.bytes(), body.length(), described);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        JsonResponses.json(response, answer);
    }

    private void callout(HttpServletRequest request, HttpServletResponse response, @Nullable Embeddable widget)
            throws IOException, BridgeError {
        BridgeEndpoints.Request described = describe(request, widget);
        endpoints.admit(SERVICE, described);
        BridgeEndpoints.Body body = readBody(SERVICE, request, described);
        CompletableFuture<String> reply = endpoints.callout(body.bytes(), body.length(), described);
        if (!request.isAsyncSupported()) {
            try {
                JsonResponses.json(response, reply.get(BridgeEndpoints.CALLOUT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BridgeError(400, "interrupted", "The request was interrupted.");
            } catch (ExecutionException | TimeoutException e) {
                throw BridgeEndpoints.unprocessable();
            }
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(BridgeEndpoints.CALLOUT_TIMEOUT_SECONDS * 1000L);
        // Written on a container thread: the future completes on the CRM's provider or timer thread, and a blocking
        // write to a client that does not read would hold that thread (a few such clients, and every call-out timed out).
        reply.whenComplete((text, failure) -> {
            try {
                async.start(() -> write(async, text, failure));
            } catch (IllegalStateException e) { // the request timed out or ended meanwhile: nobody to answer
                log().log(System.Logger.Level.DEBUG, "RingCentral Embeddable bridge: a service answer came too late", e);
            } catch (RuntimeException e) { // the container's pool refused (full, or stopping): answer here after all
                write(async, text, failure);
            }
        });
    }

    private void write(AsyncContext async, @Nullable String text, @Nullable Throwable failure) {
        try {
            HttpServletResponse out = (HttpServletResponse) async.getResponse();
            if (failure != null || text == null) {
                refuse(out, BridgeEndpoints.unprocessable());
            } else {
                JsonResponses.json(out, text);
            }
        } catch (IOException | RuntimeException e) {
            log().log(System.Logger.Level.DEBUG, "RingCentral Embeddable bridge: could not write a service answer", e);
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException e) { // timed out at the same moment: the container ended it
                log().log(System.Logger.Level.DEBUG, "RingCentral Embeddable bridge: a service answer came too late", e);
            }
        }
    }

    private void refuse(HttpServletResponse response, BridgeError e) throws IOException {
        refusals.count(e);
        JsonResponses.error(response, e);
    }

    private static @Nullable String sessionId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }

    /** An opaque key for the browser session: see {@link BridgeEndpoints#sessionKey}. */
    static @Nullable String sessionKey(@Nullable String sessionId, @Nullable String tab) {
        return BridgeEndpoints.sessionKey(sessionId, tab);
    }

    /**
     * Reads until the buffer is full or the body ends; a full buffer means the body is over the limit. A body that
     * cannot be read (a broken chunk, a read time-out) is the client's mistake, answered in the bridge's JSON where the
     * container leaves the answer to the application (Jetty; Tomcat answers 400 itself as the read fails, and
     * Undertow ends the connection).
     */
    private BridgeEndpoints.Body readBody(String endpoint, HttpServletRequest request, BridgeEndpoints.Request described)
            throws BridgeError {
        return endpoints.readBody(endpoint, described, buffer -> {
            try {
                return BridgeEndpoints.readUpTo(request.getInputStream(), buffer, 0, bodyTimeout);
            } catch (IOException e) {
                throw BridgeEndpoints.unreadableBody(); // the stream could not even be opened
            }
        });
    }
}

package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.BridgeScript;
import io.github.embeddable4j.core.ClientGlue;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.FrameOriginWarnings;
import io.github.embeddable4j.core.HostNames;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What the bridge's endpoints decide, the same in every adapter (the servlet and the WebFlux ones only read requests
 * and write answers): the glue script's validator, the checks and rate limit a POST passes before its body is read,
 * and what an event batch or a service call-out becomes. Every refusal is a {@link BridgeError}, a 4xx with a short
 * JSON body.
 *
 * <pre>{@code endpoints.admit(BridgeEndpoints.EVENTS, request); String json = endpoints.events(body, length, request);}</pre>
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public final class BridgeEndpoints {

    /** The default mount path. */
    public static final String DEFAULT_MOUNT = "/embeddable4j";
    /** The glue's file name under the mount path. */
    public static final String SCRIPT = "/embeddable4j.js";
    /** The event endpoint under the mount path. */
    public static final String EVENTS = "/events";
    /** The third-party service endpoint under the mount path. */
    public static final String SERVICE = "/service";
    /** How long a service call-out may take before its answer is given up: past the widget's longest deadline (60 s). */
    public static final int CALLOUT_TIMEOUT_SECONDS = 70;
    /**
     * How long the bridge waits for all of a request's body before it answers {@link #unreadableBody()} and ends the
     * connection. Servers time each read, not the whole body (Reactor Netty not even each read, and its idle timeout
     * does not apply while a request is being read: a red-team trial's stalled bodies held their connections for
     * minutes), so a body trickled in a byte at a time held a request thread for as long as the client liked. A
     * blocking read still waits for the server's own read deadline before the bridge looks at the time again, and
     * some servers (Tomcat, the JDK's) read the rest of a body after the answer before they close the connection. An
     * event batch (at most 64 KiB) needs about 26 kbit/s to beat it, the largest call-out (512 KiB) about 210 kbit/s.
     */
    public static final int BODY_TIMEOUT_SECONDS = 20;
    /** {@link #BODY_TIMEOUT_SECONDS} as a {@link Duration}. */
    public static final Duration BODY_TIMEOUT = Duration.ofSeconds(BODY_TIMEOUT_SECONDS);
    /**
     * How much of a refused request's body an adapter reads (and drops) before answering, so the connection can carry
     * the browser's next request; past it, the answer ends the connection ({@code Connection: close}). Unread, Jetty
     * and Undertow close a connection without saying so, and a client still sending its body gets a reset, not the
     * answer.
     */
    public static final int DRAIN_BYTES = 2 * ServiceRelay.MAX_BODY_BYTES;

    /**
     * Whether a request about to be refused may have its body read (and dropped) first, up to {@link #DRAIN_BYTES}:
     * not when it declared more (its client may still be sending it), nor when its client waits for a "100 Continue"
     * ({@code Expect}) before sending anything, as reading would ask it for a body only to refuse it. When not, the
     * answer ends the connection ({@code Connection: close}).
     *
     * @param declaredLength the request's {@code Content-Length}, or -1
     * @param expect         its {@code Expect} header, or null
     */
    public static boolean drainsBeforeRefusing(long declaredLength, @Nullable String expect) {
        return declaredLength <= DRAIN_BYTES && !(expect != null && expect.trim().equalsIgnoreCase("100-continue"));
    }

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(BridgeEndpoints.class.getName());
    }

    private static final String UNREADABLE_BODY = "unreadable-body";
    private static final String TOO_MANY_READS = "too-many-reads";
    /**
     * How many bodies of one session (or, without one, one user or address) a blocking adapter reads at once
     * ({@link #readBody}), or the session's rate per second ({@link BridgeLimits#withRate}) when that is higher: a key
     * whose rate was raised is many clients (all behind one address, a load test). A body read in the usual way takes
     * milliseconds; one that stalls holds a server thread until the container's read deadline (30 s on Jetty, 60 s on
     * Tomcat), and one visitor within the rate limit held 180 of Jetty's 200 threads that way while pages waited (an
     * endpoint audit).
     */
    public static final int MAX_BODY_READS = 8;
    /**
     * How many bodies from one client address a blocking adapter reads at once, whatever their sessions (or the
     * per-session number, {@link #maxBodyReads()}, when that is higher): a client that makes itself sessions (a page
     * that starts one for every visitor) is many sessions, and one such client with 35 held 241 of Jetty's 250
     * threads with stalled bodies (a Javalin trial). Clients behind one proxy share it; a body read in the usual way
     * takes milliseconds.
     */
    public static final int MAX_ADDRESS_BODY_READS = 32;

    private final Embeddable embeddable;
    private final WidgetEventDispatcher dispatcher;
    private final @Nullable ThirdPartyService service;
    private final BridgeLimits limits;
    private final SessionRateLimiter rateLimiter;
    private final int maxBodyReads;
    private final int maxAddressBodyReads;
    /** Bodies being read, by {@link Request#rateKey()}; a key leaves when its count is back to none. */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> bodyReads = new java.util.concurrent.ConcurrentHashMap<>();
    private final FrameOriginWarnings originWarnings = new FrameOriginWarnings();
    private final String glueEtag = "\"" + ClientGlue.version() + "\"";

    /** @param service the application's third-party service, or null for none ({@link #SERVICE} then answers 404) */
    public BridgeEndpoints(Embeddable embeddable, WidgetEventDispatcher dispatcher, @Nullable ThirdPartyService service,
            BridgeLimits limits) {
        this.embeddable = Objects.requireNonNull(embeddable, "embeddable");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.service = service;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rateLimiter = SessionRateLimiter.of(limits);
        double perSecond = limits.requestsPerWindow() * 1000.0 / Math.max(1, limits.window().toMillis());
        this.maxBodyReads = (int) Math.min(Integer.MAX_VALUE, Math.max(MAX_BODY_READS, Math.ceil(perSecond)));
        this.maxAddressBodyReads = Math.max(MAX_ADDRESS_BODY_READS, maxBodyReads);
    }

    /**
     * A request to a bridge endpoint, as the adapter read it.
     *
     * @param contentLength the declared length, or -1 when unknown
     * @param host          the {@code Host} header
     * @param serverOrigin  {@code scheme://name:port} as the server resolved them (behind a trusted proxy, the public ones)
     * @param sessionId     the request's session id when it has a session, else null (never creates one)
     * @param user          the signed-in user, or null
     * @param address       the client's address, for the rate limit of a request with neither session nor user
     * @param widget        the widget of the page that made it (a selector's pick), or null for the bridge's own
     * @param contentEncoding the {@code Content-Encoding} header, or null: the bridge reads plain JSON only
     */
    public record Request(String method, @Nullable String contentType, long contentLength, @Nullable String origin,
            @Nullable String fetchSite, @Nullable String host, @Nullable String serverOrigin, @Nullable String sessionId,
            @Nullable Principal user, @Nullable String address, @Nullable Embeddable widget,
            @Nullable String contentEncoding) {

        public Request {
            Objects.requireNonNull(method, "method");
        }

        /** A request without a {@code Content-Encoding}. */
        public Request(String method, @Nullable String contentType, long contentLength, @Nullable String origin,
                @Nullable String fetchSite, @Nullable String host, @Nullable String serverOrigin, @Nullable String sessionId,
                @Nullable Principal user, @Nullable String address, @Nullable Embeddable widget) {
            this(method, contentType, contentLength, origin, fetchSite, host, serverOrigin, sessionId, user, address, widget, null);
        }

        /** A request from a page of the bridge's own widget. */
        public Request(String method, @Nullable String contentType, long contentLength, @Nullable String origin,
                @Nullable String fetchSite, @Nullable String host, @Nullable String serverOrigin, @Nullable String sessionId,
                @Nullable Principal user, @Nullable String address) {
            this(method, contentType, contentLength, origin, fetchSite, host, serverOrigin, sessionId, user, address, null);
        }

        /**
         * Whom the request counts against: its session; else its signed-in user (a stateless application that
         * authenticates each request, by a bearer token say, has no session, and keyed by address every user behind
         * one NAT or proxy would share a limit); else its address (an IPv6 one's /64). Never the page's tab key, which
         * the client picks.
         */
        public String rateKey() {
            return BridgeEndpoints.rateKey(sessionId, user, address);
        }

        /**
         * The host name of the page that made it, as events and call-outs carry it: the server origin's (the name the
         * server resolved, behind a trusted proxy the public one), else the {@code Host} header's; either passed
         * {@link BridgeRequestCheck}'s same-origin check before a body is read.
         */
        public @Nullable String pageHost() {
            // scheme://name[:port] as the adapter wrote it; not java.net.URI, which has no host for a name with an
            // underscore (a Docker Compose service, crm_app) that getServerName() gives the Vaadin component as it is
            int start = serverOrigin == null ? -1 : serverOrigin.indexOf("://");
            String named = start < 0 || serverOrigin == null ? null : HostNames.ofHostHeader(serverOrigin.substring(start + 3));
            return named != null ? named : HostNames.ofHostHeader(host);
        }
    }

    /**
     * The bridge's paths under a mount, to map a servlet at exactly: {@code /embeddable4j/embeddable4j.js},
     * {@code /embeddable4j/events} and {@code /embeddable4j/service}. Not {@code /embeddable4j/*}: Spring Security 7
     * parses a request's path before its firewall, and Spring's parser throws for a path that does not begin with a
     * prefix-mapped servlet's path as written ({@code //embeddable4j/events}), a 500 for anyone; an exact mapping it
     * leaves alone, and the firewall refuses such a path with a 400.
     */
    public static List<String> paths(String mount) {
        return List.of(mount + SCRIPT, mount + EVENTS, mount + SERVICE);
    }

    /** The endpoint a path under the mount names ({@link #SCRIPT}, {@link #EVENTS}, {@link #SERVICE}), or null. */
    public @Nullable String endpoint(String pathUnderMount) {
        return switch (pathUnderMount) {
            case SCRIPT, EVENTS -> pathUnderMount;
            case SERVICE -> service != null ? SERVICE : null;
            default -> null;
        };
    }

    /** The glue script's bytes (UTF-8 JavaScript), read from core's jar each call: adapters keep them. */
    public byte[] glue() {
        return ClientGlue.bytes();
    }

    /** The glue's {@code ETag}: a hash of its bytes, so an upgraded script is fetched again at once. */
    public String glueEtag() {
        return glueEtag;
    }

    /**
     * Checks a request for the script: GET or HEAD only. Returns whether its {@code If-None-Match} matches (answer
     * 304 without a body).
     */
    public boolean scriptNotModified(String method, @Nullable String ifNoneMatch) throws BridgeError {
        return scriptNotModified(glueEtag, method, ifNoneMatch);
    }

    /** {@link #scriptNotModified(String, String)} for a glue whose {@code ETag} is {@code etag}. */
    public static boolean scriptNotModified(String etag, String method, @Nullable String ifNoneMatch) throws BridgeError {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw BridgeError.methodNotAllowed("GET, HEAD");
        }
        return ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"));
    }

    /** The largest body an endpoint takes, in bytes. */
    public int maxBodyBytes(String endpoint) {
        return SERVICE.equals(endpoint) ? ServiceRelay.MAX_BODY_BYTES : limits.maxBodyBytes();
    }

    /**
     * Checks a POST before its body is read (method, type, same origin, declared length; see
     * {@link BridgeRequestCheck}) and counts it against its session's rate.
     *
     * @throws BridgeError 405, 415, 403, 413, or 429 with a {@code Retry-After}
     */
    public void admit(String endpoint, Request request) throws BridgeError {
        BridgeRequestCheck.check(request.method(), request.contentType(), request.contentLength(), request.origin(),
                request.fetchSite(), request.host(), request.serverOrigin(),
                limits.withMaxBodyBytes(maxBodyBytes(endpoint)));
        BridgeRequestCheck.checkEncoding(request.contentEncoding());
        if (!rateLimiter.tryAcquire(request.rateKey())) {
            throw new BridgeError(429, "rate-limited", "Too many requests from this session, user or address; retry later.",
                    (int) Math.max(1, limits.window().toSeconds()));
        }
    }

    /**
     * Reads an admitted request's body ({@link #admit}) into a buffer one byte past {@link #maxBodyBytes}, counted as
     * one of the at most {@link #maxBodyReads()} bodies its session has read at once: the one rule of the adapters whose
     * read holds a server thread (the servlet bridge, {@link BridgeHandler}).
     *
     * <pre>{@code Body body = endpoints.readBody(EVENTS, request, buffer -> readUpTo(in, buffer, 0, timeout));}</pre>
     *
     * @throws BridgeError 429 {@code too-many-reads} without reading the body ({@link #keepsConnection} ends the
     *                     connection), or the reader's refusal
     */
    public Body readBody(String endpoint, Request request, BodyReader reader) throws BridgeError {
        BodyRead read = tryStartBodyRead(request.rateKey(), request.address());
        if (read == null) {
            throw tooManyReads();
        }
        try (read) {
            byte[] buffer = new byte[maxBodyBytes(endpoint) + 1];
            return new Body(buffer, reader.read(buffer));
        }
    }

    /** Reads a body into {@code buffer} until it is full or the body ends ({@link #readUpTo}); the bytes read. */
    @FunctionalInterface
    public interface BodyReader {
        int read(byte[] buffer) throws BridgeError;
    }

    /** A body as read: its first {@code length} bytes in {@code bytes}; a full buffer is over the limit. */
    public record Body(byte[] bytes, int length) {
    }

    /**
     * A place among the bodies read at once, for an adapter that reads them without holding a thread (WebFlux), where
     * a stalled body holds its buffer, up to {@link #maxBodyBytes}, until its deadline: the rule of {@link #readBody},
     * so that one client's stalled bodies hold at most {@link #maxAddressBodyReads()} buffers. Null when its session's
     * or its address's places are all taken: answer {@link #tooManyReads()} with {@code Connection: close}, the body
     * unread. Otherwise close it once the read ends, however it ends (a second close frees nothing).
     *
     * <pre>{@code BodyRead place = endpoints.startBodyRead(request); ... read.doFinally(signal -> place.close())}</pre>
     */
    public @Nullable BodyRead startBodyRead(Request request) {
        return tryStartBodyRead(request.rateKey(), request.address());
    }

    /** 429 {@code too-many-reads}: the answer when {@link #startBodyRead} has no place. */
    public static BridgeError tooManyReads() {
        return new BridgeError(429, TOO_MANY_READS, "Too many requests of this session or address are being read at once;"
                + " retry later.", 1);
    }

    /**
     * A place among a session's body reads and its address's, or null when either's are all taken; closed once (a
     * second close frees nothing).
     */
    private @Nullable BodyRead tryStartBodyRead(String key, @Nullable String address) {
        String addressKey = address == null ? null : addressKey(address);
        if (addressKey != null && !take(addressKey, maxAddressBodyReads)) {
            return null;
        }
        if (!take(key, maxBodyReads)) {
            if (addressKey != null) {
                give(addressKey);
            }
            return null;
        }
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                give(key);
                if (addressKey != null) {
                    give(addressKey);
                }
            }
        };
    }

    private boolean take(String key, int max) {
        boolean[] counted = {false};
        bodyReads.compute(key, (k, reading) -> {
            int n = reading == null ? 0 : reading;
            if (n >= max) {
                return reading;
            }
            counted[0] = true;
            return n + 1;
        });
        return counted[0];
    }

    private void give(String key) {
        bodyReads.computeIfPresent(key, (k, reading) -> reading <= 1 ? null : reading - 1);
    }

    /**
     * The key of every body read from one address (an IPv6 one's /64), apart from a sessionless request's own rate
     * key ("a:...").
     */
    private static String addressKey(String address) {
        return "address:" + io.github.embeddable4j.core.IpAddresses.clientGroup(address);
    }

    /** How many bodies from one address are being read now, whatever their sessions. */
    public int addressBodyReads(String address) {
        return bodyReads.getOrDefault(addressKey(address), 0);
    }

    /** How many bodies from one address are read at once at most: {@link #MAX_ADDRESS_BODY_READS}, or more. */
    public int maxAddressBodyReads() {
        return maxAddressBodyReads;
    }

    /** How many bodies of one session are read at once at most: {@link #MAX_BODY_READS}, or its rate per second. */
    public int maxBodyReads() {
        return maxBodyReads;
    }

    /** How many bodies of a session ({@link Request#rateKey()}) are being read now. */
    public int bodyReads(String rateKey) {
        return bodyReads.getOrDefault(rateKey, 0);
    }

    /** A place among a session's body reads. */
    /** A place among the bodies read at once ({@link #startBodyRead}); closing it gives it back. */
    public interface BodyRead extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * An event batch ({@code length} bytes of {@code body}; a body that filled a buffer of
     * {@link #maxBodyBytes}{@code + 1} is over the limit) handed to the dispatcher's listeners, each event attributed
     * to the request's session (as an opaque key) and user. Returns the answer's JSON, for a 202.
     *
     * @throws BridgeError 400 or 413 for a bad batch, 429 when the dispatcher's queue is full
     */
    public String events(byte[] body, int length, Request request) throws BridgeError {
        EventBatch batch = EventBatch.parse(body, length, limits);
        Embeddable pageWidget = widgetOf(request);
        for (String origin : batch.rejectedOrigins()) {
            if (!originWarnings.shouldSay(origin)) {
                continue;
            }
            if (request.widget() == null && embeddable.widgetOrigins().all().contains(origin)) {
                // the page's own widget was another than this bridge's (a tenant's, picked by a selector not given here)
                log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: a page found the widget frame on " + origin
                        + ", which that page's widget does not allow: the page's widget is not this bridge's own (another"
                        + " tenant's, chosen by a selector), and its frame origins differ. Its messages are ignored; if"
                        + " that widget's frame runs there, add the origin to its frameOrigins.");
            } else {
                log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: a page found the widget frame on " + origin
                        + ", which is not one of the allowed widget origins " + pageWidget.widgetOrigins().all()
                        + "; its messages are ignored. If you trust that origin, add it with frameOrigins"
                        + (pageWidget == embeddable ? " (Spring: ringcentral.embeddable.frame-origins)." : " (of that page's widget: a tenant's)."));
            }
        }
        String page = batch.tab() == null ? null : ReceivedWidgetEvent.tabKeyOf(batch.tab());
        String key = request.sessionId() != null ? ReceivedWidgetEvent.sessionKeyOf(request.sessionId()) : page; // as sessionKey()
        Instant now = Instant.now();
        String host = request.pageHost();
        List<WidgetEvent> events = batch.events();
        int taken = 0;
        for (int i = 0; i < events.size(); i++) {
            WidgetEvent event = events.get(i);
            if (!dispatcher.wants(event.type())) {
                continue;
            }
            if (!dispatcher.dispatch(new ReceivedWidgetEvent(event, key, request.user(), now,
                    ReceivedWidgetEvent.Channel.HTTP, page, pageWidget, host))) {
                // No listener could take it: the page sends it and those after it again, and only those, since the
                // events before it were taken (a busy answer to the whole batch gave those a second copy).
                throw BridgeError.busy(i, events.size() - i);
            }
            taken++;
        }
        return "{\"accepted\":" + taken + "}";
    }

    /**
     * A call-out of the widget to the application's third-party service, answered off the request thread. The future
     * completes with the answer's JSON; it fails only for a bug of the service's host, which the adapter answers 400.
     *
     * @throws BridgeError 404 without a service
     */
    public CompletableFuture<String> callout(byte[] body, int length, Request request) throws BridgeError {
        ThirdPartyService crm = service;
        if (crm == null) {
            throw notFound();
        }
        String session = request.sessionId();
        Caller caller = new Caller(request.user(), session == null ? null : ReceivedWidgetEvent.sessionKeyOf(session),
                widgetOf(request), request.pageHost());
        return ServiceRelay.handle(crm, body, length, caller);
    }

    /** The widget of the page a request came from: the one the adapter's selector picked, else the bridge's own. */
    private Embeddable widgetOf(Request request) {
        Embeddable picked = request.widget();
        return picked != null ? picked : embeddable;
    }

    /**
     * Whether anything needs the bridge's endpoints: a listener of widget events, or a third-party service. Adapters that
     * decide at the first request (when an application's listeners are known) ask this.
     */
    public static boolean isNeeded(@Nullable WidgetEventDispatcher events, @Nullable ThirdPartyService service) {
        return service != null || (events != null && events.hasListeners());
    }

    /**
     * Checks a mount path, such as {@code /embeddable4j}: a path of its own (not the root, whose endpoints would be
     * mapped at {@code /*}, over every page), under which the script's path is a path on the application's origin.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void requireMount(String mount) {
        Objects.requireNonNull(mount, "mount");
        if (mount.length() < 2 || !mount.startsWith("/") || mount.endsWith("/")) {
            throw new IllegalArgumentException("The bridge's mount '" + mount + "' is not a path of its own; write one such"
                    + " as /embeddable4j (the bridge's script and endpoints are under it)");
        }
        try {
            BridgeScript.requirePath(mount + SCRIPT, "The bridge's script at mount");
        } catch (IllegalArgumentException e) {
            // said of the mount, with a mount as the example (a trial's "/rc/*" was told to write an endpoint's path)
            throw new IllegalArgumentException("The bridge's mount '" + mount + "' is not a path on the application's"
                    + " origin (" + (mount.startsWith("//") ? "a browser reads '//' as the start of another host's address"
                    : "letters, digits and - . _ ~ % + / only, no wildcard") + "); write one such as /embeddable4j", e);
        }
    }

    /**
     * The bridge script of pages whose bridge is at {@code base} (the page's context path and the mount, such as
     * {@code /crm/embeddable4j}): its script, event endpoint and, with {@code service}, service endpoint under it.
     *
     * @throws IllegalArgumentException when {@code base} is no path on the application's origin
     */
    public static BridgeScript script(Embeddable embeddable, String base, Collection<String> eventTypes, boolean service) {
        return BridgeScript.of(embeddable, base + SCRIPT, base + EVENTS, eventTypes, service ? base + SERVICE : null);
    }

    /**
     * Reads a body into {@code buffer} from {@code from} until it is full (over the limit, for a buffer one byte past
     * it) or the body ends. Returns the bytes in the buffer.
     *
     * @param timeout how long the whole body may take ({@link #BODY_TIMEOUT}); it is looked at after each read
     * @throws BridgeError 400 for a body that cannot be read (a broken chunk, a read time-out) or does not come within
     *                     {@code timeout}: the client's mistake. The connection is not worth keeping then:
     *                     answer it with {@code Connection: close}, without {@link #drain} (see {@link #isUnreadableBody})
     */
    public static int readUpTo(InputStream in, byte[] buffer, int from, Duration timeout) throws BridgeError {
        long start = System.nanoTime();
        long limit = timeout.toNanos();
        int total = from;
        try {
            while (total < buffer.length) {
                int n = in.read(buffer, total, buffer.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
                if (System.nanoTime() - start > limit) {
                    throw bodyTooSlow(timeout); // trickling in: the thread is the server's, not this client's to keep
                }
            }
        } catch (IOException e) {
            throw unreadableBody();
        } catch (RuntimeException e) {
            // A container's read failing unchecked is as unreadable, and any client can cause it: Undertow's stream
            // throws a NullPointerException once its read timeout closed a stalled body's connection
            throw unreadableBody();
        }
        return total;
    }

    /** Whether {@code e} says a body could not be read ({@link #unreadableBody()}): end the connection, drain nothing. */
    public static boolean isUnreadableBody(BridgeError e) {
        return e.code().equals(UNREADABLE_BODY);
    }

    /** A request's body as an adapter opens it, for {@link #keepsConnection}. */
    @FunctionalInterface
    public interface BodyStream {
        /** The body's stream; opened once, when the body is to be drained. */
        InputStream open() throws IOException;
    }

    /** {@link Request#rateKey()} from its three parts, for an adapter that has not described the request. */
    public static String rateKey(@Nullable String sessionId, @Nullable Principal user, @Nullable String address) {
        if (sessionId != null) {
            return "s:" + sessionId;
        }
        return user != null ? "u:" + user.getName() : "a:" + (address == null ? null : io.github.embeddable4j.core.IpAddresses.clientGroup(address));
    }

    /**
     * Before a refusal: whether the connection can carry the client's next request; when not, answer with
     * {@code Connection: close}. Not after a body that could not be read ({@link #isUnreadableBody}: it broke off, or did
     * not come in time), nor after a refusal by {@link #readBody} (its session's bodies stall), nor where
     * {@link #drainsBeforeRefusing} says no, nor when the session's body reads are all taken ({@link #maxBodyReads()}: a
     * refused body stalls as well as an admitted one, and a 415, a 403 and a 413 come before the rate limit); otherwise
     * what is left of the body is read and dropped ({@link #drain}), counted as one of the session's body reads, and
     * the answer is whether it ended. The one rule of every blocking adapter.
     *
     * <pre>{@code if (!endpoints.keepsConnection(() -> key, address, e, length, expect, request::getInputStream, 0, timeout)) { close }}</pre>
     *
     * @param rateKey        whom a drain counts against ({@link #rateKey(String, Principal, String)}), asked only for one
     * @param address        the client's address, whose drains count too ({@link #MAX_ADDRESS_BODY_READS}), or null
     * @param refusal        the refusal, or null for a failure of the adapter's own
     * @param declaredLength the request's {@code Content-Length}, or -1 (one that cannot be read: {@link Long#MAX_VALUE})
     * @param expect         its {@code Expect} header, or null
     * @param body           the body, or null where the request has none to read
     * @param alreadyRead    how many of its bytes the endpoint read
     */
    public boolean keepsConnection(java.util.function.Supplier<String> rateKey, @Nullable String address,
            @Nullable BridgeError refusal, long declaredLength, @Nullable String expect, @Nullable BodyStream body,
            long alreadyRead, Duration timeout) {
        if (refusal != null && (isUnreadableBody(refusal) || refusal.code().equals(TOO_MANY_READS))) {
            return false;
        }
        if (body == null) {
            return true;
        }
        if (!drainsBeforeRefusing(declaredLength, expect)) {
            return false;
        }
        BodyRead read = tryStartBodyRead(rateKey.get(), address);
        if (read == null) {
            return false;
        }
        try (read) {
            return drain(body.open(), alreadyRead, timeout);
        } catch (IOException | RuntimeException e) { // a servlet request whose reader was taken: IllegalStateException
            return false;
        }
    }

    /**
     * Before a refusal: reads and drops what is left of a body, at most {@link #DRAIN_BYTES} in all with the
     * {@code alreadyRead} bytes and for at most {@code timeout}, so the connection can carry the client's next
     * request. Whether the body ended; if not (or it could not be read), the answer must end the connection
     * ({@code Connection: close}).
     */
    public static boolean drain(InputStream in, long alreadyRead, Duration timeout) {
        long start = System.nanoTime();
        long limit = timeout.toNanos();
        try {
            byte[] skip = new byte[8192];
            for (long left = DRAIN_BYTES - alreadyRead; left > 0; ) {
                int n = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
                if (System.nanoTime() - start > limit) {
                    return false;
                }
            }
            return in.read() < 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The answer to a path under the mount that is no endpoint. */
    public static BridgeError notFound() {
        return new BridgeError(404, "not-found", "No such bridge endpoint.");
    }

    /** The answer where an application's selector picks no widget for the request (a tenant without RingCentral). */
    public static BridgeError noWidget() {
        return new BridgeError(404, "not-found", "No widget here.");
    }

    /** The answer to a request whose body could not be read (a broken chunk, a read time-out). */
    public static BridgeError unreadableBody() {
        return new BridgeError(400, UNREADABLE_BODY, "The request's body could not be read to its end.");
    }

    /**
     * The answer to a request whose body was still coming when {@code timeout} ran out: {@link #unreadableBody()}'s
     * code, so that counts and clients treat both alike, with a message that tells a slow client from a broken body.
     */
    public static BridgeError bodyTooSlow(Duration timeout) {
        long ms = timeout.toMillis();
        return new BridgeError(400, UNREADABLE_BODY, "The request's body did not arrive within "
                + (ms % 1000 == 0 ? ms / 1000 + " s." : ms + " ms."));
    }

    /** The answer to a request that could not be processed (a container surprise, a failed call-out). */
    public static BridgeError unprocessable() {
        return new BridgeError(400, "unprocessable", "The request could not be processed.");
    }

    /** An opaque key for the browser session: a hash of the session id, or of the page's tab key when there is none. */
    public static @Nullable String sessionKey(@Nullable String sessionId, @Nullable String tab) {
        return sessionId != null ? ReceivedWidgetEvent.sessionKeyOf(sessionId) : tab != null ? ReceivedWidgetEvent.tabKeyOf(tab) : null;
    }
}

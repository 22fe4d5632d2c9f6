package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.AppUserLookup;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.bridge.BridgeError;
import io.github.embeddable4j.core.bridge.BridgeLimits;
import io.github.embeddable4j.core.bridge.BridgeRefusals;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * The server end of the widget bridge in a WebFlux application, answering under {@code <mount>/} (default
 * {@code /embeddable4j}) as the servlet module's {@code BridgeServlet} does:
 * <ul>
 *   <li>{@code GET <mount>/embeddable4j.js}: the client glue, which {@link EmbeddableWebFilter#withBridge} puts on
 *       pages next to the loader;</li>
 *   <li>{@code POST <mount>/events}: the widget events the glue forwards, handed to the {@link WidgetEventDispatcher}'s
 *       listeners, each attributed to the exchange's session (as an opaque key) and principal;</li>
 *   <li>{@code POST <mount>/service}, with a third-party service: the widget's call-outs, answered by the service.</li>
 * </ul>
 * Same origin only, {@code application/json} only, a body limit, an event-count limit and a per-session rate limit
 * ({@link BridgeLimits}); every refusal is a 4xx with a short JSON error, never a 500, counted by reason in
 * {@link #refusals()}. It runs last among the web
 * filters by default, after Spring Security's, so the exchange's principal and the CSRF check apply as they do to the
 * application's own endpoints.
 *
 * <pre>{@code @Bean EmbeddableBridgeWebFilter bridge(Embeddable e, WidgetEventDispatcher d) { return new EmbeddableBridgeWebFilter(e, d, null, BridgeLimits.defaults(), "/embeddable4j"); }}</pre>
 */
public final class EmbeddableBridgeWebFilter implements WebFilter, Ordered {

    private final Supplier<@Nullable BridgeEndpoints> made;
    private volatile @Nullable Optional<BridgeEndpoints> decided;
    private final String mount;
    private final byte[] glue;
    private final String glueEtag;
    private final BridgeRefusals refusals;
    private int order = Ordered.LOWEST_PRECEDENCE;
    private @Nullable ReactiveEmbeddableSelector selector;
    private @Nullable ReactiveAppUserResolver users;
    private final AppUserLookup userLookup = new AppUserLookup("ReactiveAppUserResolver", EmbeddableBridgeWebFilter.class.getName());
    /** How long a body may take to arrive ({@link BridgeEndpoints#BODY_TIMEOUT}); set shorter by tests only. */
    Duration bodyTimeout = BridgeEndpoints.BODY_TIMEOUT;

    /** @param service the application's third-party service, or null for none */
    public EmbeddableBridgeWebFilter(Embeddable embeddable, WidgetEventDispatcher dispatcher,
            @Nullable ThirdPartyService service, BridgeLimits limits, String mount) {
        this(new BridgeEndpoints(embeddable, dispatcher, service, limits), mount, new BridgeRefusals());
    }

    private EmbeddableBridgeWebFilter(BridgeEndpoints endpoints, String mount, BridgeRefusals refusals) {
        this(() -> endpoints, mount, endpoints, refusals);
        this.decided = Optional.of(endpoints);
    }

    private EmbeddableBridgeWebFilter(Supplier<@Nullable BridgeEndpoints> made, String mount, BridgeEndpoints script,
            BridgeRefusals refusals) {
        this.made = made;
        this.mount = Objects.requireNonNull(mount, "mount");
        this.glue = script.glue();
        this.glueEtag = script.glueEtag();
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /**
     * A bridge that decides at its first request whether it is needed: when the dispatcher has listeners or there is
     * a service (both asked for then, when an application's listeners are known). Not needed, it serves the glue script
     * only and its endpoints answer 404, as if they were not there.
     *
     * <pre>{@code EmbeddableBridgeWebFilter.whenNeeded(embeddable, () -> dispatcher, () -> null, BridgeLimits.defaults(), "/embeddable4j")}</pre>
     */
    public static EmbeddableBridgeWebFilter whenNeeded(Embeddable embeddable,
            Supplier<@Nullable WidgetEventDispatcher> dispatcher, Supplier<@Nullable ThirdPartyService> service,
            BridgeLimits limits, String mount) {
        return whenNeeded(embeddable, dispatcher, service, limits, mount, new BridgeRefusals());
    }

    /**
     * The same, counting its refusals in {@code refusals}, which may be shared (the starter's meter reads them).
     */
    public static EmbeddableBridgeWebFilter whenNeeded(Embeddable embeddable,
            Supplier<@Nullable WidgetEventDispatcher> dispatcher, Supplier<@Nullable ThirdPartyService> service,
            BridgeLimits limits, String mount, BridgeRefusals refusals) {
        Objects.requireNonNull(embeddable, "embeddable");
        Objects.requireNonNull(limits, "limits");
        return new EmbeddableBridgeWebFilter(() -> {
            WidgetEventDispatcher events = dispatcher.get();
            ThirdPartyService crm = service.get();
            if (!BridgeEndpoints.isNeeded(events, crm)) {
                return null;
            }
            return new BridgeEndpoints(embeddable, events != null ? events : WidgetEventDispatcher.none(), crm, limits);
        }, mount, new BridgeEndpoints(embeddable, WidgetEventDispatcher.none(), null, limits), refusals);
    }

    /** The requests this bridge refused so far, by reason. */
    public BridgeRefusals refusals() {
        return refusals;
    }

    /** The endpoints, made at the first request; null when nothing needs them. */
    private @Nullable BridgeEndpoints endpoints() {
        Optional<BridgeEndpoints> known = decided;
        if (known == null) {
            synchronized (this) {
                known = decided;
                if (known == null) {
                    known = Optional.ofNullable(made.get());
                    decided = known;
                }
            }
        }
        return known.orElse(null);
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Where the filter runs among the others; by default last, after Spring Security's. */
    public void setOrder(int order) {
        this.order = order;
    }

    /**
     * In an application serving several tenants ({@link EmbeddableWebFilter#withSelector}): each exchange's events and
     * call-outs carry the widget {@code selector} picks for it ({@code event.widget()}, {@code caller.widget()}), so
     * listeners and the service can tell the tenant; where it picks none (a tenant without RingCentral, whose pages have
     * no bridge script), every endpoint answers the short JSON 404. The selector is asked for the bridge's own path:
     * pick by host or user, not by a page's path. Call it before the first request.
     */
    public EmbeddableBridgeWebFilter withSelector(ReactiveEmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * Names the user of each exchange's events and call-outs (and counts its rate limit) with {@code users} where the
     * exchange's principal names nobody (none, or Spring Security's anonymous one): for an application whose own
     * sign-in keeps its user in the {@code WebSession}. Asked for requests that carry a cookie or an
     * {@code Authorization} header; one that fails names nobody (said once in the log). Call it before the first
     * request.
     *
     * <pre>{@code bridge.withUser(ReactiveAppUserResolver.sessionAttribute("user"))}</pre>
     */
    public EmbeddableBridgeWebFilter withUser(ReactiveAppUserResolver users) {
        this.users = Objects.requireNonNull(users, "users");
        return this;
    }

    /** The path under the mount that an exchange asks for, or null when it is not the bridge's. */
    static @Nullable String underMount(ServerWebExchange exchange, String mount) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.startsWith(mount) && path.length() > mount.length() && path.charAt(mount.length()) == '/'
                ? path.substring(mount.length()) : null;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = underMount(exchange, mount);
        if (path == null) {
            return chain.filter(exchange);
        }
        EmbeddableWebFilter.skip(exchange);
        return answer(exchange, path).onErrorResume(e -> failed(exchange, e));
    }

    /** Answers a request under the mount: {@code path} is what follows it, such as {@code /events}. */
    Mono<Void> answer(ServerWebExchange exchange, String path) {
        ReactiveEmbeddableSelector chooser = selector;
        Embeddable widget = chooser == null ? null : EmbeddableWebFilter.selected(chooser, exchange);
        if (chooser != null && widget == null) { // an unknown path is said as such, as by the servlet bridge
            BridgeEndpoints known = endpoints();
            boolean endpoint = path.equals(BridgeEndpoints.SCRIPT) || (known != null && known.endpoint(path) != null);
            // no session looked up for a refusal: its drain counts against the client's address
            BridgeEndpoints.Request byAddress = new BridgeEndpoints.Request(exchange.getRequest().getMethod().name(), null, -1,
                    null, null, null, null, null, null, remoteAddress(exchange.getRequest()));
            return refuseAfterReading(exchange, endpoint ? BridgeEndpoints.noWidget() : BridgeEndpoints.notFound(), 0, known,
                    byAddress);
        }
        if (path.equals(BridgeEndpoints.SCRIPT)) {
            return script(exchange);
        }
        BridgeEndpoints endpoints = endpoints();
        String endpoint = endpoints == null ? null : endpoints.endpoint(path);
        if (endpoints == null || endpoint == null) {
            return refuse(exchange, BridgeEndpoints.notFound());
        }
        return describe(exchange, widget, users, userLookup).flatMap(request -> {
            try {
                endpoints.admit(endpoint, request);
            } catch (BridgeError e) {
                return refuseAfterReading(exchange, e, 0, endpoints, request);
            }
            // no thread is held while a body stalls, but its buffer is: the blocking bridges' cap on bodies read at once
            BridgeEndpoints.BodyRead place = endpoints.startBodyRead(request);
            if (place == null) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                return refuse(exchange, BridgeEndpoints.tooManyReads());
            }
            int max = endpoints.maxBodyBytes(endpoint);
            return Body.read(exchange, max, bodyTimeout).doFinally(signal -> place.close()).flatMap(body -> {
                if (body.tooLarge()) {
                    return refuseAfterReading(exchange, new BridgeError(413, "too-large", "The body is larger than " + max
                            + " bytes."), body);
                }
                byte[] bytes = body.bytes();
                return endpoint.equals(BridgeEndpoints.EVENTS)
                        ? events(endpoints, exchange, bytes, request) : callout(endpoints, exchange, bytes, request);
            });
        });
    }

    /**
     * Refuses a POST once its body is read to the end, at most {@link BridgeEndpoints#DRAIN_BYTES} of it (dropped), so
     * the connection can carry the browser's next request, as the servlet bridge does; a longer body ends the
     * connection, and the answer says so. Reactor Netty drops an unread body itself; on Jetty a WebFlux trial's client
     * got a reset instead of the 413, and the next request on the connection nothing.
     */
    private Mono<Void> refuseAfterReading(ServerWebExchange exchange, BridgeError error, int keep,
            @Nullable BridgeEndpoints endpoints, BridgeEndpoints.Request request) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        // a drain counts among the bodies read at once, as on the blocking bridges (a bridge that serves its script
        // alone has no endpoints, and nothing to count)
        BridgeEndpoints.BodyRead place = !BridgeEndpoints.drainsBeforeRefusing(headers.getContentLength(),
                headers.getFirst(HttpHeaders.EXPECT)) ? null : endpoints == null ? () -> { } : endpoints.startBodyRead(request);
        if (place == null) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return refuse(exchange, error);
        }
        return Body.read(exchange, keep, bodyTimeout).doFinally(signal -> place.close())
                .onErrorResume(e -> Mono.just(Body.UNREADABLE))
                .flatMap(body -> refuseAfterReading(exchange, error, body));
    }

    private Mono<Void> refuseAfterReading(ServerWebExchange exchange, BridgeError error, Body body) {
        if (!body.readToTheEnd()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return refuse(exchange, error);
    }

    /** A request body: its first {@code max} bytes kept, the rest read on and dropped up to the drain limit. */
    private static final class Body {
        static final Body UNREADABLE = new Body(0, Long.MAX_VALUE);

        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;

        private Body(int max, long total) {
            this.max = max;
            this.total = total;
        }

        /**
         * Reads the body; a read that fails or does not end in {@code timeout} fails with {@link NotRead} (a client that
         * went away keeps its own exception, which is no failure).
         */
        static Mono<Body> read(ServerWebExchange exchange, int max, Duration timeout) {
            return exchange.getRequest().getBody()
                    .scanWith(() -> new Body(max, 0), Body::add)
                    .takeUntil(body -> body.total > BridgeEndpoints.DRAIN_BYTES) // then the body is left, unread
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
                    .last()
                    .timeout(timeout)
                    .onErrorMap(e -> !DisconnectedClientHelper.isClientDisconnectedException(e), NotRead::new);
        }

        private Body add(DataBuffer buffer) {
            try {
                int n = buffer.readableByteCount();
                if (total + n <= max) {
                    byte[] bytes = new byte[n];
                    buffer.read(bytes);
                    kept.write(bytes, 0, n);
                }
                total += n;
                return this;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        boolean tooLarge() {
            return total > max;
        }

        boolean readToTheEnd() {
            return total <= BridgeEndpoints.DRAIN_BYTES;
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }

    /**
     * A body that could not be read to its end: broken, or stalled past the deadline (a server read timeout, such as
     * Reactor Netty's {@code readTimeout}, or the bridge's own). The client's doing, at will: no failure of ours.
     */
    private static final class NotRead extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        NotRead(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    private Mono<Void> events(BridgeEndpoints endpoints, ServerWebExchange exchange, byte[] body, BridgeEndpoints.Request request) {
        try {
            return json(exchange, HttpStatus.ACCEPTED, endpoints.events(body, body.length, request));
        } catch (BridgeError e) {
            return refuse(exchange, e);
        }
    }

    private Mono<Void> callout(BridgeEndpoints endpoints, ServerWebExchange exchange, byte[] body, BridgeEndpoints.Request request) {
        try {
            return Mono.fromFuture(endpoints.callout(body, body.length, request))
                    .timeout(Duration.ofSeconds(BridgeEndpoints.CALLOUT_TIMEOUT_SECONDS))
                    .flatMap(answer -> json(exchange, HttpStatus.OK, answer))
                    .onErrorResume(e -> refuse(exchange, BridgeEndpoints.unprocessable()));
        } catch (BridgeError e) {
            return refuse(exchange, e);
        }
    }

    private Mono<Void> script(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        boolean notModified;
        try {
            notModified = BridgeEndpoints.scriptNotModified(glueEtag, request.getMethod().name(),
                    request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH));
        } catch (BridgeError e) {
            return refuse(exchange, e);
        }
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, "text/javascript;charset=UTF-8");
        // Revalidated each time (a 304 costs a round trip, no body): the URL carries no version, and a page must not
        // run last release's script against this server's endpoints.
        headers.setCacheControl("no-cache");
        headers.setETag(glueEtag);
        headers.set("X-Content-Type-Options", "nosniff");
        if (notModified) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        headers.setContentLength(glue.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(glue)));
    }

    /** What the endpoints need to know of the exchange: its session (if one was started) and principal, read reactively. */
    static Mono<BridgeEndpoints.Request> describe(ServerWebExchange exchange, @Nullable Embeddable widget,
            @Nullable ReactiveAppUserResolver users, AppUserLookup lookup) {
        // A session reaches the bridge only in a cookie: the glue sends no header a header-based resolver reads. With
        // no cookie at all there is none to find, and asking would make one, which WebFlux's in-memory store does on
        // another thread (boundedElastic): a hop to it and back that was ~40% of the endpoint's CPU per request.
        // (getFirst, not containsKey: Spring Framework 7's HttpHeaders is no Map.)
        boolean hasCookie = exchange.getRequest().getHeaders().getFirst(HttpHeaders.COOKIE) != null;
        Mono<Optional<String>> session = !hasCookie
                ? Mono.just(Optional.empty())
                : exchange.getSession()
                        .map(s -> s.isStarted() ? Optional.of(s.getId()) : Optional.<String>empty())
                        .defaultIfEmpty(Optional.empty());
        Mono<Principal> signedIn = exchange.getPrincipal().filter(user -> !isAnonymous(user));
        if (hasCookie && SessionSecurityContext.PRESENT) {
            // Spring Security's user of the session, where the request names none: a bridge path outside the security
            // chain (a securityMatcher for /app/**) left a signed-in user nobody, and the CRM refused them (a review)
            signedIn = signedIn.switchIfEmpty(Mono.defer(() -> exchange.getSession().mapNotNull(SessionSecurityContext::user)));
        }
        if (users != null && (hasCookie || exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null)) {
            // the application's own sign-in, where Spring Security's names nobody; asked only where a user could be
            // named (a session lives in a cookie), as making a session for nobody is what the shortcut above avoids
            signedIn = signedIn.switchIfEmpty(Mono.defer(() -> users.appUserId(exchange))
                    .mapNotNull(lookup::named).onErrorResume(e -> {
                        lookup.failed(e);
                        return Mono.empty();
                    }));
        }
        Mono<Optional<Principal>> principal = signedIn.map(Optional::of).defaultIfEmpty(Optional.empty());
        return session.zipWith(principal, (id, user) -> {
            ServerHttpRequest request = exchange.getRequest();
            HttpHeaders headers = request.getHeaders();
            String address = remoteAddress(request);
            return new BridgeEndpoints.Request(request.getMethod().name(), headers.getFirst(HttpHeaders.CONTENT_TYPE),
                    headers.getContentLength(), headers.getFirst(HttpHeaders.ORIGIN), headers.getFirst("Sec-Fetch-Site"),
                    headers.getFirst(HttpHeaders.HOST), serverOrigin(request.getURI()), id.orElse(null), user.orElse(null),
                    address, widget, headers.getFirst(HttpHeaders.CONTENT_ENCODING));
        });
    }

    /**
     * Whether the principal is Spring Security's anonymous visitor: nobody, as a servlet request's
     * {@code getUserPrincipal()} says. Taken as a user, it would name every anonymous visitor's events alike and give
     * them one rate limit. By name: Spring Security may be absent.
     */
    static boolean isAnonymous(Principal user) {
        for (Class<?> type = user.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.springframework.security.authentication.AnonymousAuthenticationToken")) {
                return true;
            }
        }
        return false;
    }

    /** The client's address as an IP literal (a host name when it was never resolved), or null when unknown. */
    static @Nullable String remoteAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /**
     * The origin the server resolved for the request: from the Host header, or, behind a proxy the application
     * trusts (Spring's {@code ForwardedHeaderTransformer}, {@code server.forward-headers-strategy}), the public one.
     */
    static @Nullable String serverOrigin(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /**
     * A client that went away mid-request (a closed tab, a dropped connection) is routine: nothing to answer, nothing
     * worth more than a debug line. Anything else is a bug of ours or a framework surprise: logged, and the client
     * still gets a short JSON answer, never a stack trace.
     */
    private Mono<Void> failed(ServerWebExchange exchange, Throwable e) {
        System.Logger log = System.getLogger(EmbeddableBridgeWebFilter.class.getName());
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            log.log(System.Logger.Level.DEBUG, "RingCentral Embeddable bridge: the client went away during "
                    + exchange.getRequest().getPath() + ": " + e);
            return Mono.empty();
        }
        if (e instanceof NotRead) {
            log.log(System.Logger.Level.DEBUG, "RingCentral Embeddable bridge: the body of a request to "
                    + exchange.getRequest().getPath() + " could not be read: " + e.getMessage());
            if (!exchange.getResponse().isCommitted()) { // Reactor Netty answers a broken chunk itself
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close"); // the rest is not read
            }
            return refuse(exchange, e.getCause() instanceof java.util.concurrent.TimeoutException
                    ? BridgeEndpoints.bodyTooSlow(bodyTimeout) : BridgeEndpoints.unreadableBody());
        }
        log.log(System.Logger.Level.WARNING, "RingCentral Embeddable bridge: unexpected failure on "
                + exchange.getRequest().getPath(), e);
        return refuse(exchange, BridgeEndpoints.unprocessable());
    }

    /** Answers a refusal, counted by its reason. */
    private Mono<Void> refuse(ServerWebExchange exchange, BridgeError e) {
        refusals.count(e);
        return error(exchange, e);
    }

    static Mono<Void> error(ServerWebExchange exchange, BridgeError e) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String allow = e.allow();
        if (allow != null) {
            response.getHeaders().set(HttpHeaders.ALLOW, allow);
        }
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return json(exchange, HttpStatusCode.valueOf(e.status()), e.toJson());
    }

    private static Mono<Void> json(ServerWebExchange exchange, HttpStatusCode status, String body) {
        ServerHttpResponse response = exchange.getResponse();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
        headers.setCacheControl("no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setContentLength(bytes.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes))).onErrorResume(e -> {
            // An answer that cannot be written: the server answered first (Reactor Netty answers a body it cannot
            // decode, such as a broken chunk, with its own 400: "Status and headers already sent") or the client left.
            // Any client can cause it at will, so it is no failure to log louder (a trial's 100 requests made 100 WARNs).
            System.getLogger(EmbeddableBridgeWebFilter.class.getName()).log(System.Logger.Level.DEBUG,
                    "RingCentral Embeddable bridge: the answer to " + exchange.getRequest().getPath() + " could not be written: " + e);
            return Mono.empty();
        });
    }
}

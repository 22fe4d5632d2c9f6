package io.github.embeddable4j.core.bridge;

import io.github.embeddable4j.core.BridgeScript;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bridge between pages and the server, for a framework without an adapter (Helidon, Quarkus REST, Micronaut,
 * Javalin, the JDK's own HTTP server): widget events to a {@link WidgetEventDispatcher}'s listeners and the widget's
 * call-outs to a {@link ThirdPartyService}, with the checks, limits and answers of the servlet and WebFlux adapters.
 * Put {@link #scriptTag} in each page next to the loader, route every request under the mount path to
 * {@link #handle}, and write its {@link Answer} back as it is: a 4xx is always a short JSON error, never a stack trace.
 *
 * <pre>{@code
 * BridgeHandler bridge = BridgeHandler.builder(embeddable).events(dispatcher).service(crm).build();
 * page:     embeddable.scriptTag(nonce) + bridge.scriptTag("/embeddable4j", nonce)
 * endpoint: every request under /embeddable4j/ -> bridge.handle(BridgeHandler.Call.builder(method, pathUnderMount)
 *               .headers(request::header).sessionId(id).user(principal).address(remote).body(in).build())
 * }</pre>
 */
public final class BridgeHandler {

    /** The mount path the servlet and WebFlux bridges use by default: {@code /embeddable4j}. */
    public static final String DEFAULT_MOUNT = BridgeEndpoints.DEFAULT_MOUNT;

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(BridgeHandler.class.getName());
    }

    private static final byte[] NO_BODY = new byte[0];

    private final Embeddable embeddable;
    private final WidgetEventDispatcher dispatcher;
    private final boolean events;
    private final boolean service;
    private final BridgeEndpoints endpoints;
    private final BridgeRefusals refusals;
    private final byte[] glue;
    private volatile @Nullable Rendered rendered;
    /** How long a streamed body may take: {@link BridgeEndpoints#BODY_TIMEOUT}, shorter in tests. */
    Duration bodyTimeout = BridgeEndpoints.BODY_TIMEOUT;

    private record Rendered(String base, Collection<String> types, BridgeScript script) {
    }

    private BridgeHandler(Builder builder) {
        this.embeddable = builder.embeddable;
        this.dispatcher = builder.dispatcher;
        this.events = builder.events;
        this.service = builder.service != null;
        this.endpoints = new BridgeEndpoints(builder.embeddable, builder.dispatcher, builder.service, builder.limits);
        this.refusals = builder.refusals;
        this.glue = endpoints.glue();
    }

    /**
     * A bridge for {@code embeddable}'s pages; without {@link Builder#events} its event endpoint answers 404, and
     * without a {@link Builder#service} its service endpoint does: with neither it serves only its script.
     */
    public static Builder builder(Embeddable embeddable) {
        return new Builder(embeddable);
    }

    /**
     * The {@code <script>} element that loads the bridge in a page, to render after {@link Embeddable#scriptTag}.
     *
     * @param base  where {@link #handle} is mounted, as the page's path sees it (context path and mount, such as
     *              {@code /embeddable4j}); its script, events and service endpoints are under it
     * @param nonce the request's CSP nonce, or null
     * @throws IllegalArgumentException when {@code base} is no path on the application's origin
     */
    public String scriptTag(String base, @Nullable String nonce) {
        return scriptTag(base, nonce, null, null);
    }

    /**
     * Like {@link #scriptTag(String, String)}, for an application that protects POSTs with a CSRF token: the header
     * the bridge sends it in and its value.
     */
    public String scriptTag(String base, @Nullable String nonce, @Nullable String csrfHeader, @Nullable String csrfToken) {
        Collection<String> types = dispatcher.subscribedTypes();
        Rendered last = rendered;
        if (last == null || !last.base().equals(base) || !last.types().equals(types)) {
            BridgeEndpoints.requireMount(base);
            last = new Rendered(base, types, BridgeEndpoints.script(embeddable, base, types, service));
            rendered = last;
        }
        return last.script().tag(nonce, csrfHeader, csrfToken);
    }

    /** The requests this bridge refused so far, by reason. */
    public BridgeRefusals refusals() {
        return refusals;
    }

    /**
     * Answers a request under the mount path: the script ({@code GET}, {@code HEAD} {@code /embeddable4j.js}), an
     * event batch ({@code POST /events}, 202) or a service call-out ({@code POST /service}, answered off the calling
     * thread). The future never fails: a refusal or a failure is an {@link Answer} with a 4xx.
     */
    public CompletableFuture<Answer> handle(Call call) {
        Objects.requireNonNull(call, "call");
        try {
            String endpoint = endpoints.endpoint(call.path);
            if (endpoint == null || (endpoint.equals(BridgeEndpoints.EVENTS) && !events)) {
                throw BridgeEndpoints.notFound();
            } else if (endpoint.equals(BridgeEndpoints.SCRIPT)) {
                return CompletableFuture.completedFuture(script(call));
            }
            BridgeEndpoints.Request request = call.describe();
            endpoints.admit(endpoint, request);
            BridgeEndpoints.Body read = endpoints.readBody(endpoint, request, buffer -> call.read(buffer, bodyTimeout));
            byte[] body = read.bytes();
            int length = read.length();
            if (endpoint.equals(BridgeEndpoints.EVENTS)) {
                return CompletableFuture.completedFuture(json(202, endpoints.events(body, length, request)));
            }
            return endpoints.callout(body, length, request)
                    .orTimeout(BridgeEndpoints.CALLOUT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .handle((text, failure) -> failure == null ? json(200, text) : refuse(call, BridgeEndpoints.unprocessable()));
        } catch (BridgeError e) {
            return CompletableFuture.completedFuture(refuse(call, e));
        } catch (RuntimeException e) {
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable bridge: unexpected failure on " + call.path, e);
            return CompletableFuture.completedFuture(refuse(call, BridgeEndpoints.unprocessable()));
        }
    }

    private Answer script(Call call) throws BridgeError {
        boolean notModified = endpoints.scriptNotModified(call.method, call.header("If-None-Match"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/javascript;charset=UTF-8");
        // Revalidated each time: the URL carries no version, and a page must not run an old script against new endpoints.
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", endpoints.glueEtag());
        headers.put("X-Content-Type-Options", "nosniff");
        if (notModified) {
            return new Answer(304, headers, NO_BODY);
        } else if (call.method.equals("HEAD")) {
            headers.put("Content-Length", String.valueOf(glue.length)); // the GET's, which a HEAD must not contradict
            return new Answer(200, headers, NO_BODY);
        }
        return new Answer(200, headers, glue);
    }

    private static Answer json(int status, String json) {
        return json(status, json, new LinkedHashMap<>());
    }

    private static Answer json(int status, String json, Map<String, String> headers) {
        headers.put("Content-Type", "application/json;charset=UTF-8");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return new Answer(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    private Answer refuse(Call call, BridgeError e) {
        refusals.count(e);
        Map<String, String> headers = new LinkedHashMap<>();
        String allow = e.allow();
        if (allow != null) {
            headers.put("Allow", allow);
        }
        if (e.retryAfterSeconds() > 0) {
            headers.put("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        if (!call.keepsConnection(endpoints, e, bodyTimeout)) {
            // Part of the body may be unread: a client still sending it would otherwise get a reset, not this answer.
            headers.put("Connection", "close");
        }
        return json(e.status(), e.toJson(), headers);
    }

    /** Builds a {@link BridgeHandler}. */
    public static final class Builder {
        private final Embeddable embeddable;
        private WidgetEventDispatcher dispatcher = WidgetEventDispatcher.none();
        private boolean events;
        private @Nullable ThirdPartyService service;
        private BridgeLimits limits = BridgeLimits.defaults();
        private BridgeRefusals refusals = new BridgeRefusals();

        private Builder(Embeddable embeddable) {
            this.embeddable = Objects.requireNonNull(embeddable, "embeddable");
        }

        /** Where widget events go; the page's script forwards the types its listeners want. */
        public Builder events(WidgetEventDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            this.events = true;
            return this;
        }

        /** The application's third-party service (CRM contacts, call logging), registered with the widget by the page. */
        public Builder service(ThirdPartyService service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** Body size, batch size and rate per session; {@link BridgeLimits#defaults()} unless set. */
        public Builder limits(BridgeLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Where refusals are counted, for a metric; a new one unless set. */
        public Builder refusals(BridgeRefusals refusals) {
            this.refusals = Objects.requireNonNull(refusals, "refusals");
            return this;
        }

        public BridgeHandler build() {
            return new BridgeHandler(this);
        }
    }

    /**
     * A request under the bridge's mount path, as your framework received it.
     *
     * <pre>{@code BridgeHandler.Call.builder("POST", "/events").headers(request::header).sessionId(id).body(in).build()}</pre>
     */
    public static final class Call {
        private final String method;
        private final String path;
        private final Function<String, @Nullable String> headers;
        private final @Nullable String serverOrigin;
        private final @Nullable String sessionId;
        private final @Nullable Principal user;
        private final @Nullable String address;
        private final @Nullable Embeddable widget;
        private final @Nullable InputStream stream;
        private final byte @Nullable [] bytes;
        private int streamed;

        private Call(Builder b) {
            this.method = b.method;
            this.path = b.path;
            this.headers = b.headers;
            this.serverOrigin = b.serverOrigin;
            this.sessionId = b.sessionId;
            this.user = b.user;
            this.address = b.address;
            this.widget = b.widget;
            this.stream = b.stream;
            this.bytes = b.bytes;
        }

        /**
         * @param method the request's method, such as {@code POST}
         * @param path   its path under the mount, such as {@code /events}
         */
        public static Builder builder(String method, String path) {
            return new Builder(method, path);
        }

        private @Nullable String header(String name) {
            return headers.apply(name);
        }

        private BridgeEndpoints.Request describe() {
            long length = -1;
            String declared = header("Content-Length");
            if (declared != null) {
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException e) {
                    length = -1; // counted as it is read
                }
            } else if (bytes != null) {
                length = bytes.length;
            }
            return new BridgeEndpoints.Request(method, header("Content-Type"), length, header("Origin"),
                    header("Sec-Fetch-Site"), header("Host"), serverOrigin, sessionId, user, address, widget,
                    header("Content-Encoding"));
        }

        /** Reads the body into {@code buffer} until it is full (over the limit) or the body ends. */
        private int read(byte[] buffer, Duration timeout) throws BridgeError {
            if (bytes != null) {
                int n = Math.min(bytes.length, buffer.length);
                System.arraycopy(bytes, 0, buffer, 0, n);
                return n;
            }
            if (stream == null) {
                return 0;
            }
            streamed = BridgeEndpoints.readUpTo(stream, buffer, streamed, timeout);
            return streamed;
        }

        /** Before a refusal: whether the connection can carry the next request ({@link BridgeEndpoints#keepsConnection}). */
        private boolean keepsConnection(BridgeEndpoints endpoints, BridgeError refusal, Duration timeout) {
            InputStream in = stream;
            return endpoints.keepsConnection(() -> BridgeEndpoints.rateKey(sessionId, user, address), address, refusal,
                    declaredLength(), header("Expect"), in == null ? null : () -> in, streamed, timeout);
        }

        private long declaredLength() {
            String declared = header("Content-Length");
            try {
                return declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE; // not a length: the body's end is unknown, so it is not drained
            }
        }

        /** Builds a {@link Call}. */
        public static final class Builder {
            private final String method;
            private final String path;
            private Function<String, @Nullable String> headers = name -> null;
            private @Nullable String serverOrigin;
            private @Nullable String sessionId;
            private @Nullable Principal user;
            private @Nullable String address;
            private @Nullable Embeddable widget;
            private @Nullable InputStream stream;
            private byte @Nullable [] bytes;

            private Builder(String method, String path) {
                this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
                this.path = Objects.requireNonNull(path, "path");
            }

            /**
             * The request's headers by name, case-insensitively, null when absent: {@code Content-Type},
             * {@code Content-Length}, {@code Origin}, {@code Sec-Fetch-Site}, {@code Host}, {@code If-None-Match},
             * {@code Expect}. Without them a POST is refused as not JSON (415) or from another origin (403). Over HTTP/2 a
             * request has no {@code Host} header: answer {@code Host} with its authority ({@code :authority}), as most
             * frameworks do, or give {@link #serverOrigin}.
             */
            public Builder headers(Function<String, @Nullable String> headers) {
                this.headers = Objects.requireNonNull(headers, "headers");
                return this;
            }

            /**
             * The origin the server resolved for the request ({@code https://crm.example.com:443}): behind a proxy your
             * server trusts, the public one. An {@code Origin} matching it is same-origin even where a proxy rewrote
             * {@code Host}; without it, only the {@code Host} header counts.
             */
            public Builder serverOrigin(@Nullable String origin) {
                this.serverOrigin = origin;
                return this;
            }

            /**
             * The request's session id, when it has a session (never create one for this): events are attributed to it
             * (as an opaque key) and the rate limit counts per session. Only a session the request came with: where
             * the framework makes one for every request without a cookie (Vert.x's {@code SessionHandler}), each such
             * request would get a fresh limit (a trial's 70 posts were all taken), so pass null for it.
             */
            public Builder sessionId(@Nullable String id) {
                this.sessionId = id;
                return this;
            }

            /** The signed-in user, or null: events and call-outs carry it to listeners and the service. */
            public Builder user(@Nullable Principal user) {
                this.user = user;
                return this;
            }

            /**
             * The client's address: the rate limit of a request with neither session nor user (without any of the three,
             * such requests share one limit).
             */
            public Builder address(@Nullable String address) {
                this.address = address;
                return this;
            }

            /**
             * The widget of the page that made the request, where the application serves several tenants and picked
             * this one for the request (by its host, say): events and call-outs carry it to listeners and the service
             * ({@code event.widget()}, {@code caller.widget()}). Without it, they carry the handler's own.
             */
            public Builder widget(@Nullable Embeddable widget) {
                this.widget = widget;
                return this;
            }

            /**
             * The request's body, read only once the request passed its checks, and at most one byte past the limit. A
             * body still coming after 20 s ({@link BridgeEndpoints#BODY_TIMEOUT_SECONDS}, looked at after each read) is
             * answered 400 {@code unreadable-body} with {@code Connection: close}; a stream that blocks for good is only
             * ended by your server's own read deadline (the JDK's server has none, and reads the rest of a body when the
             * exchange is closed: see docs/frameworks.md).
             */
            public Builder body(InputStream body) {
                this.stream = Objects.requireNonNull(body, "body");
                this.bytes = null;
                return this;
            }

            /**
             * The request's body, opened at its first read: for a server that answers {@code 100 Continue} as soon as
             * the stream is taken (Jetty's {@code getInputStream()}), so a request refused by its checks is not asked
             * for its body (a Javalin trial's client got {@code 100 Continue}, then the 403).
             *
             * <pre>{@code .body(ctx.req()::getInputStream)}</pre>
             */
            public Builder body(java.util.concurrent.Callable<InputStream> body) {
                Objects.requireNonNull(body, "body");
                return body(new InputStream() {
                    private @Nullable InputStream opened;

                    private InputStream in() throws IOException {
                        InputStream in = opened;
                        if (in == null) {
                            try {
                                in = Objects.requireNonNull(body.call(), "the body's stream");
                            } catch (IOException | RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new IOException(e);
                            }
                            opened = in;
                        }
                        return in;
                    }

                    @Override
                    public int read() throws IOException {
                        return in().read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return in().read(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        InputStream in = opened;
                        if (in != null) {
                            in.close();
                        }
                    }
                });
            }

            /** The request's body, where your framework has read it already. */
            public Builder body(byte[] body) {
                this.bytes = Objects.requireNonNull(body, "body");
                this.stream = null;
                return this;
            }

            public Call build() {
                return new Call(this);
            }
        }
    }

    /**
     * What to answer: the status, the headers to set (such as {@code Content-Type}, {@code Retry-After},
     * {@code Connection: close} when part of a refused body is left unread, and for a HEAD the GET's
     * {@code Content-Length}) and the body (empty for a HEAD or a 304). {@code Connection} is HTTP/1.1's: leave it out
     * of an HTTP/2 answer, where it is an error (the client resets the stream). The body is not copied (the script's
     * is shared by every answer): write it out, never change it.
     */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public Answer {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** The body as text (UTF-8): JSON, or the script. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * The answer's {@code Content-Type}, or null for one without a body: for a framework that takes the type with
         * the body rather than as a header (Ktor refuses {@code Content-Type} and {@code Content-Length} as headers;
         * skip both when copying {@link #headers()} there).
         */
        public @Nullable String contentType() {
            return headers.get("Content-Type");
        }
    }
}

package io.github.embeddable4j.core.login;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.WidgetSelection;
import io.github.embeddable4j.core.login.LoginMessagePage.Link;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What "sign in once" decides, the same in every adapter (the servlet and the WebFlux ones only read requests, keep
 * two attributes in the user's session and write the answers): the connect endpoint's redirect to RingCentral, the
 * callback at the widget's redirect URI, and which page carries the caught code, once.
 *
 * <pre>{@code
 * LoginEndpoints login = LoginEndpoints.builder(embeddable).serverKey(key).build();
 * Answer answer = login.connect(contextPath, login.externalAuthIdOf(userName), returnParameter, () -> session);
 * }</pre>
 *
 * <p>The session holds the open sign-ins (a few, by state, each answering once) and at most one handoff. A handoff
 * waits for the next HTML page at most {@link Builder#handoffTimeout(Duration) a minute} by default: authorization
 * codes are meant to be exchanged right away, and a stale one would make the widget's exchange fail.
 */
public final class LoginEndpoints {

    /** Where a sign-in starts unless set: {@value}. */
    public static final String DEFAULT_CONNECT_PATH = "/ringcentral/connect";
    /** The headers of every redirect these endpoints answer: the callback's URL carries the code. */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public static final Map<String, String> REDIRECT_HEADERS = Map.of("Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer");
    /**
     * The servlet-context attribute where an application publishes how a page takes its user's waiting handoff: a
     * {@code java.util.function.Function<HttpServletRequest, Reservation>} ({@code LoginHandoffFlow.publishIn} in the
     * servlet module; the Spring starter publishes its flow's). The Vaadin component takes the handoff with it when
     * it is attached, as the servlet filter does for the pages it writes.
     */
    @Internal("embeddable4j's adapters, which publish sign in once to one another in the servlet context")
    public static final String PUBLISHED_HANDOFF_ATTRIBUTE = "io.github.embeddable4j.login.takeHandoff";
    /**
     * The servlet-context attribute where an application publishes how a view shown without a page load takes its
     * session's connect-on-login mark: a {@code java.util.function.BiFunction<HttpServletRequest, String, String>}
     * from the request and the view's path in the context to the connect href ({@link #takeConnectHref}), or null
     * ({@code LoginHandoffFlow.publishIn}; the Spring starter publishes its flow's). The Vaadin component sends the
     * window there when it is attached after a sign-in in a UI event, which no page load follows.
     */
    @Internal("embeddable4j's adapters, which publish sign in once to one another in the servlet context")
    public static final String PUBLISHED_CONNECT_ATTRIBUTE = "io.github.embeddable4j.login.takeConnect";

    /**
     * The servlet-context attribute where an application publishes its "Connect RingCentral" links: a
     * {@code java.util.function.BiFunction<HttpServletRequest, String, String>} from the request and a path in the
     * context to the connect href coming back there, or null where the widget the request names
     * ({@link #PUBLISHED_WIDGET_ATTRIBUTE}) cannot sign in once ({@code LoginHandoffFlow.publishIn}; the Spring starter
     * publishes its flow's). The Vaadin component's {@code connectHref} asks it.
     */
    @Internal("embeddable4j's adapters, which publish sign in once to one another in the servlet context")
    public static final String PUBLISHED_CONNECT_HREF_ATTRIBUTE = "io.github.embeddable4j.login.connectHref";

    /**
     * The servlet context attribute holding a {@code java.util.function.Predicate<Embeddable>}, published with
     * {@link #PUBLISHED_HANDOFF_ATTRIBUTE}: whether a widget signs in once with the published flow (its own, or another
     * tenant's, {@link #forWidget}). A Vaadin component whose widget does not takes none of the flow's handoff,
     * connect or sign-out mark.
     */
    @Internal("embeddable4j's adapters, which publish sign in once to one another in the servlet context")
    public static final String PUBLISHED_SIGNS_IN_ATTRIBUTE = "io.github.embeddable4j.login.signsIn";
    /**
     * The request attribute a caller of the published functions sets to the {@link Embeddable} it renders before it
     * calls them (a Vaadin component built with a tenant's widget): they take that tenant's handoff and connect mark.
     * Without it, they serve the flow's own widget.
     */
    @Internal("embeddable4j's adapters, which publish sign in once to one another in the servlet context")
    public static final String PUBLISHED_WIDGET_ATTRIBUTE = "io.github.embeddable4j.login.widget";
    static final String PENDING_ATTRIBUTE = "io.github.embeddable4j.login.pending";
    static final String HANDOFF_ATTRIBUTE = "io.github.embeddable4j.login.handoff";
    static final String CONNECT_ATTRIBUTE = "io.github.embeddable4j.login.connect-at-next-page";
    /** Who signed in last in a session ({@link #signedIn}): a sign-in of someone else over it is their sign-out. */
    static final String SIGNED_IN_ATTRIBUTE = "io.github.embeddable4j.login.signed-in-user";
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~-]*");
    /** The fix for a connect path that is no path, or the callback's. */
    @Internal("embeddable4j's adapters, which report every problem of sign in once's settings at once")
    public static final String CONNECT_PATH_FIX = "Use a path of its own, such as /ringcentral/connect.";

    /**
     * What is wrong with a connect path as the builder judges it, or empty: a start-up report lists it beside the
     * widget's problems, named as the adapter names the setting (a WebFlux trial's report said "connectPath:").
     */
    @Internal("embeddable4j's adapters, which report every problem of sign in once's settings at once")
    public static java.util.Optional<String> connectPathProblem(@Nullable String connectPath) {
        return connectPath == null || !PATH.matcher(connectPath).matches() || connectPath.startsWith("//")
                ? java.util.Optional.of("'" + connectPath + "' is not a path.") : java.util.Optional.empty();
    }
    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    /** Guards creating a session's holder of open sign-ins, a rare event; the holder synchronizes itself. */
    private static final Object CREATE_LOCK = new Object();

    /**
     * The attributes of the user's session, as the adapter's framework keeps them. An implementation reads an
     * invalidated session as empty and ignores writes to it.
     */
    public interface Session {
        /** The attribute, or null. */
        @Nullable Object get(String name);

        /** Sets it (again: session stores that serialize attributes see a change only when it is set). */
        void set(String name, Object value);

        /** Removes it. */
        void remove(String name);
    }

    /** What an endpoint answers: a {@link Redirect} or a {@link Page}. */
    public sealed interface Answer permits Redirect, Page {
        /** The status code. */
        int status();
    }

    /** A redirect to {@code location} (302 to RingCentral, 303 back to the application), with {@link #REDIRECT_HEADERS}. */
    public record Redirect(int status, String location) implements Answer {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** A short page saying why nothing was connected (4xx); serve {@link LoginMessagePage#bytes()} with its headers. */
    public record Page(int status, LoginMessagePage page) implements Answer {
        public Page {
            Objects.requireNonNull(page, "page");
        }
    }

    /** The query parameters of a callback from RingCentral. */
    public record Callback(@Nullable String state, @Nullable String code, @Nullable String error,
            @Nullable String errorDescription) {

        /** Without the code and state, which a log line or a debugger's view would otherwise keep. */
        @Override
        public String toString() {
            return "Callback[state=" + (state == null ? null : "****") + ", code=" + (code == null ? null : "****")
                    + ", error=" + error + ", errorDescription=" + errorDescription + "]";
        }
    }

    private final Embeddable embeddable;
    private final LoginAuthorization authorization;
    private final ExternalAuthIds externalAuthIds;
    private final String connectPath;
    private final @Nullable String callbackPath;
    private final Duration pendingTimeout;
    private final Duration handoffTimeout;
    private final byte[] serverKey;
    private final @Nullable String authorizeEndpoint;
    /** Other tenants' endpoints ({@link #forWidget}), by widget; empty for a widget that cannot sign in once. */
    private final Map<Embeddable, Optional<LoginEndpoints>> tenants = WidgetSelection.recentlyUsed();
    /** The settings of tenants said in the log to be unable to sign in once: once each, whatever their instance. */
    private final Set<EmbeddableConfig> warnedTenants = ConcurrentHashMap.newKeySet();
    static final Duration CALLBACK_WARNING_INTERVAL = Duration.ofHours(1);
    /** When the callback without a session may next be said (nanoTime); {@link Long#MIN_VALUE} until it was. */
    private final java.util.concurrent.atomic.AtomicLong nextCallbackWarning = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    /** The clock of that warning; a test's own in tests. */
    java.util.function.LongSupplier nanoClock = System::nanoTime;
    private final AtomicBoolean warnedSessionCookie = new AtomicBoolean();
    /** The endpoints these serve another tenant for ({@link #forWidget}), or null for the flow's own. */
    private final @Nullable LoginEndpoints root;
    /** Where the session keeps the code waiting for this widget's page: one per tenant, so none replaces another's. */
    private final String handoffAttribute;

    private LoginEndpoints(Builder b, LoginAuthorization authorization, byte[] serverKey, @Nullable LoginEndpoints root) {
        this.root = root;
        // a tenant of the same issuer as the flow's own widget (a copy of its row, other settings) shares its slot;
        // others get one named by a digest of theirs (a session store may limit an attribute name to 200 characters)
        this.handoffAttribute = root == null || authorization.issuer().equals(root.authorization.issuer())
                ? HANDOFF_ATTRIBUTE : HANDOFF_ATTRIBUTE + "#" + digest(authorization.issuer());
        this.embeddable = b.embeddable;
        this.serverKey = serverKey;
        this.authorizeEndpoint = b.authorizeEndpoint;
        this.authorization = authorization;
        this.externalAuthIds = ExternalAuthIds.withKey(serverKey);
        this.connectPath = b.connectPath;
        this.callbackPath = b.callbackPath;
        this.pendingTimeout = b.pendingTimeout;
        this.handoffTimeout = b.handoffTimeout;
    }

    /** 128 bits of SHA-256 of a text, in base64url: a short, stable name part. */
    private static String digest(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Starts the settings for a rendered configuration (which needs a client ID and a redirect URI of your own). */
    public static Builder builder(Embeddable embeddable) {
        return new Builder(Objects.requireNonNull(embeddable, "embeddable"));
    }

    /** The widget whose redirect URI the codes are issued for. */
    public Embeddable embeddable() {
        return embeddable;
    }

    /**
     * The endpoints for another tenant's widget (one an application's selector picks): the same key, paths and
     * timeouts, that widget's client ID, redirect URI and server; {@code this} for this one's widget, or a widget
     * with the same settings. Null when that widget cannot sign in once (no client ID of its own, its hosting's
     * redirect page, auth-proxy mode, or a redirect URI at another path than this one's, where nothing catches its
     * codes), said once in the log with the fix: its pages get the widget without sign in once.
     * A session keeps one tenant's sign-ins and code apart from another's: a page takes only a code its widget can
     * exchange. With {@link Builder#authorizeEndpoint} set, every tenant is sent there.
     *
     * <pre>{@code LoginEndpoints tenant = endpoints.forWidget(selected); // null: no sign in once on this page}</pre>
     */
    public @Nullable LoginEndpoints forWidget(Embeddable widget) {
        Objects.requireNonNull(widget, "widget");
        if (widget == embeddable || widget.config().equals(embeddable.config())) {
            return this;
        }
        LoginEndpoints own = root;
        if (own != null) {
            return own.forWidget(widget); // one cache and one warning per application, whichever tenant asks
        }
        return tenants.computeIfAbsent(widget, this::tenant).orElse(null);
    }

    /**
     * Whether an application's sign-in connects on login, where its selector picked {@code picked} for the sign-in's
     * request (null: none, or the selector failed): not where the picked widget cannot sign in once
     * ({@link #forWidget}), since no connection would bring it a login, and a first sign-in's sign-out mark would log
     * out the login of the widget's own popup at every new session. A sign-in on a host without a widget connects at the
     * next page whose widget signs in once, in a session several hosts share. The starter's MVC and WebFlux sign-ins and
     * the servlet {@code LoginHandoffFlow.signedIn} (with a {@code ConnectOnLoginFilter} made {@code withSelector}) ask
     * it; ask the selector after the sign-in, so one that picks by user sees who signed in.
     *
     * <pre>{@code boolean connect = endpoints.connectsAtSignIn(selector.select(request)); // after the sign-in}</pre>
     */
    public boolean connectsAtSignIn(@Nullable Embeddable picked) {
        return picked == null || forWidget(picked) != null;
    }

    private Optional<LoginEndpoints> tenant(Embeddable widget) {
        Builder b = builder(widget).serverKey(serverKey).connectPath(connectPath).callbackPath(callbackPath)
                .authorizeEndpoint(authorizeEndpoint).pendingTimeout(pendingTimeout).handoffTimeout(handoffTimeout);
        List<ConfigProblem> problems = new ArrayList<>();
        LoginEndpoints tenant = null;
        try {
            tenant = b.build(this);
        } catch (EmbeddableConfigException e) {
            problems.addAll(e.problems());
        }
        String ours = URI.create(embeddable.redirectUri()).getRawPath();
        String theirs = URI.create(widget.redirectUri()).getRawPath();
        if (tenant != null && !ours.equals(theirs)) {
            problems.add(new ConfigProblem("redirectUri", "its path, " + theirs + ", is not " + ours + ", where sign in"
                    + " once catches codes.", "Register the tenant's app with a redirect URI at " + ours
                    + " on the tenant's host, and set it as the tenant's redirectUri."));
        }
        if (tenant != null && problems.isEmpty()) {
            return Optional.of(tenant);
        }
        if (warnedTenants.size() >= WidgetSelection.MAX_WIDGETS) {
            warnedTenants.clear();
        }
        if (!warnedTenants.add(widget.config())) {
            return Optional.empty(); // said already, for another instance of the same settings (a session read back)
        }
        // The prefix tells tenants apart where the rest reads alike (several on the demo app, a WebFlux trial found).
        String prefix = widget.config().prefix().equals(embeddable.config().prefix()) ? ""
                : " (prefix " + widget.config().prefix() + ")";
        StringBuilder text = new StringBuilder("RingCentral Embeddable: sign in once does not serve the widget the"
                + " selector picked" + prefix + " with client ID " + widget.config().clientId().orElse("(none: the demo app)")
                + " and redirect URI " + widget.redirectUri() + ", so the pages that get it have no sign in once, and"
                + " the connect path answers 404 there:");
        for (ConfigProblem p : problems) {
            text.append("\n  - ").append(p);
        }
        log().log(System.Logger.Level.WARNING, text.toString());
        return Optional.empty();
    }

    /**
     * The Content-Security-Policy sources of a page whose widget signs in once: the widget's, and the authorize
     * endpoint's origin in {@code form-action}. With connect-on-login, the answer to a sign-in form is redirected on
     * to the connect path and from there to RingCentral, and browsers check each redirect of a form's submission
     * against {@code form-action}: a policy of {@code form-action 'self'} kept a servlet trial's users on their sign-in
     * page. Merged into a policy without {@code form-action}, it adds none.
     *
     * <pre>{@code response.setHeader("Content-Security-Policy", flow.endpoints().contentSecurityPolicy().withEventBridge().mergeInto(policy));}</pre>
     */
    public CspSources contentSecurityPolicy() {
        return embeddable.contentSecurityPolicy().with("form-action", authorization.authorizeOrigin());
    }

    /** The authorize request: client ID, redirect URI, endpoint. */
    public LoginAuthorization authorization() {
        return authorization;
    }

    /**
     * One line for the start-up log naming the server key by a fingerprint that gives nothing of it away: every
     * instance of the application must show the same one (a difference showed only as users' failed sign-ins).
     *
     * <pre>{@code log.info(endpoints.startupLine());}</pre>
     */
    public String startupLine() {
        return startupLine("");
    }

    /**
     * The same, naming the connect path as a browser asks for it, under the application's context or base path (an Open
     * Liberty trial's application at {@code /sio} was told {@code /ringcentral/connect}).
     */
    public String startupLine(String contextPath) {
        return "RingCentral Embeddable: sign in once at " + contextPath + connectPath + "; its server key's fingerprint is "
                + externalAuthIds.fingerprint() + " (every instance must show the same)";
    }

    /** Where a sign-in starts, relative to the context path, such as {@value #DEFAULT_CONNECT_PATH}. */
    public String connectPath() {
        return connectPath;
    }

    /**
     * Where the redirect URI reaches the application, relative to the context path, when set; null to take it from
     * the redirect URI's path (see {@link #callbackPathIn(String)}).
     */
    public @Nullable String callbackPath() {
        return callbackPath;
    }

    /**
     * The path to serve the callback at inside this context path.
     *
     * @throws IllegalArgumentException saying how to fix the configuration when the redirect URI is not in the application
     */
    public String callbackPathIn(@Nullable String contextPath) {
        return CallbackPaths.of(embeddable.redirectUri(), callbackPath, connectPath, contextPath);
    }

    /** A link that starts a sign-in and comes back to {@code returnPath} (a path on this site), or to the root. */
    public String connectHref(String contextPath, @Nullable String returnPath) {
        String href = contextPath + connectPath;
        return returnPath == null ? href : href + "?return=" + URLEncoder.encode(returnPath, StandardCharsets.UTF_8);
    }

    /** The widget's {@code externalAuthId} for the application's signed-in user, or null when nobody is signed in. */
    public @Nullable String externalAuthIdOf(@Nullable String appUserId) {
        return appUserId == null || appUserId.isEmpty() ? null : externalAuthIds.forAppUser(appUserId);
    }

    /**
     * The connect endpoint: for a signed-in user, a new sign-in kept in the session and a 302 to RingCentral's
     * authorize page; a 403 page for nobody signed in, a 400 page for a {@code return} that is not a path here.
     *
     * @param session gives the session, created if need be; asked only when a sign-in starts
     */
    public Answer connect(String contextPath, @Nullable String externalAuthId, @Nullable String requestedReturn,
            Supplier<? extends Session> session) {
        String home = contextPath + "/";
        if (externalAuthId == null) {
            return LoginPages.signInFirst(home);
        }
        String returnPath;
        try {
            returnPath = requestedReturn == null ? home : ReturnPaths.check(requestedReturn, contextPath);
        } catch (IllegalArgumentException e) {
            return LoginPages.badReturn(home, String.valueOf(e.getMessage()));
        }
        PendingLogin pending = authorization.begin(externalAuthId, returnPath, externalAuthIds.fingerprint());
        Session s = session.get();
        PendingLogins open;
        synchronized (CREATE_LOCK) {
            open = s.get(PENDING_ATTRIBUTE) instanceof PendingLogins p ? p : new PendingLogins();
            open.add(pending, Instant.now(), pendingTimeout);
        }
        s.set(PENDING_ATTRIBUTE, open);
        s.remove(CONNECT_ATTRIBUTE); // connecting now is what a sign-in's mark asked for
        return new Redirect(302, pending.authorizeUrl());
    }

    /**
     * A sign-in's way back that brings no session at all is refused like a used link, and says why only in the log: at
     * most once an hour per application, since a stray, replayed or forged link says it too (with "once" for good, a
     * forged link sent first kept a real SameSite problem later from being logged: a trial).
     */
    private void warnOfCallbackWithoutSession() {
        LoginEndpoints own = root != null ? root : this;
        long now = own.nanoClock.getAsLong();
        long next = own.nextCallbackWarning.get();
        if ((next == Long.MIN_VALUE || now - next >= 0)
                && own.nextCallbackWarning.compareAndSet(next, now + CALLBACK_WARNING_INTERVAL.toNanos())) {
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: a sign-in came back to "
                    + embeddable.redirectUri() + " without the session it started in, so it was refused (400 \"already"
                    + " used or has expired\"; said at most once an hour). Usually: a session cookie with SameSite=Strict,"
                    + " which the browser leaves out when RingCentral's page sends the user back (make it SameSite=Lax); the"
                    + " sign-in started on another host than the redirect URI's; or the session ended (a restart without a"
                    + " persistent session store, a short timeout). A link opened twice, or forged, says it too.");
        }
    }

    /**
     * A sign-in of this session started for another widget than the one its callback reached: one with other settings
     * on another instance of the application (a cluster trial: nothing but the user's 400 said so), or another
     * tenant's. Only a session's own sign-in gets here, so nobody else can make it said: it is said every time.
     */
    private boolean warnOfOtherSettings(PendingLogin pending) {
        String issuer = pending.issuer();
        if (issuer == null) {
            return false; // kept by an earlier version, before issuers were recorded: nothing to compare
        }
        log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: a sign-in started for another widget came back"
                + " to this instance, whose widget differs in: " + authorization.differencesFrom(issuer) + "; so nothing"
                + " was connected (503 \"RingCentral could not be connected\"). Usually the application's instances are"
                + " set up differently: give every instance the same client ID, redirect URI and server. Or the settings"
                + " changed while the user was signing in, or a tenant's sign-in came back to another tenant's.");
        return true;
    }

    /**
     * The page for a sign-in another instance started with other settings: the user did nothing wrong, and another
     * try may reach an instance that can finish it (the log says what differs).
     */
    private Page notSetUpAlike(String contextPath, PendingLogin pending) {
        return LoginPages.notSetUpAlike(tryAgain(contextPath, pending), back(pending));
    }

    private Link tryAgain(String contextPath, PendingLogin pending) {
        return new Link(connectHref(contextPath, pending.returnPath()), "Try again");
    }

    private static Link back(PendingLogin pending) {
        return new Link(pending.returnPath(), "Back to where you were");
    }

    /**
     * Says in the log, and answers true, when a sign-in's or handoff's externalAuthId was derived with another server
     * key than this instance's ({@link ExternalAuthIds#fingerprint()}; null for one kept before it was recorded):
     * another instance's, whose ids never match these, so the user looked like someone else (a cluster trial).
     */
    private boolean warnOfOtherKey(String what, @Nullable String keyFingerprint) {
        String own = externalAuthIds.fingerprint();
        if (keyFingerprint == null || keyFingerprint.equals(own)) {
            return false;
        }
        log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: a " + what + " was started by an instance whose"
                + " server key has the fingerprint " + keyFingerprint + ", not this one's (" + own + "), so the user's"
                + " externalAuthId differs and nothing was connected. Give every instance of the application the same"
                + " login server key (and rotate it on all of them at once).");
        return true;
    }

    /**
     * The callback at the redirect URI, for a {@link LoginAuthorization#isServerState server state} (any other request
     * there is the widget's own login popup landing: serve it the {@link io.github.embeddable4j.core.RedirectPage}).
     * The open sign-in answers once; with a code for the same user, the handoff waits in the session for the next page
     * and the answer is a 303 back to where the sign-in started. A declined consent, an error from RingCentral, a
     * used or expired state (or no session), and a change of user in between each get a page saying so; a sign-in
     * another instance started with another server key or widget settings gets a 503 page, and a warning in the log.
     *
     * @param session the request's session, or null when it has none
     */
    public Answer callback(String contextPath, @Nullable Session session, Callback callback,
            @Nullable String currentExternalAuthId) {
        PendingLogin pending = session == null ? null : takePending(session, callback.state());
        if (pending != null && !pending.isFor(authorization.issuer(), root == null)) {
            if (warnOfOtherSettings(pending)) {
                return notSetUpAlike(contextPath, pending);
            }
            pending = null; // kept by an earlier version for another tenant: its code is no use to this widget
        }
        if (pending == null) {
            if (session == null) {
                warnOfCallbackWithoutSession();
            }
            return LoginPages.usedOrExpired(contextPath + "/", connectHref(contextPath, null));
        }
        Link back = back(pending);
        Link tryAgain = tryAgain(contextPath, pending);
        if (!pending.externalAuthId().equals(currentExternalAuthId)) {
            if (currentExternalAuthId != null && warnOfOtherKey("sign-in", pending.keyFingerprint())) {
                return notSetUpAlike(contextPath, pending);
            }
            return LoginPages.someoneElse(tryAgain, back);
        }
        String error = callback.error();
        if (error != null) {
            return error.equals("access_denied") ? LoginPages.declined(tryAgain, back)
                    : LoginPages.ringCentralError(error, callback.errorDescription(), tryAgain, back);
        }
        LoginHandoff handoff;
        try {
            handoff = callback.code() == null ? null : pending.complete(callback.code());
        } catch (IllegalArgumentException e) {
            handoff = null;
        }
        if (handoff == null) {
            return LoginPages.noCode(tryAgain, back);
        }
        Objects.requireNonNull(session, "session"); // a pending sign-in came from it
        session.set(handoffAttribute, new HandoffSlot(handoff, System.currentTimeMillis(), authorization.issuer(),
                externalAuthIds.fingerprint()));
        return new Redirect(303, pending.returnPath());
    }

    /**
     * The answer of the connect path and the callback when the application's user lookup failed (a user store that
     * is down): a 503 page, rather than the container's 500. Nothing was started or used up, so the same request can
     * be made again; an open sign-in stays open.
     */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public Answer userLookupFailed(String contextPath) {
        return LoginPages.tryLater(contextPath + "/");
    }

    /**
     * The answer of the connect path and the callback where the request's site has no sign in once (a tenant without
     * RingCentral, or whose widget cannot sign in once): for a browser sent there ({@link LoginRequests#wantsPage}), a 404 page
     * saying so with a way back, rather than a JSON error a person cannot read (a WebFlux trial); otherwise the
     * adapters answer with their short JSON error.
     *
     * <pre>{@code if (LoginRequests.wantsPage(request::getHeader)) { write(LoginEndpoints.notSetUpHere(contextPath)); }}</pre>
     */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public static Answer notSetUpHere(String contextPath) {
        return LoginPages.notSetUpHere(contextPath + "/");
    }

    /**
     * Logs {@link #sessionCookieWarning} once for these endpoints (each tenant's are its own), for the adapters'
     * connect paths.
     */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public void warnOfSessionCookie(String scheme, String host, int port) {
        if (!warnedSessionCookie.get()) {
            String warning = sessionCookieWarning(scheme, host, port);
            if (warning != null && warnedSessionCookie.compareAndSet(false, true)) {
                log().log(System.Logger.Level.WARNING, warning);
            }
        }
    }

    /**
     * The warning to log once when a sign-in starts on another origin than the redirect URI's, or null: the browser
     * sends the session cookie only to the host it came from, so the callback would find no sign-in.
     */
    @Internal("embeddable4j's adapters (sign in once's endpoints)")
    public @Nullable String sessionCookieWarning(String scheme, String host, int port) {
        URI redirect = URI.create(embeddable.redirectUri());
        int redirectPort = redirect.getPort() == -1 ? (redirect.getScheme().equalsIgnoreCase("https") ? 443 : 80) : redirect.getPort();
        boolean same = redirect.getScheme().equalsIgnoreCase(scheme)
                && String.valueOf(redirect.getHost()).toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))
                && redirectPort == port;
        return same ? null : "RingCentral Embeddable: a sign-in started at " + scheme + "://" + host + ":" + port
                + ", but the redirect URI of its widget (client ID " + authorization.clientId() + ") is "
                + embeddable.redirectUri() + ". The browser sends the session cookie only to the host it came from, so"
                + " the callback will not find the sign-in unless a proxy makes both the same origin. With several"
                + " tenants, each tenant's redirect URI must be on a host whose pages get that tenant's widget.";
    }

    private @Nullable PendingLogin takePending(Session session, @Nullable String state) {
        if (!(session.get(PENDING_ATTRIBUTE) instanceof PendingLogins open)) {
            return null;
        }
        PendingLogin pending = open.take(state, Instant.now(), pendingTimeout);
        if (open.isEmpty()) {
            session.remove(PENDING_ATTRIBUTE);
            if (!open.isEmpty()) {
                // A connect in another tab added its sign-in to this same object meanwhile and set it before the
                // remove: put it back, or that sign-in's way back finds nothing (a concurrency audit).
                session.set(PENDING_ATTRIBUTE, open);
            }
        } else {
            session.set(PENDING_ATTRIBUTE, open);
        }
        return pending;
    }

    // ---- connecting right after the application's sign-in -------------------------------------------------------

    /**
     * Marks the session so that its next page visit starts a sign-in ({@code login.connect-on-login}); call it when
     * the application's user has just signed in.
     */
    public void connectAtNextPage(Session session) {
        session.set(CONNECT_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * Records that the application's signed-in user changed in a session, from {@code before} to {@code now} (their
     * names, {@code null} for nobody), and answers whether the widget should be logged out. Both starters follow these
     * rules, whatever tells them of the change:
     * <ul>
     * <li>the user signed out, or another user signed in over them without signing out: the session's sign-in state
     * is {@link #forget forgotten}, and the answer is {@code true}, since the first user's RingCentral login, kept by
     * the widget in the browser, must not serve the next;</li>
     * <li>someone other than {@code before} signed in: with {@code connectOnLogin}, {@link #connectAtNextPage};</li>
     * <li>someone signed in where nobody had, with {@code connectOnLogin}: the answer is {@code true} as well. The
     * widget may keep a login from before this session (one that expired, maybe another user's, whom the session no
     * longer names); the page that carries the new login drops the mark, so it logs the widget out only when the
     * connection does not come through (a container-login trial kept the last user's phone after a declined
     * consent);</li>
     * <li>the same user again, or nobody before and after: nothing.</li>
     * </ul>
     *
     * <pre>{@code if (endpoints.userChanged(session, "ada", "grace", true) && logoutWidget) { set WidgetLogoutCookie }}</pre>
     */
    public boolean userChanged(Session session, @Nullable String before, @Nullable String now, boolean connectOnLogin) {
        boolean left = before != null && !before.equals(now);
        if (left) {
            forget(session);
        }
        if (connectOnLogin && now != null && !now.equals(before)) {
            connectAtNextPage(session);
        }
        return left || (connectOnLogin && before == null && now != null);
    }

    /**
     * The application's own sign-in handler's rule, for every adapter: {@link #userChanged} from whoever signed in
     * last in this session (kept in it by this method, so a sign-in over someone else's session without a sign-out is
     * seen across a session id change) to {@code user}. Answers whether the widget should be logged out.
     */
    public boolean signedIn(Session session, String user, boolean connectOnLogin) {
        Objects.requireNonNull(user, "user");
        String before = session.get(SIGNED_IN_ATTRIBUTE) instanceof String name ? name : null;
        session.set(SIGNED_IN_ATTRIBUTE, user);
        return userChanged(session, before, user, connectOnLogin);
    }

    /**
     * The application's own sign-out handler's rule: forgets who signed in and the session's sign-in state, whoever
     * the session named (after a restart it may name nobody, while the widget still keeps a login: log it out anyway).
     */
    public void signedOut(@Nullable Session session) {
        if (session != null) {
            session.remove(SIGNED_IN_ATTRIBUTE);
            forget(session);
        }
    }

    /**
     * For a view shown without a page load (a Vaadin view reached by {@code UI.navigate} after a sign-in in a UI
     * event, where {@link #takeConnectRedirect} never sees a navigation): the connect href coming back to the view,
     * the mark taken, when the session is marked; otherwise null. The caller sends the whole window there, never a
     * script's request: the sign-in goes on at RingCentral, on another origin. Ask only for a signed-in user.
     *
     * @param pathInContext the view's path and query inside the context path, starting with '/'
     */
    public @Nullable String takeConnectHref(@Nullable Session session, String contextPath, String pathInContext) {
        if (session == null || session.get(CONNECT_ATTRIBUTE) == null) {
            return null;
        }
        session.remove(CONNECT_ATTRIBUTE);
        return connectHrefToPage(contextPath, contextPath + pathInContext, null);
    }

    /** Whether the session was marked by {@link #connectAtNextPage}, and no connection started since. */
    public boolean isConnectPending(@Nullable Session session) {
        return session != null && session.get(CONNECT_ATTRIBUTE) != null;
    }

    /**
     * For a request of a session marked by {@link #connectAtNextPage}, from a signed-in user: where to redirect it,
     * the mark taken, when it is the browser's own visit of a page ({@link LoginRequests#isPageNavigation}) other than sign in
     * once's own paths (the connect path starts a sign-in itself; the redirect URI is the widget's login popup's or
     * the connection's own landing). The answer is the connect path, coming back to the page. Otherwise null, and the
     * mark stays for such a visit.
     *
     * @param pathInContext the request's path inside the context path
     * @param query         the request's raw query, or null
     * @param header        the request's headers by name
     */
    public @Nullable String takeConnectRedirect(@Nullable Session session, String contextPath, String pathInContext,
            @Nullable String query, String method, Function<String, @Nullable String> header) {
        if (session == null || session.get(CONNECT_ATTRIBUTE) == null || !LoginRequests.isPageNavigation(method, header)
                || pathInContext.equals(connectPath)
                || pathInContext.equals(callbackPathOrNull(contextPath))) {
            return null;
        }
        session.remove(CONNECT_ATTRIBUTE);
        return connectHrefToPage(contextPath, contextPath + pathInContext, query);
    }

    /**
     * A link that starts a sign-in and comes back to a page as the browser asked for it: its raw path (with the
     * context path) and query, what browsers leave unencoded in them encoded as the connect endpoint accepts it (for a
     * "Connect RingCentral" link on the page itself, such as the Thymeleaf dialect's {@code rc:connect}).
     *
     * <pre>{@code endpoints.connectHrefToPage(request.getContextPath(), request.getRequestURI(), request.getQueryString())}</pre>
     */
    public String connectHrefToPage(String contextPath, String rawPath, @Nullable String rawQuery) {
        return connectHref(contextPath, ReturnPaths.encodeRaw(rawQuery == null ? rawPath : rawPath + "?" + rawQuery));
    }

    private @Nullable String callbackPathOrNull(String contextPath) {
        try {
            return callbackPathIn(contextPath);
        } catch (IllegalArgumentException e) {
            return null; // the redirect URI is not inside this context: no callback here
        }
    }

    // ---- for whatever renders the widget ------------------------------------------------------------------------

    /** Whether a handoff waits in this session for the next page. */
    public boolean hasWaitingHandoff(@Nullable Session session) {
        return session != null && session.get(handoffAttribute) instanceof HandoffSlot s && !s.isEmpty()
                && s.isFor(authorization.issuer(), root == null);
    }

    /**
     * Forgets the session's open sign-ins, waiting handoff and {@link #connectAtNextPage mark}; call it when the
     * application's user signs out.
     */
    public void forget(Session session) {
        LoginEndpoints own = root;
        if (own != null) {
            own.forget(session); // the user's sign-in state, every tenant's
            return;
        }
        session.remove(PENDING_ATTRIBUTE);
        session.remove(HANDOFF_ATTRIBUTE);
        session.remove(CONNECT_ATTRIBUTE);
        List<Optional<LoginEndpoints>> known;
        synchronized (tenants) {
            known = new ArrayList<>(tenants.values());
        }
        for (Optional<LoginEndpoints> tenant : known) { // a tenant no longer known here: its code expires in a minute
            tenant.ifPresent(t -> session.remove(t.handoffAttribute));
        }
    }

    /**
     * Takes the session's waiting handoff for the page being written, if it is for the request's user; null when
     * there is none. A handoff for another user, or older than the handoff timeout, is dropped; with nobody signed in it
     * stays for a later page. The caller renders it ({@code embeddable.scriptTagWithLoginHandoff(nonce,
     * reservation.handoff())}) into a response marked {@code Cache-Control: no-store}, then calls
     * {@link Reservation#rendered()}, or {@link Reservation#giveBack} if that response will not carry it.
     *
     * @param currentExternalAuthId asked only when a handoff waits: the {@link #externalAuthIdOf} the request's user
     */
    public @Nullable Reservation takeHandoff(@Nullable Session session, Supplier<@Nullable String> currentExternalAuthId) {
        if (session == null || !(session.get(handoffAttribute) instanceof HandoffSlot slot)
                || !slot.isFor(authorization.issuer(), root == null)) {
            return null; // none, or another tenant's: it waits for a page of that tenant's widget
        }
        LoginHandoff handoff = slot.take();
        if (handoff == null) {
            return null;
        }
        if (slot.storedAtMillis() + handoffTimeout.toMillis() < System.currentTimeMillis()) {
            removeIfSame(session, handoffAttribute, slot);
            return null;
        }
        String current;
        try {
            current = currentExternalAuthId.get();
        } catch (RuntimeException e) { // the application's user lookup failed: the handoff waits for the next page
            slot.putBack(handoff);
            throw e;
        }
        if (current == null) {
            slot.putBack(handoff);
            return null;
        }
        if (!current.equals(handoff.externalAuthId())) {
            removeIfSame(session, handoffAttribute, slot);
            if (warnOfOtherKey("handoff", slot.keyFingerprint())) {
                return null;
            }
            log().log(System.Logger.Level.INFO, "Dropped a RingCentral login handoff: the application's user changed"
                    + " before a page could carry it");
            return null;
        }
        // set again, taken: a store that saves what is set (Spring Session's default; WebFlux's saves at commit,
        // before the page's end settles it) kept the code, and the next pages carried it again (a review)
        session.set(handoffAttribute, slot);
        return new Reservation(session, handoffAttribute, slot, handoff);
    }

    private static void removeIfSame(Session session, String attribute, HandoffSlot slot) {
        if (session.get(attribute) == slot) {
            session.remove(attribute);
        }
    }

    /**
     * A handoff taken for one response. {@link #rendered()} when the page got it: then it is gone from the session
     * for good. {@link #giveBack} otherwise: it goes back for the next page, and so does a handoff whose page was
     * discarded before anything was sent (a reset, a forward, an error page).
     */
    public static final class Reservation {
        private final Session session;
        private final String attribute;
        private final HandoffSlot slot;
        private final LoginHandoff handoff;
        private volatile boolean injected;

        private Reservation(Session session, String attribute, HandoffSlot slot, LoginHandoff handoff) {
            this.session = session;
            this.attribute = attribute;
            this.slot = slot;
            this.handoff = handoff;
        }

        /** The handoff to render, into this one response only. */
        public LoginHandoff handoff() {
            return handoff;
        }

        /** The handoff is in the response: it is gone from the session for good. */
        public void rendered() {
            injected = true;
            removeIfSame(session, attribute, slot); // so session stores that serialize see it gone too
        }

        /**
         * The response will not carry the handoff, or what carried it was discarded: it waits for the next page again.
         *
         * @param sent whether any of the response has been sent (committed): a rendered handoff that left stays used
         */
        public void giveBack(boolean sent) {
            if (!injected) {
                slot.putBack(handoff);
                if (session.get(attribute) == slot) {
                    session.set(attribute, slot); // so session stores that save what is set see it back
                }
                return;
            }
            if (sent) {
                return;
            }
            if (!(session.get(attribute) instanceof HandoffSlot s) || s.isEmpty()) {
                session.set(attribute, new HandoffSlot(handoff, slot.storedAtMillis(), slot.issuer(), slot.keyFingerprint()));
            }
        }
    }

    /** The settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private final Embeddable embeddable;
        private byte @Nullable [] serverKey;
        private String connectPath = DEFAULT_CONNECT_PATH;
        private @Nullable String callbackPath;
        private @Nullable String authorizeEndpoint;
        private Duration pendingTimeout = Duration.ofMinutes(10);
        private Duration handoffTimeout = Duration.ofMinutes(1);

        private Builder(Embeddable embeddable) {
            this.embeddable = embeddable;
        }

        /**
         * The secret key of the {@code externalAuthId}s ({@link ExternalAuthIds}), at least 32 bytes; keep it stable
         * across restarts and servers. Required.
         */
        public Builder serverKey(byte @Nullable [] key) {
            this.serverKey = key == null ? null : key.clone();
            return this;
        }

        /** Where a sign-in starts, relative to the context path; {@value #DEFAULT_CONNECT_PATH} unless set. */
        public Builder connectPath(String path) {
            this.connectPath = path;
            return this;
        }

        /**
         * Where the widget's redirect URI reaches the application, relative to the context path, for a proxy that
         * publishes the application under a prefix it strips: with redirect URI
         * {@code https://host/crm/ringcentral/redirect} and a proxy that forwards {@code /crm/...} as {@code /...},
         * {@code /ringcentral/redirect}. Unset, it is the redirect URI's path inside the context path.
         */
        public Builder callbackPath(@Nullable String path) {
            this.callbackPath = path == null || path.isBlank() ? null : path.trim();
            return this;
        }

        /** Another authorize endpoint than the app server's (a mock server in tests, a proxy). */
        public Builder authorizeEndpoint(@Nullable String url) {
            this.authorizeEndpoint = url;
            return this;
        }

        /** How long a started sign-in may take to come back; 10 minutes unless set. */
        public Builder pendingTimeout(Duration timeout) {
            this.pendingTimeout = requirePositive(timeout);
            return this;
        }

        /** How long a caught code waits for the next HTML page before it is dropped; 1 minute unless set. */
        public Builder handoffTimeout(Duration timeout) {
            this.handoffTimeout = requirePositive(timeout);
            return this;
        }

        private static Duration requirePositive(@Nullable Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("A timeout must be positive");
            }
            return d;
        }

        /** @throws EmbeddableConfigException listing every problem and its fix */
        public LoginEndpoints build() {
            return build(null);
        }

        private LoginEndpoints build(@Nullable LoginEndpoints root) {
            List<ConfigProblem> problems = new ArrayList<>();
            LoginAuthorization authorization = null;
            try {
                authorization = LoginAuthorization.of(embeddable);
            } catch (EmbeddableConfigException e) {
                problems.addAll(e.problems());
            }
            if (authorizeEndpoint != null) { // checked also when the rest fails: one report lists every problem
                try {
                    LoginAuthorization.checkAuthorizeEndpoint(authorizeEndpoint);
                    authorization = authorization == null ? null : authorization.withAuthorizeEndpoint(authorizeEndpoint);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem("authorizeEndpoint", e.getMessage() + ".", LoginAuthorization.AUTHORIZE_ENDPOINT_FIX));
                }
            }
            byte[] key = serverKey;
            if (key == null || key.length < ExternalAuthIds.MIN_KEY_BYTES) {
                problems.add(new ConfigProblem("serverKey", "the key that derives each user's externalAuthId is "
                        + (key == null ? "missing." : "only " + key.length + " bytes long."),
                        "Pass at least 32 secret random bytes (ExternalAuthIds.newKey(), generated once and kept in your secret store)."));
            }
            connectPathProblem(connectPath).ifPresent(message -> problems.add(new ConfigProblem("connectPath", message,
                    CONNECT_PATH_FIX)));
            String callback = callbackPath;
            if (callback != null && (!PATH.matcher(callback).matches() || callback.startsWith("//")
                    || !embeddable.redirectUri().endsWith(callback))) {
                problems.add(new ConfigProblem("callbackPath", "'" + callback + "' is not the end of the redirect URI "
                        + embeddable.redirectUri() + ".", "Write the path the redirect URI reaches this application at,"
                        + " after the proxy's prefix, such as /ringcentral/redirect; or leave it unset."));
            }
            if (!problems.isEmpty() || authorization == null || key == null) {
                throw new EmbeddableConfigException(problems);
            }
            return new LoginEndpoints(this, authorization, key, root);
        }
    }
}

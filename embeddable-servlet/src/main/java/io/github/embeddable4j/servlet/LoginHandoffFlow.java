package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.WidgetSelection;
import io.github.embeddable4j.core.login.LoginAuthorization;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * "Sign in once": the settings and session state of the authorization-code handoff, shared by
 * {@link LoginHandoffServlet} (which starts a sign-in and catches RingCentral's answer at the widget's redirect URI)
 * and {@link EmbeddableFilter#withLoginHandoff} (which renders the next page's widget with the code, once).
 *
 * <pre>{@code
 * LoginHandoffFlow flow = LoginHandoffFlow.builder(embeddable)
 *         .serverKey(keyFromYourSecretStore)            // 32+ bytes: externalAuthId = HMAC(key, user id)
 *         .appUser(AppUserResolver.remoteUser())         // who is signed in to your application
 *         .build();
 * EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable).withLoginHandoff(flow));
 * LoginHandoffServlet.register(ctx, flow);              // the connect path and the redirect URI's path
 * // in your sign-in and sign-out handlers: flow.signedIn(request, response, user, false); flow.signedOut(request, response);
 * }</pre>
 *
 * <p>The session holds the open sign-ins and at most one handoff, each for one use. A handoff waits for the next
 * HTML page at most {@link Builder#handoffTimeout(Duration) a minute} by default: authorization codes are meant to
 * be exchanged right away, and a stale one would make the widget's exchange fail. What is decided is core's
 * {@link LoginEndpoints}; this class reads the servlet request and session for it.
 */
public final class LoginHandoffFlow {

    /** Where a sign-in starts unless set: {@value}. */
    public static final String DEFAULT_CONNECT_PATH = LoginEndpoints.DEFAULT_CONNECT_PATH;

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    private final LoginEndpoints endpoints;
    private final AppUserResolver appUser;
    /** The flow this one serves another tenant's widget for ({@link #forWidget}), or null for an application's own. */
    private final @Nullable LoginHandoffFlow root;
    /** Other tenants' flows, by widget; empty for a widget that cannot sign in once. */
    private final Map<Embeddable, Optional<LoginHandoffFlow>> tenants = WidgetSelection.recentlyUsed();
    /** Whether a {@link ConnectOnLoginFilter} answers this flow's connect marks (set when one is made). */
    private volatile boolean connectAnswered;
    /** The selector of the {@link ConnectOnLoginFilter} made with one, for {@link #signedIn}'s {@code connect}. */
    private volatile @Nullable EmbeddableSelector connectSelector;
    private volatile boolean warnedUnansweredConnect;
    private volatile boolean warnedNobodyForHandoff;
    private final AtomicBoolean warnedLookupFailed = new AtomicBoolean();

    private LoginHandoffFlow(LoginEndpoints endpoints, AppUserResolver appUser, @Nullable LoginHandoffFlow root) {
        this.endpoints = endpoints;
        this.appUser = appUser;
        this.root = root;
    }

    /** Starts the settings for a rendered configuration (which needs a client ID and a redirect URI of your own). */
    public static Builder builder(Embeddable embeddable) {
        return new Builder(Objects.requireNonNull(embeddable, "embeddable"));
    }

    /**
     * The flow of settings already built, such as those a WebFlux application would share:
     * {@code LoginHandoffFlow.of(LoginEndpoints.builder(embeddable).serverKey(key).build(), AppUserResolver.remoteUser())}.
     */
    public static LoginHandoffFlow of(LoginEndpoints endpoints, AppUserResolver appUser) {
        return new LoginHandoffFlow(Objects.requireNonNull(endpoints, "endpoints"), Objects.requireNonNull(appUser, "appUser"),
                null);
    }

    /**
     * The flow for the widget an application's {@link EmbeddableSelector} picked for a request: this one for its own
     * widget (or one with the same settings); for another tenant's, the same key, user and paths with that widget's
     * client ID, redirect URI and server, so that tenant's users sign in once too. Null when that widget cannot
     * ({@link LoginEndpoints#forWidget}: no client ID of its own, no redirect URI at this flow's path; said once in the
     * log), and its pages get the widget without sign in once. The filter, {@link LoginHandoffServlet} and
     * {@link ConnectOnLoginFilter} ask it with their selector.
     *
     * <pre>{@code LoginHandoffFlow tenant = flow.forWidget(EmbeddableFilter.selected(selector, request));}</pre>
     */
    public @Nullable LoginHandoffFlow forWidget(Embeddable widget) {
        if (widget == embeddable()) {
            return this;
        }
        LoginHandoffFlow own = root;
        if (own != null) {
            return own.forWidget(widget); // one cache and one warning per application, whichever tenant asks
        }
        return tenants.computeIfAbsent(widget, w -> {
            LoginEndpoints theirs = endpoints.forWidget(w);
            return theirs == null ? Optional.empty()
                    : Optional.of(theirs == endpoints ? this : new LoginHandoffFlow(theirs, appUser, this));
        }).orElse(null);
    }

    /** What the flow decides, without the servlet API: core's {@link LoginEndpoints}. */
    public LoginEndpoints endpoints() {
        return endpoints;
    }

    /** The widget whose redirect URI the codes are issued for. */
    public Embeddable embeddable() {
        return endpoints.embeddable();
    }

    /** The authorize request: client ID, redirect URI, endpoint. */
    public LoginAuthorization authorization() {
        return endpoints.authorization();
    }

    /** Where a sign-in starts, relative to the context path, such as {@value #DEFAULT_CONNECT_PATH}. */
    public String connectPath() {
        return endpoints.connectPath();
    }

    /**
     * Where the redirect URI reaches this application, relative to the context path, when set; null to take it from
     * the redirect URI's path (see {@link LoginHandoffServlet#callbackPath}).
     */
    public @Nullable String callbackPath() {
        return endpoints.callbackPath();
    }

    /**
     * A link that starts a sign-in and comes back to {@code returnPath} (a path on this site, such as
     * {@code request.getRequestURI()}), for a "Connect RingCentral" button or a redirect after the application's login.
     */
    public String connectHref(HttpServletRequest request, @Nullable String returnPath) {
        return endpoints.connectHref(request.getContextPath(), returnPath);
    }

    /** The widget's {@code externalAuthId} for the request's signed-in user, or null when nobody is signed in. */
    public @Nullable String externalAuthIdOf(HttpServletRequest request) {
        return endpoints.externalAuthIdOf(appUser.appUserId(request));
    }

    /**
     * Logs once that the {@link AppUserResolver} threw (a user store that is down); the caller goes on without the
     * user: a page without its handoff (which waits), a visit without connecting, a 503 page at the connect path.
     */
    void userLookupFailed(RuntimeException e, String consequence) {
        if (warnedLookupFailed.compareAndSet(false, true)) {
            log().log(System.Logger.Level.WARNING, "LoginHandoffFlow: the AppUserResolver failed, so " + consequence
                    + " (logged once): " + e, e);
        }
    }

    /** Whether a handoff waits in this request's session for the next page. */
    public boolean hasWaitingHandoff(HttpServletRequest request) {
        return endpoints.hasWaitingHandoff(SessionAttributes.of(request.getSession(false)));
    }

    /**
     * Call when the application's user has just signed in: the next page the browser visits goes to the connect path
     * first, and comes back ({@code login.connect-on-login} in the starter). Marks the request's session, made if
     * need be; a {@link ConnectOnLoginFilter} answers the visit ({@link #takeConnectRedirect}). {@link #signedIn}
     * calls this for a sign-in of someone new.
     */
    public void connectAtNextPage(HttpServletRequest request) {
        endpoints.connectAtNextPage(new SessionAttributes(request.getSession(true)));
    }

    /**
     * Call when the application's signed-in user changed ({@code null} for nobody): applies
     * {@link LoginEndpoints#userChanged}'s rules to the request's session (made for a sign-in) and answers whether the
     * widget should be logged out ({@link #logOutWidget}).
     *
     * <pre>{@code if (flow.userChanged(request, "ada", "grace", true)) { flow.logOutWidget(request, response); }}</pre>
     */
    public boolean userChanged(HttpServletRequest request, @Nullable String before, @Nullable String now,
            boolean connectOnLogin) {
        HttpSession session = request.getSession(now != null);
        return session == null ? before != null && !before.equals(now)
                : endpoints.userChanged(new SessionAttributes(session), before, now, connectOnLogin);
    }

    /**
     * Call from your sign-in handler once the application's user is known: the widget follows the user. When someone
     * other than the user who signed in last in this session signs in over it (no sign-out in between), their
     * RingCentral login, kept by the widget in this browser, must not serve the new user: the session's sign-in state
     * is forgotten and, with a {@code response}, the next page's widget is asked to log out ({@link #logOutWidget}).
     * With {@code connect}, so is a sign-in in a session where nobody was signed in (a new one, or one that expired):
     * the widget may keep an expired session's login, maybe another user's; the page that carries the new login drops
     * the mark, so it acts only when the connection does not come through (consent declined).
     * With {@code connect}, the next page the browser visits goes through the connect path first and comes back
     * (needs a {@link ConnectOnLoginFilter}); the same user signing in again never connects. With tenants (a
     * {@link ConnectOnLoginFilter#withSelector}), {@code connect} counts only where the request's widget can sign in
     * once ({@link LoginEndpoints#connectsAtSignIn}), so {@code true} may be passed on every host. The Spring starter
     * calls this at Spring Security's sign-ins.
     *
     * <pre>{@code session.setAttribute("user", name); flow.signedIn(request, response, name, false);}</pre>
     *
     * @param response where to set the widget's logout cookie, or null to leave the widget logged in
     * @param connect  whether to connect at the next page ({@code false} for a sign-in that brings the same person
     *                 back without a form, such as a remember-me cookie: their widget kept its login)
     * @return whether the widget should log out (asked for on {@code response} when there is one)
     */
    public boolean signedIn(HttpServletRequest request, @Nullable HttpServletResponse response, String user,
            boolean connect) {
        Objects.requireNonNull(user, "user");
        boolean logOut = endpoints.signedIn(new SessionAttributes(request.getSession(true)), user,
                connect && connectsAtSignIn(request));
        if (connect && !isConnectAnswered() && !warnedUnansweredConnect) {
            warnedUnansweredConnect = true; // once: the mark waits harmlessly, but nothing will ever connect
            log().log(System.Logger.Level.WARNING, "LoginHandoffFlow: signedIn(..., connect=true) with no "
                    + "ConnectOnLoginFilter: the browser will not go through the connect path. Register it after your "
                    + "sign-in filter: ConnectOnLoginFilter.register(servletContext, flow)");
        }
        return logOutWhen(logOut, request, response);
    }

    /** Called by a {@link ConnectOnLoginFilter} made for this flow. */
    void connectAnswered() {
        connectAnswered = true;
    }

    /** Called by a {@link ConnectOnLoginFilter} made for this flow with a selector. */
    void connectSelector(EmbeddableSelector selector) {
        connectSelector = selector;
    }

    /**
     * Core's rule ({@link LoginEndpoints#connectsAtSignIn}) for the widget the connect filter's selector picks for the
     * sign-in's request: a sign-in handler passing {@code connect} on every tenant neither connects nor marks one whose
     * widget cannot sign in once (a servlet trial's handler, written as the docs' single-app snippet, logged out such
     * tenants' popup logins at every new session).
     */
    private boolean connectsAtSignIn(HttpServletRequest request) {
        LoginHandoffFlow own = root;
        EmbeddableSelector chooser = own != null ? own.connectSelector : connectSelector;
        if (chooser == null) {
            return true;
        }
        // Asked again: the answer kept for this request came before the sign-in, and a selector by user saw nobody.
        Embeddable picked;
        try {
            picked = chooser.select(request);
        } catch (RuntimeException e) {
            picked = EmbeddableFilter.selected(chooser, request); // the kept answer; a failure is said there, once
        }
        return endpoints.connectsAtSignIn(picked);
    }

    private boolean isConnectAnswered() {
        LoginHandoffFlow own = root;
        return connectAnswered || (own != null && own.connectAnswered);
    }

    /**
     * Call from your sign-out handler, before you invalidate the session: forgets the session's sign-in state and,
     * with a {@code response}, asks the next page's widget to log its RingCentral user out (a cookie, which outlives
     * the session), so the next person at this browser does not inherit the phone.
     *
     * <pre>{@code flow.signedOut(request, response); request.getSession().invalidate();}</pre>
     *
     * @param response where to set the widget's logout cookie, or null to leave the widget logged in
     */
    public void signedOut(HttpServletRequest request, @Nullable HttpServletResponse response) {
        endpoints.signedOut(SessionAttributes.of(request.getSession(false)));
        logOutWhen(true, request, response); // the widget may keep a login whoever the session named
    }

    private boolean logOutWhen(boolean logOut, HttpServletRequest request, @Nullable HttpServletResponse response) {
        if (logOut && response != null) {
            logOutWidget(request, response);
        }
        return logOut;
    }

    /**
     * For a session marked by {@link #connectAtNextPage}: where to redirect this request (the connect path, coming
     * back to it), the mark taken, when it is the browser's visit of a page by a signed-in user; otherwise null, and
     * the mark stays for such a visit.
     *
     * <pre>{@code String to = flow.takeConnectRedirect(request); if (to != null) { response.sendRedirect(to); return; }}</pre>
     * (The starter answers with {@code 302}, {@link LoginEndpoints#REDIRECT_HEADERS} and the path as it is in
     * {@code Location}: a container's {@code sendRedirect} makes it absolute from the request's {@code Host}.)
     */
    public @Nullable String takeConnectRedirect(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !endpoints.isConnectPending(new SessionAttributes(session)) || !anyoneSignedIn(request)) {
            return null;
        }
        String context = request.getContextPath();
        String path = request.getRequestURI(); // with the context path, as the connect endpoint checks it
        return endpoints.takeConnectRedirect(new SessionAttributes(session), context,
                path.startsWith(context) ? path.substring(context.length()) : path, request.getQueryString(),
                request.getMethod(), request::getHeader);
    }

    /**
     * Forgets the session's open sign-ins, waiting handoff and connect mark; call it when the application's user
     * signs out.
     */
    public void forget(HttpSession session) {
        endpoints.forget(new SessionAttributes(session));
    }

    /**
     * Publishes {@link #takeHandoff} in the servlet context ({@link LoginEndpoints#PUBLISHED_HANDOFF_ATTRIBUTE}), so
     * that the Vaadin component, which pages written by the filter do not include, takes the user's waiting handoff
     * when it is attached (for a component of another tenant's widget, that tenant's: {@link #forWidget}). The Spring
     * starter does this for its flow.
     *
     * <pre>{@code flow.publishIn(servletContext);  // where you register the servlets}</pre>
     */
    public void publishIn(ServletContext context) {
        publishIn(context, () -> this);
        connectAnswered = true; // Vaadin views answer connect marks themselves
    }

    /**
     * The same for a flow asked for at each use (a lazy bean, as the Spring starter's): publishes the handoff, the
     * connect-on-login mark, connect links ({@link LoginEndpoints#PUBLISHED_CONNECT_HREF_ATTRIBUTE}) and which widgets
     * sign in once ({@link LoginEndpoints#PUBLISHED_SIGNS_IN_ATTRIBUTE}),
     * each for the widget the caller names in {@link LoginEndpoints#PUBLISHED_WIDGET_ATTRIBUTE}.
     */
    public static void publishIn(ServletContext context, Supplier<@Nullable LoginHandoffFlow> flow) {
        Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take = request -> {
            LoginHandoffFlow theirs = flowOf(flow.get(), request);
            return theirs == null ? null : theirs.takeHandoff(request);
        };
        context.setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);
        BiFunction<HttpServletRequest, String, @Nullable String> connect = (request, path) -> {
            LoginHandoffFlow theirs = flowOf(flow.get(), request);
            return theirs == null ? null : theirs.takeConnectHref(request, path);
        };
        context.setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, connect);
        BiFunction<HttpServletRequest, String, @Nullable String> connectHref = (request, path) -> {
            LoginHandoffFlow theirs = flowOf(flow.get(), request);
            String base = request.getContextPath(); // a path as the developer wrote it: what browsers leave raw encoded
            return theirs == null ? null : theirs.endpoints().connectHrefToPage(base, base + path, null);
        };
        context.setAttribute(LoginEndpoints.PUBLISHED_CONNECT_HREF_ATTRIBUTE, connectHref);
        Predicate<Embeddable> signsIn = widget -> { // no flow known (none, or two beans): nothing to take but the mark
            LoginHandoffFlow own = flow.get();
            return own == null || own.forWidget(widget) != null;
        };
        context.setAttribute(LoginEndpoints.PUBLISHED_SIGNS_IN_ATTRIBUTE, signsIn);
    }

    /** The flow for the widget the request names ({@link LoginEndpoints#PUBLISHED_WIDGET_ATTRIBUTE}), else the flow's own. */
    private static @Nullable LoginHandoffFlow flowOf(@Nullable LoginHandoffFlow flow, HttpServletRequest request) {
        if (flow == null) {
            return null;
        }
        return request.getAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE) instanceof Embeddable widget
                ? flow.forWidget(widget) : flow;
    }

    /**
     * For a view shown without a page load (a Vaadin view after a sign-in in a UI event): the connect href coming
     * back to {@code pathInContext}, the session's connect mark taken, when it is marked and the user signed in;
     * otherwise null ({@link LoginEndpoints#takeConnectHref}). Send the window there.
     */
    public @Nullable String takeConnectHref(HttpServletRequest request, String pathInContext) {
        HttpSession session = request.getSession(false);
        if (session == null || !endpoints.isConnectPending(new SessionAttributes(session)) || !anyoneSignedIn(request)) {
            return null;
        }
        return endpoints.takeConnectHref(new SessionAttributes(session), request.getContextPath(), pathInContext);
    }

    /** Whether someone is signed in; a resolver that fails counts as nobody (logged once), so the visit goes on. */
    private boolean anyoneSignedIn(HttpServletRequest request) {
        try {
            return appUser.appUserId(request) != null;
        } catch (RuntimeException e) {
            userLookupFailed(e, "a visit after a sign-in did not connect RingCentral");
            return false;
        }
    }

    /** The request attribute set when a handoff was taken for the request's page ({@link #takeHandoff}). */
    static final String HANDOFF_TAKEN_ATTRIBUTE = "io.github.embeddable4j.login.handoffTaken";

    /** The cookie that asks the next page's widget to log its RingCentral user out. */
    static final String WIDGET_LOGOUT_COOKIE = WidgetLogoutCookie.NAME;

    /**
     * Call when the application's user signs out: the next page that gets the widget tells it to log its RingCentral
     * user out too (a cookie, since the session is usually gone by then), so the next person at this browser does not
     * inherit the phone. Needs the bridge script on pages: the filter adds it when it has a flow and a bridge
     * ({@code withEventBridge} or {@code withBridge}, with a {@link BridgeServlet}; the starter does both).
     *
     * <pre>{@code flow.logOutWidget(request, response);  // in your logout handler}</pre>
     */
    public void logOutWidget(HttpServletRequest request, HttpServletResponse response) {
        // A header, not a Cookie: SameSite needs Cookie.setAttribute, Servlet 6 only (NoSuchMethodError on Jetty 11).
        response.addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader(request.isSecure()));
        request.setAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE, Boolean.TRUE); // for a page of this request
    }

    /**
     * The same without the request: the cookie is not marked {@code Secure}, even over HTTPS. Prefer
     * {@link #logOutWidget(HttpServletRequest, HttpServletResponse)}.
     */
    public void logOutWidget(HttpServletResponse response) {
        response.addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader());
    }

    /**
     * Whether the request asks its widget to log out (the mark set by this very request, or its cookie). The mark stays
     * until the page's script saw the widget act on it ({@link WidgetLogoutCookie}): logged out the login it restored,
     * or reported a fresh one (on a page carrying a new login, the one it carries).
     */
    boolean widgetLogoutMarked(HttpServletRequest request) {
        if (request.getAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE) != null) { // set by this very request
            request.removeAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE);
            return true;
        }
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (jakarta.servlet.http.Cookie c : cookies) {
            if (WIDGET_LOGOUT_COOKIE.equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the session's waiting handoff for the page being written, if it is for the request's user; null when
     * there is none (see {@link LoginEndpoints#takeHandoff}). The caller renders it ({@code
     * embeddable.scriptTagWithLoginHandoff(nonce, reservation.handoff())}) into a response marked
     * {@code Cache-Control: no-store}, then calls {@link LoginEndpoints.Reservation#rendered()}, or
     * {@link LoginEndpoints.Reservation#giveBack} if that response will not carry it.
     * {@link EmbeddableFilter#withLoginHandoff} does all of this.
     */
    public LoginEndpoints.@Nullable Reservation takeHandoff(HttpServletRequest request) {
        boolean[] nobody = {false};
        LoginEndpoints.@Nullable Reservation taken;
        try {
            taken = endpoints.takeHandoff(SessionAttributes.of(request.getSession(false)), () -> {
                String id = externalAuthIdOf(request); // asked only while a handoff waits
                nobody[0] = id == null;
                return id;
            });
        } catch (RuntimeException e) { // the handoff stays in the session for a later page
            userLookupFailed(e, "a page went without the RingCentral login waiting for it");
            return null;
        }
        if (taken != null) { // this request's page carries a login: its bridge tag clears the sign-out mark, no more
            request.setAttribute(HANDOFF_TAKEN_ATTRIBUTE, Boolean.TRUE);
        }
        if (nobody[0] && !warnedNobodyForHandoff) {
            // Legitimate after a sign-out that did not go through signedOut; far more often the resolver cannot see
            // the user where pages are written (a trial's login filter wrapped the request: nothing said why).
            warnedNobodyForHandoff = true;
            log().log(System.Logger.Level.WARNING, "LoginHandoffFlow: a RingCentral login waits in the session, but the "
                    + "AppUserResolver finds nobody signed in for the page that is to carry it, so it waits (at most "
                    + "a minute). If a user is signed in there: the page filter is mapped before your own filters and "
                    + "sees the request they wrap unwrapped; read the user from the session "
                    + "(AppUserResolver.sessionAttribute(\"user\")) or from a thread-bound security context");
        }
        return taken;
    }

    /** The settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private final LoginEndpoints.Builder endpoints;
        private AppUserResolver appUser = AppUserResolver.remoteUser();

        private Builder(Embeddable embeddable) {
            this.endpoints = LoginEndpoints.builder(embeddable);
        }

        /**
         * The secret key of the {@code externalAuthId}s ({@link io.github.embeddable4j.core.login.ExternalAuthIds}), at
         * least 32 bytes; keep it stable across restarts and servers. Required.
         */
        public Builder serverKey(byte @Nullable [] key) {
            endpoints.serverKey(key);
            return this;
        }

        /** Who is signed in to the application; {@link AppUserResolver#remoteUser()} unless set. */
        public Builder appUser(AppUserResolver resolver) {
            this.appUser = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Where a sign-in starts, relative to the context path; {@value #DEFAULT_CONNECT_PATH} unless set. */
        public Builder connectPath(String path) {
            endpoints.connectPath(path);
            return this;
        }

        /**
         * Where the widget's redirect URI reaches this application, relative to the context path, for a proxy that
         * publishes the application under a prefix it strips: with redirect URI
         * {@code https://host/crm/ringcentral/redirect} and a proxy that forwards {@code /crm/...} as {@code /...},
         * {@code /ringcentral/redirect}. Unset, it is the redirect URI's path inside the context path.
         */
        public Builder callbackPath(@Nullable String path) {
            endpoints.callbackPath(path);
            return this;
        }

        /** Another authorize endpoint than the app server's (a mock server in tests, a proxy). */
        public Builder authorizeEndpoint(@Nullable String url) {
            endpoints.authorizeEndpoint(url);
            return this;
        }

        /** How long a started sign-in may take to come back; 10 minutes unless set. */
        public Builder pendingTimeout(Duration timeout) {
            endpoints.pendingTimeout(timeout);
            return this;
        }

        /** How long a caught code waits for the next HTML page before it is dropped; 1 minute unless set. */
        public Builder handoffTimeout(Duration timeout) {
            endpoints.handoffTimeout(timeout);
            return this;
        }

        /** @throws EmbeddableConfigException listing every problem and its fix */
        public LoginHandoffFlow build() {
            // its start-up line is logged where the servlet is registered, which knows the context path
            return new LoginHandoffFlow(endpoints.build(), appUser, null);
        }
    }
}

package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.login.ExternalAuthIds;
import io.github.embeddable4j.core.login.LoginAuthorization;
import io.github.embeddable4j.core.login.LoginHandoff;
import io.github.embeddable4j.core.login.PendingLogin;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
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
 * }</pre>
 *
 * <p>The session holds the open sign-ins and at most one handoff, each for one use. A handoff waits for the next
 * HTML page at most {@link Builder#handoffTimeout(Duration) a minute} by default: authorization codes are meant to
 * be exchanged right away, and a stale one would make the widget's exchange fail.
 */
public final class LoginHandoffFlow {

    /** Where a sign-in starts unless set: {@value}. */
    public static final String DEFAULT_CONNECT_PATH = "/ringcentral/connect";
    static final String PENDING_ATTRIBUTE = "io.github.embeddable4j.login.pending";
    static final String HANDOFF_ATTRIBUTE = "io.github.embeddable4j.login.handoff";
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~-]*");
    private static final System.Logger LOG = System.getLogger("io.github.embeddable4j");
    /** Guards creating the session's holder of open sign-ins, a rare event; the holder synchronizes itself. */
    private static final Object CREATE_LOCK = new Object();

    private final Embeddable embeddable;
    private final LoginAuthorization authorization;
    private final ExternalAuthIds externalAuthIds;
    private final AppUserResolver appUser;
    private final String connectPath;
    private final @Nullable String callbackPath;
    private final Duration pendingTimeout;
    private final Duration handoffTimeout;

    private LoginHandoffFlow(Builder b, LoginAuthorization authorization) {
        this.embeddable = b.embeddable;
        this.authorization = authorization;
        this.externalAuthIds = ExternalAuthIds.withKey(Objects.requireNonNull(b.serverKey, "serverKey")); // checked by build()
        this.appUser = b.appUser;
        this.connectPath = b.connectPath;
        this.callbackPath = b.callbackPath;
        this.pendingTimeout = b.pendingTimeout;
        this.handoffTimeout = b.handoffTimeout;
    }

    /** Starts the settings for a rendered configuration (which needs a client ID and a redirect URI of your own). */
    public static Builder builder(Embeddable embeddable) {
        return new Builder(Objects.requireNonNull(embeddable, "embeddable"));
    }

    /** The widget whose redirect URI the codes are issued for. */
    public Embeddable embeddable() {
        return embeddable;
    }

    /** The authorize request: client ID, redirect URI, endpoint. */
    public LoginAuthorization authorization() {
        return authorization;
    }

    /** Where a sign-in starts, relative to the context path, such as {@value #DEFAULT_CONNECT_PATH}. */
    public String connectPath() {
        return connectPath;
    }

    /**
     * Where the redirect URI reaches this application, relative to the context path, when set; null to take it from
     * the redirect URI's path (see {@link LoginHandoffServlet#callbackPath}).
     */
    public @Nullable String callbackPath() {
        return callbackPath;
    }

    /**
     * A link that starts a sign-in and comes back to {@code returnPath} (a path on this site, such as
     * {@code request.getRequestURI()}), for a "Connect RingCentral" button or a redirect after the application's login.
     */
    public String connectHref(HttpServletRequest request, @Nullable String returnPath) {
        String href = request.getContextPath() + connectPath;
        return returnPath == null ? href : href + "?return=" + URLEncoder.encode(returnPath, StandardCharsets.UTF_8);
    }

    /** The widget's {@code externalAuthId} for the request's signed-in user, or null when nobody is signed in. */
    public @Nullable String externalAuthIdOf(HttpServletRequest request) {
        String user = appUser.appUserId(request);
        return user == null || user.isEmpty() ? null : externalAuthIds.forAppUser(user);
    }

    /** Whether a handoff waits in this request's session for the next page. */
    public boolean hasWaitingHandoff(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object slot = session == null ? null : attribute(session, HANDOFF_ATTRIBUTE);
        return slot instanceof HandoffSlot s && !s.isEmpty();
    }

    /** Forgets the session's open sign-ins and waiting handoff; call it when the application's user signs out. */
    public void forget(HttpSession session) {
        forgetAll(session);
    }

    /** The cookie that asks the next page's widget to log its RingCentral user out. */
    static final String WIDGET_LOGOUT_COOKIE = WidgetLogoutCookie.NAME;

    /**
     * Call when the application's user signs out: the next page that gets the widget tells it to log its RingCentral
     * user out too (a cookie, since the session is usually gone by then), so the next person at this browser does not
     * inherit the phone. Needs the bridge script on pages (the filter adds it when a flow is set).
     *
     * <pre>{@code flow.logOutWidget(request, response);  // in your logout handler}</pre>
     */
    public void logOutWidget(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        // A header, not a Cookie: SameSite needs Cookie.setAttribute, Servlet 6 only (NoSuchMethodError on Jetty 11).
        response.addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader(request.isSecure()));
    }

    /**
     * The same without the request: the cookie is not marked {@code Secure}, even over HTTPS. Prefer
     * {@link #logOutWidget(HttpServletRequest, jakarta.servlet.http.HttpServletResponse)}.
     */
    public void logOutWidget(jakarta.servlet.http.HttpServletResponse response) {
        response.addHeader("Set-Cookie", WidgetLogoutCookie.setCookieHeader());
    }

    /** Whether the request asks its widget to log out; clears the request when the response can still say so. */
    boolean takeWidgetLogout(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null || response.isCommitted()) {
            return false;
        }
        for (jakarta.servlet.http.Cookie c : cookies) {
            if (WIDGET_LOGOUT_COOKIE.equals(c.getName())) {
                jakarta.servlet.http.Cookie clear = new jakarta.servlet.http.Cookie(WIDGET_LOGOUT_COOKIE, "");
                clear.setPath(WidgetLogoutCookie.PATH);
                clear.setMaxAge(0);
                clear.setSecure(request.isSecure());
                response.addCookie(clear);
                return true;
            }
        }
        return false;
    }

    private void forgetAll(HttpSession session) {
        try {
            session.removeAttribute(PENDING_ATTRIBUTE);
            session.removeAttribute(HANDOFF_ATTRIBUTE);
        } catch (IllegalStateException e) {
            // invalidated already: nothing is left
        }
    }

    // ---- for the servlet ------------------------------------------------------------------------------------

    PendingLogin begin(HttpSession session, String externalAuthId, String returnPath) {
        PendingLogin pending = authorization.begin(externalAuthId, returnPath);
        PendingLogins open;
        synchronized (CREATE_LOCK) {
            open = attribute(session, PENDING_ATTRIBUTE) instanceof PendingLogins p ? p : new PendingLogins();
            open.add(pending, Instant.now(), pendingTimeout);
        }
        session.setAttribute(PENDING_ATTRIBUTE, open); // again, so session stores that serialize see the change
        return pending;
    }

    /** The open sign-in with this state, taken out of the session; null when there is none (used, expired, forged). */
    @Nullable PendingLogin takePending(HttpSession session, @Nullable String state) {
        if (!(attribute(session, PENDING_ATTRIBUTE) instanceof PendingLogins open)) {
            return null;
        }
        PendingLogin pending = open.take(state, Instant.now(), pendingTimeout);
        if (open.isEmpty()) {
            session.removeAttribute(PENDING_ATTRIBUTE);
        } else {
            session.setAttribute(PENDING_ATTRIBUTE, open);
        }
        return pending;
    }

    /** Keeps a handoff for the next page of this session, replacing one that waits. */
    void store(HttpSession session, LoginHandoff handoff) {
        session.setAttribute(HANDOFF_ATTRIBUTE, new HandoffSlot(handoff, System.currentTimeMillis()));
    }

    // ---- for whatever renders the widget: the filter, or an adapter that renders it itself ----------------------

    /**
     * Takes the session's waiting handoff for the page being written, if it is for the request's user; null when
     * there is none. A handoff for another user, or older than the handoff timeout, is dropped; with nobody signed in it
     * stays for a later page. The caller renders it ({@code embeddable.scriptTagWithLoginHandoff(nonce,
     * reservation.handoff())}) into a response marked {@code Cache-Control: no-store}, then calls
     * {@link Reservation#rendered()}, or {@link Reservation#giveBack} if that response will not carry it.
     * {@link EmbeddableFilter#withLoginHandoff} does all of this.
     */
    public @Nullable Reservation takeHandoff(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(attribute(session, HANDOFF_ATTRIBUTE) instanceof HandoffSlot slot)) {
            return null;
        }
        LoginHandoff handoff = slot.take();
        if (handoff == null) {
            return null;
        }
        if (slot.storedAtMillis() + handoffTimeout.toMillis() < System.currentTimeMillis()) {
            removeIfSame(session, slot);
            return null;
        }
        String current = externalAuthIdOf(request);
        if (current == null) {
            slot.putBack(handoff);
            return null;
        }
        if (!current.equals(handoff.externalAuthId())) {
            removeIfSame(session, slot);
            LOG.log(System.Logger.Level.INFO, "Dropped a RingCentral login handoff: the application's user changed"
                    + " before a page could carry it");
            return null;
        }
        return new Reservation(session, slot, handoff);
    }

    private static void removeIfSame(HttpSession session, HandoffSlot slot) {
        try {
            if (session.getAttribute(HANDOFF_ATTRIBUTE) == slot) {
                session.removeAttribute(HANDOFF_ATTRIBUTE);
            }
        } catch (IllegalStateException e) {
            // invalidated meanwhile
        }
    }

    private static @Nullable Object attribute(HttpSession session, String name) {
        try {
            return session.getAttribute(name);
        } catch (IllegalStateException e) {
            return null; // invalidated
        }
    }

    /**
     * A handoff taken for one response. {@link #rendered()} when the page got it: then it is gone from the session
     * for good. {@link #giveBack} otherwise: it goes back for the next page, and so does a handoff whose page was
     * discarded before anything was sent (a reset, a forward, an error page).
     */
    public final class Reservation {
        private final HttpSession session;
        private final HandoffSlot slot;
        private final LoginHandoff handoff;
        private boolean injected;

        private Reservation(HttpSession session, HandoffSlot slot, LoginHandoff handoff) {
            this.session = session;
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
            removeIfSame(session, slot); // so session stores that serialize see it gone too
        }

        /**
         * The response will not carry the handoff, or what carried it was discarded: it waits for the next page again.
         *
         * @param sent whether any of the response has been sent (committed): a rendered handoff that left stays used
         */
        public void giveBack(boolean sent) {
            if (!injected) {
                slot.putBack(handoff);
                return;
            }
            if (sent) {
                return;
            }
            try {
                Object now = session.getAttribute(HANDOFF_ATTRIBUTE);
                if (!(now instanceof HandoffSlot s) || s.isEmpty()) {
                    session.setAttribute(HANDOFF_ATTRIBUTE, new HandoffSlot(handoff, slot.storedAtMillis()));
                }
            } catch (IllegalStateException e) {
                // invalidated meanwhile
            }
        }
    }

    /** The settings; {@link #build()} checks them all at once. */
    public static final class Builder {
        private final Embeddable embeddable;
        private byte @Nullable [] serverKey;
        private AppUserResolver appUser = AppUserResolver.remoteUser();
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

        /** Who is signed in to the application; {@link AppUserResolver#remoteUser()} unless set. */
        public Builder appUser(AppUserResolver resolver) {
            this.appUser = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Where a sign-in starts, relative to the context path; {@value #DEFAULT_CONNECT_PATH} unless set. */
        public Builder connectPath(String path) {
            this.connectPath = path;
            return this;
        }

        /**
         * Where the widget's redirect URI reaches this application, relative to the context path, for a proxy that
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

        private static Duration requirePositive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("A timeout must be positive");
            }
            return d;
        }

        /** @throws EmbeddableConfigException listing every problem and its fix */
        public LoginHandoffFlow build() {
            List<ConfigProblem> problems = new ArrayList<>();
            LoginAuthorization authorization = null;
            try {
                authorization = LoginAuthorization.of(embeddable);
                if (authorizeEndpoint != null) {
                    authorization = authorization.withAuthorizeEndpoint(authorizeEndpoint);
                }
            } catch (EmbeddableConfigException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("authorizeEndpoint", e.getMessage() + ".", "Leave it unset to use the app server's."));
            }
            if (serverKey == null || serverKey.length < ExternalAuthIds.MIN_KEY_BYTES) {
                problems.add(new ConfigProblem("serverKey", "the key that derives each user's externalAuthId is "
                        + (serverKey == null ? "missing." : "only " + serverKey.length + " bytes long."),
                        "Pass at least 32 secret random bytes (ExternalAuthIds.newKey(), generated once and kept in your secret store)."));
            }
            if (connectPath == null || !PATH.matcher(connectPath).matches() || connectPath.startsWith("//")) {
                problems.add(new ConfigProblem("connectPath", "'" + connectPath + "' is not a path.",
                        "Use a path such as " + DEFAULT_CONNECT_PATH + "."));
            }
            if (callbackPath != null && (!PATH.matcher(callbackPath).matches() || callbackPath.startsWith("//")
                    || !embeddable.redirectUri().endsWith(callbackPath))) {
                problems.add(new ConfigProblem("callbackPath", "'" + callbackPath + "' is not the end of the redirect URI "
                        + embeddable.redirectUri() + ".", "Write the path the redirect URI reaches this application at,"
                        + " after the proxy's prefix, such as /ringcentral/redirect; or leave it unset."));
            }
            if (!problems.isEmpty()) {
                throw new EmbeddableConfigException(problems);
            }
            return new LoginHandoffFlow(this, Objects.requireNonNull(authorization, "authorization")); // no problems: made
        }
    }
}

package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.login.CallbackPaths;
import io.github.embeddable4j.core.login.LoginAuthorization;
import io.github.embeddable4j.core.login.LoginHandoff;
import io.github.embeddable4j.core.login.LoginMessagePage;
import io.github.embeddable4j.core.login.LoginMessagePage.Link;
import io.github.embeddable4j.core.login.PendingLogin;
import io.github.embeddable4j.core.login.ReturnPaths;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The two URLs of "sign in once" ({@link LoginHandoffFlow}):
 * <ul>
 * <li>the connect path ({@code GET /ringcentral/connect?return=/contacts}): for the signed-in application user, sends
 * the browser to RingCentral's authorize page with the widget's client ID and redirect URI, a new state kept in the
 * session and an S256 PKCE challenge. {@code return} must be a path on this site (default: the context root).</li>
 * <li>the widget's redirect URI: an answer to one of those states keeps the code without exchanging it (the widget
 * does that), stores the handoff in the session for the next page, and sends the browser back. Everything else is
 * the widget's own login popup landing: it gets the widget's redirect page, as {@link RedirectPageServlet} serves it
 * (so register this servlet instead of that one).</li>
 * </ul>
 * A declined consent, an error from RingCentral, an answer whose state was already used or has expired (or whose
 * session is gone), or a change of application user in between each get a short page saying so with a way back.
 *
 * <pre>{@code LoginHandoffServlet.register(servletContext, flow);}</pre>
 */
public final class LoginHandoffServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger("io.github.embeddable4j");
    /** The servlet name {@link #register} uses. */
    public static final String SERVLET_NAME = "embeddable4j-login";
    private static final int MAX_ERROR_TEXT = 200;

    private final transient LoginHandoffFlow flow;
    private transient RedirectPage redirectPage;
    private transient byte[] redirectBody;
    private transient String callbackPath;
    private final transient AtomicBoolean warnedAboutOrigin = new AtomicBoolean();

    public LoginHandoffServlet(LoginHandoffFlow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    /**
     * Registers the servlet at the flow's connect path and at the path of the widget's redirect URI, loaded at startup.
     *
     * @throws IllegalStateException when the redirect URI is not inside this application, or a path is taken
     */
    public static ServletRegistration.Dynamic register(ServletContext context, LoginHandoffFlow flow) {
        String callback = callbackPath(flow, context.getContextPath());
        for (ServletRegistration other : context.getServletRegistrations().values()) {
            Set<String> taken = new TreeSet<>(other.getMappings());
            taken.retainAll(Set.of(flow.connectPath(), callback));
            if (!taken.isEmpty()) {
                throw alreadyMapped(taken, callback);
            }
        }
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, new LoginHandoffServlet(flow));
        if (registration == null) {
            throw new IllegalStateException("A servlet named '" + SERVLET_NAME + "' is already registered");
        }
        Set<String> taken = registration.addMapping(flow.connectPath(), callback);
        if (!taken.isEmpty()) {
            throw alreadyMapped(taken, callback);
        }
        registration.setLoadOnStartup(1);
        return registration;
    }

    private static IllegalStateException alreadyMapped(Set<String> taken, String callback) {
        return new IllegalStateException("LoginHandoffServlet: " + taken + " is already mapped to another servlet."
                + " LoginHandoffServlet serves the widget's redirect page at " + callback + " itself: do not register"
                + " RedirectPageServlet too, and pick a free connect path.");
    }

    /**
     * The path to map the callback at: the flow's {@link LoginHandoffFlow#callbackPath()} when set (a proxy's prefix
     * before it), else the widget's redirect URI's path inside the application (for a registration
     * made by hand, such as a Spring {@code ServletRegistrationBean} with this and {@link LoginHandoffFlow#connectPath()}).
     *
     * @throws IllegalStateException saying how to fix the configuration when the redirect URI is not in this application
     */
    public static String callbackPath(LoginHandoffFlow flow, @Nullable String contextPath) {
        try {
            return CallbackPaths.of(flow.embeddable().redirectUri(), flow.callbackPath(), flow.connectPath(), contextPath);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void init() throws ServletException {
        try {
            callbackPath = callbackPath(flow, getServletContext().getContextPath());
        } catch (IllegalStateException e) {
            throw new ServletException(e.getMessage());
        }
        ServletRegistration registration = getServletContext().getServletRegistration(getServletName());
        Collection<String> mappings = registration == null ? List.of() : registration.getMappings();
        if (!mappings.contains(callbackPath) || !mappings.contains(flow.connectPath())) {
            throw new ServletException("LoginHandoffServlet is mapped at " + mappings + ", but it must serve the"
                    + " redirect URI's path " + callbackPath + " and the connect path " + flow.connectPath()
                    + "; map both (LoginHandoffServlet.register does).");
        }
        redirectPage = RedirectPage.of(flow.embeddable());
        redirectBody = redirectPage.bytes();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EmbeddableFilter.skip(request); // the widget never loads in the login popup or on these short pages
        String path = EmbeddableFilter.pathOf(request);
        String method = request.getMethod();
        if (path.equals(callbackPath)) {
            String state = request.getParameter("state");
            if (!LoginAuthorization.isServerState(state)) {
                if (method.equals("GET") || method.equals("HEAD")) {
                    RedirectPageServlet.serve(redirectPage, redirectBody, request, response);
                } else {
                    RedirectPageServlet.methodNotAllowed(response, "GET, HEAD");
                }
                return;
            }
            if (method.equals("GET")) {
                callback(request, response, state);
            } else {
                RedirectPageServlet.methodNotAllowed(response, "GET");
            }
        } else if (path.equals(flow.connectPath()) && method.equals("GET")) {
            connect(request, response);
        } else {
            RedirectPageServlet.methodNotAllowed(response, "GET");
        }
    }

    private void connect(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String home = request.getContextPath() + "/";
        String externalAuthId = flow.externalAuthIdOf(request);
        if (externalAuthId == null) {
            page(response, 403, "Sign in first", "Sign in to this application before connecting your RingCentral account.",
                    List.of(new Link(home, "Back to the application")));
            return;
        }
        String requested = request.getParameter("return");
        String returnPath;
        try {
            returnPath = requested == null ? home : ReturnPaths.check(requested, request.getContextPath());
        } catch (IllegalArgumentException e) {
            page(response, 400, "Cannot connect RingCentral", e.getMessage() + ".", List.of(new Link(home, "Back to the application")));
            return;
        }
        warnOnceIfCookieCannotReachCallback(request);
        PendingLogin pending = flow.begin(request.getSession(true), externalAuthId, returnPath);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setStatus(302);
        response.setHeader("Location", pending.authorizeUrl());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response, String state) throws IOException {
        String home = request.getContextPath() + "/";
        Link startAgain = new Link(flow.connectHref(request, null), "Start again");
        HttpSession session = request.getSession(false);
        PendingLogin pending = session == null ? null : flow.takePending(session, state);
        if (pending == null) {
            page(response, 400, "This sign-in link was already used or has expired", "Connecting your RingCentral"
                    + " account did not finish in this browser session, or this link was opened twice. Start again.",
                    List.of(startAgain, new Link(home, "Back to the application")));
            return;
        }
        Link back = new Link(pending.returnPath(), "Back to where you were");
        Link tryAgain = new Link(flow.connectHref(request, pending.returnPath()), "Try again");
        if (!pending.externalAuthId().equals(flow.externalAuthIdOf(request))) {
            page(response, 403, "Signed in as someone else", "The user signed in to this application changed (or signed"
                    + " out) while RingCentral was asked; nothing was connected. Start again as the user you are now.", List.of(tryAgain, back));
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            if (error.equals("access_denied")) {
                page(response, 403, "RingCentral was not connected", "You did not allow access to your RingCentral"
                        + " account, so the phone is not signed in.", List.of(back, tryAgain));
            } else {
                String description = request.getParameter("error_description");
                page(response, 400, "RingCentral could not sign you in", "RingCentral answered: " + shorten(error)
                        + (description == null ? "" : " (" + shorten(description) + ")") + ".", List.of(back, tryAgain));
            }
            return;
        }
        String code = request.getParameter("code");
        LoginHandoff handoff;
        try {
            handoff = code == null ? null : pending.complete(code);
        } catch (IllegalArgumentException e) {
            handoff = null;
        }
        if (handoff == null) {
            page(response, 400, "RingCentral could not sign you in", "RingCentral's answer carried no usable"
                    + " authorization code.", List.of(back, tryAgain));
            return;
        }
        flow.store(session, handoff);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer"); // this URL carries the code
        response.setStatus(303);
        response.setHeader("Location", pending.returnPath());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static void page(HttpServletResponse response, int status, String title, String message, List<Link> links)
            throws IOException {
        LoginMessagePage page = LoginMessagePage.of(title, message, links);
        byte[] body = page.bytes();
        response.setStatus(status);
        page.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The session cookie belongs to the host the browser used for the connect path; if the redirect URI is on
     * another origin (localhost against 127.0.0.1, say), the callback finds no session and every sign-in "expires".
     */
    private void warnOnceIfCookieCannotReachCallback(HttpServletRequest request) {
        URI redirect = URI.create(flow.embeddable().redirectUri());
        int port = redirect.getPort() == -1 ? (redirect.getScheme().equalsIgnoreCase("https") ? 443 : 80) : redirect.getPort();
        boolean same = redirect.getScheme().equalsIgnoreCase(request.getScheme())
                && redirect.getHost().toLowerCase(Locale.ROOT).equals(request.getServerName().toLowerCase(Locale.ROOT))
                && port == request.getServerPort();
        if (!same && warnedAboutOrigin.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "LoginHandoffServlet: a sign-in started at " + request.getScheme() + "://"
                    + request.getServerName() + ":" + request.getServerPort() + ", but the redirect URI is "
                    + flow.embeddable().redirectUri() + ". The browser sends the session cookie only to the host it came"
                    + " from, so the callback will not find the sign-in unless a proxy makes both the same origin.");
        }
    }
}

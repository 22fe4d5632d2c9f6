package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.login.LoginAuthorization;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.LoginRequests;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
    /** The servlet name {@link #register} uses. */
    public static final String SERVLET_NAME = "embeddable4j-login";

    private final transient LoginHandoffFlow flow;
    private transient RedirectPage redirectPage;
    private transient byte[] redirectBody;
    private transient String callbackPath;
    private transient @Nullable EmbeddableSelector selector;
    private transient @Nullable SelectedRedirectPages selected;

    /** The callback and connect endpoints of {@code flow}; map it with {@link #register} or at the flow's paths. */
    public LoginHandoffServlet(LoginHandoffFlow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    /**
     * In an application serving several tenants ({@link EmbeddableFilter#withSelector}): the redirect URI's path serves
     * each request the redirect page of the widget {@code selector} picks (404 where it picks none), as
     * {@link RedirectPageServlet#withSelector} does. Sign in once serves each tenant with its own widget's app
     * ({@link LoginHandoffFlow#forWidget}); its connect path and callback answer 404 where the selector picks no widget,
     * or one that cannot sign in once. Call it before the servlet is initialised.
     */
    public LoginHandoffServlet withSelector(EmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /** The flow of the request's widget: the selector's pick's, or null where it picks none that can sign in once. */
    private @Nullable LoginHandoffFlow flowFor(HttpServletRequest request) {
        EmbeddableSelector chooser = selector;
        if (chooser == null) {
            return flow;
        }
        Embeddable widget = EmbeddableFilter.selected(chooser, request);
        return widget == null ? null : flow.forWidget(widget);
    }

    /** A site without sign in once: a page for a browser sent there, else the short JSON error. */
    private static void notHere(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (LoginRequests.wantsPage(request::getHeader)) {
            answer(response, LoginEndpoints.notSetUpHere(request.getContextPath()));
            return;
        }
        JsonResponses.error(response, new io.github.embeddable4j.core.bridge.BridgeError(404, "not-found",
                "Sign in once is not set up for this site."));
    }

    /**
     * Registers the servlet at the flow's connect path and at the path of the widget's redirect URI, loaded at startup.
     *
     * @throws IllegalStateException when the redirect URI is not inside this application, or a path is taken
     */
    public static ServletRegistration.Dynamic register(ServletContext context, LoginHandoffFlow flow) {
        return register(context, new LoginHandoffServlet(flow));
    }

    /**
     * The same for a servlet set up first, such as one serving several tenants.
     *
     * <pre>{@code LoginHandoffServlet.register(ctx, new LoginHandoffServlet(flow).withSelector(selector));}</pre>
     *
     * @throws IllegalStateException when the redirect URI is not inside this application, or a path is taken
     */
    public static ServletRegistration.Dynamic register(ServletContext context, LoginHandoffServlet servlet) {
        LoginHandoffFlow flow = servlet.flow;
        String callback = callbackPath(flow, context.getContextPath());
        System.getLogger("io.github.embeddable4j").log(System.Logger.Level.INFO,
                flow.endpoints().startupLine(context.getContextPath()));
        for (ServletRegistration other : context.getServletRegistrations().values()) {
            Set<String> taken = new TreeSet<>(other.getMappings());
            taken.retainAll(Set.of(flow.connectPath(), callback));
            if (!taken.isEmpty()) {
                throw alreadyMapped(taken, callback);
            }
        }
        ServletRegistration.Dynamic registration = Registrations.servlet(context, SERVLET_NAME, servlet);
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
            return flow.endpoints().callbackPathIn(contextPath);
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
        EmbeddableSelector chooser = selector;
        String contextPath = getServletContext().getContextPath();
        String callback = callbackPath; // the redirect page is served at the callback only, not at the connect path
        selected = chooser == null ? null : new SelectedRedirectPages(chooser,
                w -> RedirectPage.mismatchWarnings(w, "LoginHandoffServlet", contextPath, List.of(callback)));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EmbeddableFilter.skip(request); // the widget never loads in the login popup or on these short pages
        String path = EmbeddableFilter.pathOf(request);
        String method = request.getMethod();
        if (path.equals(callbackPath)) {
            String state = request.getParameter("state");
            if (!LoginAuthorization.isServerState(state)) {
                SelectedRedirectPages pages = selected;
                if ((method.equals("GET") || method.equals("HEAD")) && pages != null) {
                    pages.serve(request, response);
                } else if (method.equals("GET") || method.equals("HEAD")) {
                    RedirectPageServlet.serve(redirectPage, redirectBody, request, response);
                } else {
                    JsonResponses.methodNotAllowed(response, "GET, HEAD");
                }
                return;
            }
            LoginHandoffFlow theirs = method.equals("GET") ? flowFor(request) : null;
            if (theirs != null) {
                callback(theirs, request, response, state);
            } else if (method.equals("GET")) {
                notHere(request, response);
            } else {
                JsonResponses.methodNotAllowed(response, "GET");
            }
        } else if (path.equals(flow.connectPath()) && method.equals("GET")) {
            LoginHandoffFlow theirs = flowFor(request);
            if (theirs == null) {
                notHere(request, response); // a tenant without RingCentral, or whose widget cannot sign in once
            } else {
                connect(theirs, request, response);
            }
        } else {
            JsonResponses.methodNotAllowed(response, "GET");
        }
    }

    private void connect(LoginHandoffFlow flow, HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoginEndpoints endpoints = flow.endpoints();
        endpoints.warnOfSessionCookie(request.getScheme(), request.getServerName(), request.getServerPort());
        String user;
        try {
            user = flow.externalAuthIdOf(request);
        } catch (RuntimeException e) {
            flow.userLookupFailed(e, "the connect path answered 503");
            answer(response, endpoints.userLookupFailed(request.getContextPath()));
            return;
        }
        answer(response, endpoints.connect(request.getContextPath(), user, request.getParameter("return"),
                () -> new SessionAttributes(request.getSession(true))));
    }

    private void callback(LoginHandoffFlow flow, HttpServletRequest request, HttpServletResponse response, String state)
            throws IOException {
        LoginEndpoints.Callback callback = new LoginEndpoints.Callback(state, request.getParameter("code"),
                request.getParameter("error"), request.getParameter("error_description"));
        String user;
        try {
            user = flow.externalAuthIdOf(request);
        } catch (RuntimeException e) { // before the sign-in is taken: reloading the callback can still complete it
            flow.userLookupFailed(e, "RingCentral's answer at the redirect URI got a 503");
            answer(response, flow.endpoints().userLookupFailed(request.getContextPath()));
            return;
        }
        answer(response, flow.endpoints().callback(request.getContextPath(), SessionAttributes.of(request.getSession(false)),
                callback, user));
    }

    private static void answer(HttpServletResponse response, LoginEndpoints.Answer answer) throws IOException {
        if (answer instanceof LoginEndpoints.Redirect redirect) {
            LoginEndpoints.REDIRECT_HEADERS.forEach(response::setHeader);
            response.setStatus(redirect.status());
            response.setHeader("Location", redirect.location());
        } else if (answer instanceof LoginEndpoints.Page page) {
            byte[] body = page.page().bytes();
            response.setStatus(page.status());
            page.page().headers().forEach(response::setHeader);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}

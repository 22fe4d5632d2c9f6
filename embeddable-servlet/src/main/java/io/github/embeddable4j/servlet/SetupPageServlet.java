package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeError;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.setup.SetupAccess;
import io.github.embeddable4j.core.setup.SetupPage;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Serves the setup page ({@link SetupPage}): the app's configuration, the registration checklist, the snippets,
 * graduation progress and the config tool, for the developer integrating the widget. Nothing serves it unless it is
 * registered.
 *
 * <pre>{@code SetupPageServlet.register(servletContext, new SetupPageServlet(embeddable, tracker::progress), SetupPageServlet.DEFAULT_PATH);}</pre>
 *
 * Who sees it:
 * <ul>
 *   <li>a browser on the same machine: the connection's remote address is a loopback address and no
 *       {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} header names another client
 *       ({@link SetupAccess#fromLocalhost}). Behind a reverse proxy on the same machine, the proxy's headers name the
 *       real client, so the page stays closed. A container that rewrites the remote address from those headers
 *       cannot be trusted for this: turn the rule off there ({@link #sameMachineAccess});</li>
 *   <li>or, when a role is given, a user in that role ({@code request.isUserInRole(role)}): the application's
 *       authentication (container security, or a filter such as Spring Security's that wraps the request) decides;</li>
 *   <li>everyone else gets the container's plain 404, as if nothing were mapped here.</li>
 * </ul>
 * It answers GET and HEAD ({@code 405} with a JSON error otherwise), refuses a query string longer than
 * {@value #MAX_QUERY_LENGTH} characters ({@code 414}) and one the container cannot decode ({@code 400}), and sends
 * {@link SetupPage#headers()}: {@code Cache-Control: no-store}, a CSP that allows nothing but the page's own
 * stylesheet, {@code nosniff}, {@code no-referrer} and {@code X-Frame-Options: DENY}. The widget is kept off the page
 * ({@link EmbeddableFilter#skip}).
 */
public final class SetupPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(SetupPageServlet.class.getName());
    }

    /** Where the page is usually mapped. */
    public static final String DEFAULT_PATH = "/embeddable4j/setup";
    /** The longest query string served; a form with every field and a few extra lines is well below it. */
    public static final int MAX_QUERY_LENGTH = 4096;

    private final transient SetupPage page;
    private final transient @Nullable Supplier<GraduationProgress> graduation;
    private final @Nullable String role;
    private volatile boolean sameMachine = true;

    /** The page for the app's configuration, for localhost only, without graduation progress. */
    public SetupPageServlet(Embeddable embeddable) {
        this(embeddable, null, null);
    }

    /**
     * The page with graduation progress, read for each request (a {@code GraduationTracker::progress}), for localhost only.
     *
     * @param graduation the progress to show, or {@code null} for none
     */
    public SetupPageServlet(Embeddable embeddable, @Nullable Supplier<GraduationProgress> graduation) {
        this(embeddable, graduation, null);
    }

    /**
     * The page for localhost and, besides, for users in a role.
     *
     * @param graduation the progress to show, or {@code null} for none
     * @param role       the role that may see the page from anywhere, or {@code null} for localhost only
     */
    public SetupPageServlet(Embeddable embeddable, @Nullable Supplier<GraduationProgress> graduation, @Nullable String role) {
        this.page = SetupPage.of(Objects.requireNonNull(embeddable, "embeddable"));
        this.graduation = graduation;
        if (role != null && role.isBlank()) {
            throw new IllegalArgumentException("The role must not be blank; pass null for localhost only");
        }
        this.role = role;
    }

    /** Registers the servlet at a path such as {@link #DEFAULT_PATH}. */
    public static ServletRegistration.Dynamic register(ServletContext context, SetupPageServlet servlet, String path) {
        ServletRegistration.Dynamic registration = Registrations.servlet(context, "embeddable4j-setup",
                Objects.requireNonNull(servlet, "servlet"));
        registration.addMapping(path);
        return registration;
    }

    /**
     * Whether a browser on the same machine sees the page without the role (default {@code true}). Turn it off where
     * the request's remote address comes from forwarded headers, which a client on another machine writes:
     * Spring's {@code ForwardedHeaderFilter} takes the first {@code X-Forwarded-For} entry, the client's own; Tomcat's
     * {@code RemoteIpValve} trusts the header from any private-network address and skips every such entry, so a
     * visitor on the office network sending {@code X-Forwarded-For: 127.0.0.1} through a proxy on the same host looks
     * local; Jetty's {@code ForwardedRequestCustomizer} trusts it from anyone. These remove or rewrite the headers, so
     * the page cannot see it happened. Returns this servlet.
     *
     * <pre>{@code new SetupPageServlet(embeddable, null, "embeddable-admin").sameMachineAccess(false)}</pre>
     */
    public SetupPageServlet sameMachineAccess(boolean allowed) {
        this.sameMachine = allowed;
        return this;
    }

    /** The role that may see the page from anywhere, or {@code null}. */
    public @Nullable String role() {
        return role;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        EmbeddableFilter.skip(request);
        if (!allowed(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND); // the container's own 404: nothing tells the page exists
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            JsonResponses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        String query = request.getQueryString();
        if (query != null && query.length() > MAX_QUERY_LENGTH) {
            JsonResponses.error(response, new BridgeError(414, "query-too-long", "The query string is longer than " + MAX_QUERY_LENGTH + " characters."));
            return;
        }
        super.service(request, response);
    }

    private boolean allowed(HttpServletRequest request) {
        if (sameMachine && SetupAccess.fromLocalhost(request.getRemoteAddr(), name -> Collections.list(request.getHeaders(name)))) {
            return true;
        }
        return role != null && request.isUserInRole(role);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> query;
        try {
            query = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
                query.put(e.getKey(), List.of(e.getValue()));
            }
        } catch (RuntimeException e) { // a query the container cannot decode (bad %-escapes, say)
            JsonResponses.error(response, new BridgeError(400, "bad-query", "The query string cannot be decoded."));
            return;
        }
        byte[] body;
        try {
            body = pageFor().render(query).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable setup page: unexpected failure", e);
            JsonResponses.error(response, new BridgeError(400, "unprocessable", "The request could not be processed."));
            return;
        }
        SetupPage.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private SetupPage pageFor() {
        return page.withGraduationFrom(graduation);
    }
}

package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import jakarta.servlet.FilterRegistration;
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
import org.jspecify.annotations.Nullable;

/**
 * Serves the OAuth redirect page for a self-hosted redirect URI (see {@link RedirectPage}): register it at the
 * path of the configured {@code redirectUri}, and register that exact URL on the RingCentral app.
 *
 * <pre>{@code RedirectPageServlet.register(servletContext, embeddable, "/ringcentral/redirect");}</pre>
 *
 * <p>In {@code web.xml}, declare it without arguments and give the widget settings as init-params; without any, it
 * takes the widget an {@link EmbeddableFilter} of the application published ({@link EmbeddableFilter#EMBEDDABLE_ATTRIBUTE}),
 * so the settings are written once. At startup it warns when the configured redirect URI is not served by its own
 * mapping.
 */
public final class RedirectPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    private transient Embeddable embeddable;
    private transient RedirectPage page;
    private transient byte[] body;
    private transient List<String> startupWarnings = List.of();
    private transient @Nullable EmbeddableSelector selector;
    private transient @Nullable SelectedRedirectPages selected;

    /** For {@code web.xml}: the configuration comes from the init-params, or without any, from the filter's. */
    public RedirectPageServlet() {
    }

    /** Serves {@code embeddable}'s redirect page; map it where its {@code redirectUri} points. */
    public RedirectPageServlet(Embeddable embeddable) {
        this.embeddable = Objects.requireNonNull(embeddable, "embeddable");
    }

    /**
     * Serves each request the redirect page of the widget {@code selector} picks (an application serving several
     * tenants, each with its own redirect URI on its own host), and 404 where it picks none. Each widget's redirect URI
     * is checked against this servlet's mapping when its page is first served, and a mismatch logged. Call it before
     * the servlet is initialised.
     *
     * <pre>{@code new RedirectPageServlet(defaults).withSelector(request -> tenants.embeddableFor(request.getServerName()))}</pre>
     */
    public RedirectPageServlet withSelector(EmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * Registers the servlet at a path such as {@code /ringcentral/redirect}.
     *
     * @throws IllegalStateException when another servlet is mapped there already (sign in once's callback serves this
     *                               page itself)
     */
    public static ServletRegistration.Dynamic register(ServletContext context, Embeddable embeddable, String path) {
        ServletRegistration.Dynamic registration = Registrations.servlet(context, "embeddable4j-redirect",
                new RedirectPageServlet(embeddable));
        java.util.Set<String> taken = registration.addMapping(path);
        if (!taken.isEmpty()) {
            // registered after sign in once's servlet, the page was silently not mapped, and its start-up check then
            // said it was "served at []" (a servlet trial); the other order already failed with this fix
            throw new IllegalStateException("RedirectPageServlet: " + taken + " is already mapped to another servlet. With"
                    + " sign in once, LoginHandoffServlet serves the widget's redirect page at its callback itself: do not"
                    + " register RedirectPageServlet too; otherwise give it a path of its own.");
        }
        registration.setLoadOnStartup(1); // its start-up check (the redirect URI served here) runs with the application
        return registration;
    }

    @Override
    public void init() throws ServletException {
        if (embeddable == null) {
            // Published by the start-up check, before any filter's or servlet's init, in every container.
            Object published = getServletContext().getAttribute(EmbeddableFilter.EMBEDDABLE_ATTRIBUTE);
            boolean ownSettings = getInitParameterNames().hasMoreElements();
            List<FilterRegistration> declaredFilters = ownSettings ? List.of()
                    : InitParametersCheck.declaredFilters(getServletContext());
            // one filter declared with settings is the one meant; with more, the published widget says which
            FilterRegistration declared = declaredFilters.size() == 1 ? declaredFilters.get(0) : null;
            if (!ownSettings && published instanceof Embeddable filters) {
                embeddable = filters;
            } else if (declared != null) {
                // Nothing published: no container initializer ran (embedded Jetty without annotation scanning) and the
                // filter's init failed. Defaults would make a demo-app page and say "no client ID is set" while the
                // deployment fails for the client ID web.xml does give (a trial's placeholder): the filter's settings
                // are read here instead, and fail here as the filter's.
                embeddable = InitParametersCheck.checkedWidget(declared, "Servlet '" + getServletName()
                        + "' takes the widget settings of filter '" + declared.getName() + "'");
            } else {
                InitParameters params = new InitParameters(getInitParameterNames(), this::getInitParameter, false);
                embeddable = params.embeddable("Servlet '" + getServletName() + "'");
            }
        }
        page = RedirectPage.of(embeddable);
        body = page.bytes();
        ServletRegistration registration = getServletContext().getServletRegistration(getServletName());
        Collection<String> mappings = registration == null ? List.of() : registration.getMappings();
        String contextPath = getServletContext().getContextPath();
        startupWarnings = mismatchWarnings(embeddable, contextPath, mappings);
        EmbeddableSelector chooser = selector;
        selected = chooser == null ? null : new SelectedRedirectPages(chooser, w -> mismatchWarnings(w, contextPath, mappings));
        for (String warning : startupWarnings) {
            log().log(System.Logger.Level.WARNING, warning);
        }
    }

    /** The warnings logged at startup (the redirect URI not served here, say). */
    public List<String> startupWarnings() {
        return startupWarnings;
    }

    /**
     * What this servlet would warn about a widget served at these mappings: its redirect URI not served here, or not
     * set at all. For an application that builds widgets while it runs (a tenant's row loaded or changed), to check a
     * widget's redirect URI when it is built rather than at its first login; empty when it is right.
     *
     * <pre>{@code RedirectPageServlet.mismatchWarnings(tenantWidget, "", List.of("/ringcentral/redirect"))}</pre>
     *
     * @param contextPath the application's context path ("" for the root)
     * @param mappings    where the redirect page is served within it, such as {@code /ringcentral/redirect}
     */
    public static List<String> mismatchWarnings(Embeddable embeddable, String contextPath, Collection<String> mappings) {
        return RedirectPage.mismatchWarnings(embeddable, "RedirectPageServlet", contextPath, mappings);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SelectedRedirectPages pages = selected;
        if (pages == null) {
            serve(page, body, request, response);
        } else {
            pages.serve(request, response);
        }
    }

    /** Writes the redirect page (its body only for GET). */
    static void serve(RedirectPage page, byte[] body, HttpServletRequest request, HttpServletResponse response) throws IOException {
        EmbeddableFilter.skip(request); // the widget must not load inside its own login popup
        page.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            super.service(request, response);
            return;
        }
        JsonResponses.methodNotAllowed(response, "GET, HEAD");
    }
}

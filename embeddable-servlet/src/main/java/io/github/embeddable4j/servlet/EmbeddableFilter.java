package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.BridgeScript;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.LoginRequests;
import io.github.embeddable4j.core.WidgetSelection;
import io.github.embeddable4j.core.inject.InjectionRules;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Puts the RingCentral Embeddable loader on every HTML page: inserts its {@code <script>} (with the request's CSP
 * nonce) before {@code </head>} of {@code text/html} and {@code application/xhtml+xml} responses with status 200-203 to GET
 * requests, streaming, without buffering the page. Everything else passes through unchanged (see
 * {@link InjectionRules}). Register it for {@code REQUEST}, {@code ASYNC} and {@code FORWARD} dispatches, and for
 * {@code FORWARD} to servlet name {@code *}, async-supported, as {@link #register} does:
 *
 * <pre>{@code EmbeddableFilter.register(servletContext, new EmbeddableFilter(Embeddable.of(config)));}</pre>
 *
 * <p>What the container does behind the response wrapper is accounted for: with non-blocking output
 * ({@code WriteListener}) each application write reaches the container as one write and the held bytes wait for
 * {@code onWritePossible}; a forward (which discards the buffered output, on Jetty without telling the wrapper)
 * starts the injection over; async listeners added through the application's {@code AsyncContext} see a context
 * whose {@code complete()} releases the held bytes first, and the filter's own listener releases them on timeout
 * and error.
 *
 * <p>In {@code web.xml}, declare it without arguments: init-params {@code enabled}, {@code include-paths},
 * {@code exclude-paths}, {@code inject-error-pages}, {@code inject-post-pages}, {@code injected-header},
 * {@code injection-point} and
 * {@code nonce-attribute} configure the filter, and every other init-param is a widget setting read with
 * {@link io.github.embeddable4j.core.EmbeddableConfig#fromMap(java.util.Map)} ({@code client-id}, ...). An
 * invalid configuration stops the application with every problem listed.
 */
public final class EmbeddableFilter implements Filter {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    /** Request attribute that, when set to {@code Boolean.TRUE} (see {@link #skip}), keeps the widget off one response. */
    public static final String SKIP_ATTRIBUTE = InjectionRules.SKIP_ATTRIBUTE;
    /** The name {@link #register} registers the filter under. */
    public static final String FILTER_NAME = "embeddable4j";

    private Embeddable embeddable;
    private InjectionRules rules;
    private NonceResolver nonceResolver;
    /** What goes into pages of the filter's own widget. */
    private final WidgetSnippets snippets = new WidgetSnippets(this);
    /** Which widget a request gets, when the application serves several (null: always {@link #embeddable}). */
    private @Nullable EmbeddableSelector selector;
    /** The snippets of the other widgets the selector chose, by identity, the most recently used kept. */
    private final Map<Embeddable, WidgetSnippets> selected = WidgetSelection.recentlyUsed();
    private static final int MAX_PREFIXED_SNIPPETS = 16;
    private String contextPath = "";
    /** Where {@link BridgeServlet} is mounted (relative to the context) when events go to the server, else null. */
    private @Nullable String bridgeMount;
    private Supplier<? extends Collection<String>> bridgeTypes = List::of;
    private boolean bridgeService;
    private CsrfTokenResolver csrf = CsrfTokenResolver.none();
    private @Nullable LoginHandoffFlow handoffs;
    private final AtomicBoolean warnedOfSignOutWithoutBridge = new AtomicBoolean();
    private final AtomicBoolean lookedForUnusedBridgeServlet = new AtomicBoolean();
    private final AtomicBoolean lookedForBridgeServlet = new AtomicBoolean();
    private final AtomicBoolean warnedOfAnotherFilter = new AtomicBoolean();
    /** The name the container knows this filter by (from {@link #init}), for its log lines. */
    private @Nullable String filterName;

    /** For {@code web.xml}: the configuration comes from the init-params. */
    @SuppressWarnings("NullAway.Init") // the container calls init, which reads them, before any request
    public EmbeddableFilter() {
    }

    /**
     * A filter from flat settings such as a properties file's: the filter's own ({@code exclude-paths},
     * {@code injection-point}, {@code nonce-attribute}, ...) and the widget's, with the same relaxed names as
     * {@code web.xml}'s init-params. Every problem of both kinds comes in one report, each with its fix, and a name
     * that is neither kind is one too. The widget is {@link #embeddable()}, for a {@link BridgeServlet}.
     *
     * <pre>{@code EmbeddableFilter filter = EmbeddableFilter.fromSettings(settings); Embeddable embeddable = filter.embeddable();}</pre>
     *
     * @throws io.github.embeddable4j.core.EmbeddableConfigException listing every problem
     */
    public static EmbeddableFilter fromSettings(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        InitParameters parameters = new InitParameters(java.util.Collections.enumeration(settings.keySet()), settings::get, true);
        InitParameters.FilterSettings checked;
        try {
            checked = parameters.checkedFilter(FILTER_NAME);
        } catch (ServletException e) {
            if (e.getCause() instanceof io.github.embeddable4j.core.EmbeddableConfigException problems) {
                throw problems; // what checkedFilter wraps for a container
            }
            throw new IllegalStateException(e);
        }
        return new EmbeddableFilter(checked.embeddable(), checked.rules(), checked.nonceResolver());
    }

    /** Injects the given widget with the default rules and nonce lookup. */
    public EmbeddableFilter(Embeddable embeddable) {
        this(embeddable, InjectionRules.defaults(), NonceResolver.defaults());
    }

    /** Injects the given widget by the given rules, with nonces found by the resolver. */
    public EmbeddableFilter(Embeddable embeddable, InjectionRules rules, NonceResolver nonceResolver) {
        this.embeddable = Objects.requireNonNull(embeddable, "embeddable");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.nonceResolver = Objects.requireNonNull(nonceResolver, "nonceResolver");
    }

    /**
     * Also puts the client glue on every page that gets the widget, as the page's bridge to a {@link BridgeServlet}
     * mounted at {@code mount} (relative to the context path, such as {@code /embeddable4j}): it forwards the widget's
     * events of the given types to the server. Pass the listeners' types ({@code dispatcher.subscribedTypes()}); with
     * none, no bridge is added. {@code csrf} finds the token the application's POSTs need, if any. Call it before the
     * filter is initialised. Like every {@code with...} method of the filter, it configures this filter and returns it
     * (for chaining), not a copy.
     *
     * <pre>{@code new EmbeddableFilter(embeddable).withEventBridge("/embeddable4j", dispatcher.subscribedTypes(), CsrfTokenResolver.none())}</pre>
     */
    public EmbeddableFilter withEventBridge(String mount, Collection<String> eventTypes, CsrfTokenResolver csrf) {
        return withBridge(mount, eventTypes, false, csrf);
    }

    /**
     * Like {@link #withEventBridge}, and with {@code service} the glue also registers the application's third-party
     * service ({@link BridgeServlet} with a {@code ThirdPartyService}) and relays the widget's call-outs to it.
     */
    public EmbeddableFilter withBridge(String mount, Collection<String> eventTypes, boolean service, CsrfTokenResolver csrf) {
        List<String> types = List.copyOf(eventTypes);
        return withBridge(mount, () -> types, service, csrf);
    }

    /**
     * Like {@link #withBridge(String, Collection, boolean, CsrfTokenResolver)}, with the event types asked for once,
     * when the first page is served: for frameworks that learn their listeners only after the web server has started
     * (Spring finds {@code @EventListener} methods once every bean exists). An empty answer means no event bridge.
     */
    public EmbeddableFilter withBridge(String mount, Supplier<? extends Collection<String>> eventTypes, boolean service,
            CsrfTokenResolver csrf) {
        // checked now, not when the first page builds the script: a bad mount stops the application at start-up
        BridgeEndpoints.requireMount(mount);
        this.bridgeMount = mount;
        this.bridgeTypes = Objects.requireNonNull(eventTypes, "eventTypes");
        this.bridgeService = service;
        this.csrf = Objects.requireNonNull(csrf, "csrf");
        return this;
    }

    /**
     * Lets each request's page get the widget {@code selector} picks, for an application that serves several tenants
     * (each on its own host, with its own RingCentral app or settings), or none when it answers null. This filter's
     * own widget ({@link #embeddable()}) is then the one the selector may return for the default; sign in once
     * ({@link #withLoginHandoff}) serves every tenant whose widget has its own app and a redirect URI at the flow's
     * path ({@link LoginHandoffFlow#forWidget}). Return the same {@code Embeddable} for the same tenant (build it
     * when its settings are loaded or change, validated then): what goes into its pages is built once per instance.
     * A selector that throws leaves that page without a widget, said once in the log. Call it before the filter is
     * initialised.
     *
     * <pre>{@code new EmbeddableFilter(defaults).withSelector(request -> tenants.widgetFor(request.getServerName()))}</pre>
     */
    public EmbeddableFilter withSelector(EmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * The widget this filter renders for this request: its own, or with a {@link #withSelector selector} the one it
     * picks; null for none (the selector's null, or its failure).
     */
    public @Nullable Embeddable embeddableFor(HttpServletRequest request) {
        EmbeddableSelector chooser = selector;
        if (chooser == null || embeddable == null) {
            return embeddable;
        }
        return selected(chooser, request);
    }

    /**
     * What {@code selector} picks for the request, asked once per request, so a page's filter, its template tags and
     * its redirect page get the same widget; null for none, or when the selector throws (said once per selector in the
     * log). For a template tag of your own beside the filter, in an application serving several tenants.
     *
     * <pre>{@code Embeddable widget = EmbeddableFilter.selected(selector, request); // null: no widget on this page}</pre>
     */
    public static @Nullable Embeddable selected(EmbeddableSelector selector, HttpServletRequest request) {
        return WidgetSelection.once(selector, request::getAttribute, request::setAttribute, () -> selector.select(request));
    }

    /** The snippets of a widget: the filter's own, or one the selector chose. */
    private WidgetSnippets snippetsOf(Embeddable widget) {
        if (widget == embeddable) {
            return snippets;
        }
        return selected.computeIfAbsent(widget, w -> new WidgetSnippets(this));
    }

    /**
     * Renders the widget on the next HTML page of a session with the login handoff {@link LoginHandoffServlet} caught
     * there, once: the page gets {@code Cache-Control: no-store}, and the handoff is forgotten as soon as the snippet
     * is in the page. A page that does not get the snippet (not HTML, excluded, an error, already committed at its
     * first write) leaves the handoff for the next one. The flow must be for this filter's widget. Call it before the
     * filter is initialised.
     */
    public EmbeddableFilter withLoginHandoff(LoginHandoffFlow flow) {
        this.handoffs = Objects.requireNonNull(flow, "flow");
        return this;
    }

    /**
     * Registers a filter on a servlet context, for every path, for {@code REQUEST}, {@code ASYNC} and
     * {@code FORWARD} dispatches (and {@code ERROR} when its rules inject into error pages), and for forwards to
     * every servlet by name (named dispatchers), async-supported. Call it from a {@code ServletContextListener} or
     * {@code ServletContainerInitializer}. Logs the configuration's warnings (such as the demo app's), once, and with a
     * client ID the redirect URI its app must list.
     */
    public static FilterRegistration.Dynamic register(ServletContext context, EmbeddableFilter filter) {
        FilterRegistration.Dynamic registration = Registrations.filter(context, FILTER_NAME, filter);
        registration.setAsyncSupported(true);
        if (filter.embeddable != null) {
            publish(context, filter.embeddable); // before any filter's init: a framework's filter may read it in its own
            InitParameters.logStartup(null, filter.embeddable); // as web.xml settings and the starter do
        }
        EnumSet<DispatcherType> types = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.FORWARD);
        if (filter.rules != null && filter.rules.errorPages()) {
            types.add(DispatcherType.ERROR);
        }
        registration.addMappingForUrlPatterns(types, false, "/*");
        // A forward through a named dispatcher matches servlet-name mappings only.
        registration.addMappingForServletNames(EnumSet.of(DispatcherType.FORWARD), false, "*");
        return registration;
    }

    /**
     * Keeps the widget off this request's response, for the page's own reasons (call before the response is written):
     * the page's validators ({@code ETag}, {@code Last-Modified}) go out as the application set them. When the reason
     * is who asks, use {@link #skipForVisitor}.
     */
    public static void skip(ServletRequest request) {
        request.setAttribute(SKIP_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * Keeps the widget off this request's response because of who asks (a visitor who has not signed in), on a page
     * another visitor gets with the widget: the page then goes out without its validators, or the browser would keep
     * this copy by a 304 once its user should have the widget (an Open Liberty trial's page stayed without it).
     *
     * <pre>{@code if (httpRequest.getRemoteUser() == null) EmbeddableFilter.skipForVisitor(httpRequest);}</pre>
     */
    public static void skipForVisitor(ServletRequest request) {
        request.setAttribute(SKIP_ATTRIBUTE, Boolean.TRUE);
        request.setAttribute(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE, Boolean.TRUE);
    }

    static boolean isSkipped(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(SKIP_ATTRIBUTE));
    }

    /**
     * The servlet context attribute holding the {@link Embeddable} of the first filter: how application code in a
     * {@code web.xml} application reaches the widget the filter renders (for its CSP sources, say). Set when the
     * filter is registered ({@link #register}) or its init-params are checked, before any filter's {@code init}, so a
     * framework's filter can read it in its own.
     *
     * <pre>{@code Embeddable e = (Embeddable) servletContext.getAttribute(EmbeddableFilter.EMBEDDABLE_ATTRIBUTE);}</pre>
     */
    public static final String EMBEDDABLE_ATTRIBUTE = Embeddable.class.getName();

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (embeddable == null) {
            InitParameters.FilterSettings settings = new InitParameters(config.getInitParameterNames(),
                    config::getInitParameter, true).filter("Filter '" + config.getFilterName() + "'");
            this.embeddable = settings.embeddable();
            this.rules = settings.rules();
            this.nonceResolver = settings.nonceResolver();
        }
        if (handoffs != null && !handoffs.embeddable().redirectUri().equals(embeddable.redirectUri())) {
            throw new ServletException("EmbeddableFilter: the login handoff flow is for a widget with redirectUri "
                    + handoffs.embeddable().redirectUri() + ", but this filter renders one with " + embeddable.redirectUri()
                    + "; build the flow from the filter's Embeddable.");
        }
        this.contextPath = config.getServletContext().getContextPath();
        this.filterName = config.getFilterName();
        snippets.clear();
        selected.clear();
        publish(config.getServletContext(), embeddable);
    }

    /** Sets {@link #EMBEDDABLE_ATTRIBUTE} unless a filter registered or initialised before did. */
    static void publish(ServletContext context, Embeddable embeddable) {
        if (context.getAttribute(EMBEDDABLE_ATTRIBUTE) == null) {
            context.setAttribute(EMBEDDABLE_ATTRIBUTE, embeddable);
        }
    }

    /**
     * What goes into one widget's pages, built when its first page needs it (not at start-up: an application starts
     * faster; by then every deferred bridge setting is known), and for requests whose context path is not the servlet
     * context's: behind a proxy that publishes the application under a prefix it strips ({@code X-Forwarded-Prefix},
     * which Spring's forwarded-header filter puts into the request's context path), the bridge's URLs must carry the
     * prefix. A few at most, so bounded.
     */
    private static final class WidgetSnippets {
        private final EmbeddableFilter filter;
        private volatile @Nullable PageSnippet snippet;
        /** The event types the snippet's bridge was built with, for snippets of other context paths. */
        private volatile List<String> types = List.of();
        private final Map<String, PageSnippet> prefixed = new ConcurrentHashMap<>();

        WidgetSnippets(EmbeddableFilter filter) {
            this.filter = filter;
        }

        void clear() {
            snippet = null;
            prefixed.clear();
        }

        PageSnippet snippet(Embeddable widget) {
            PageSnippet built = snippet;
            if (built == null) {
                synchronized (this) {
                    built = snippet;
                    if (built == null) {
                        types = filter.bridgeMount == null ? List.of() : List.copyOf(filter.bridgeTypes.get());
                        built = filter.buildSnippet(widget, filter.contextPath, types);
                        snippet = built;
                    }
                }
            }
            return built;
        }

        /** The snippet for this request: with the bridge's URLs under the request's context path. */
        PageSnippet snippet(Embeddable widget, HttpServletRequest request) {
            PageSnippet base = snippet(widget);
            String context = request.getContextPath();
            if (!base.hasBridge() || context == null || context.equals(filter.contextPath)) {
                return base;
            }
            PageSnippet found = prefixed.get(context);
            if (found == null) {
                try {
                    found = filter.buildSnippet(widget, context, types);
                } catch (IllegalArgumentException e) {
                    return base; // not a path on this origin: the application's own paths
                }
                if (prefixed.size() < MAX_PREFIXED_SNIPPETS) {
                    prefixed.putIfAbsent(context, found);
                }
            }
            return found;
        }
    }

    private PageSnippet buildSnippet(Embeddable widget, String context, List<String> types) {
        BridgeScript bridge = null;
        if (bridgeMount != null && (!types.isEmpty() || bridgeService || handoffs != null)) {
            String base = context + bridgeMount;
            bridge = BridgeEndpoints.script(widget, base, types, bridgeService);
        }
        return new PageSnippet(widget, bridge, csrf);
    }

    /** The widget this filter injects. */
    public Embeddable embeddable() {
        return embeddable;
    }

    /**
     * The bridge script this filter adds next to the loader for this request (with the nonce and CSRF token), or ""
     * when it adds none: for pages that place the loader themselves, such as with a template tag, after the filter
     * was initialised.
     */
    public String bridgeTag(HttpServletRequest request, @Nullable String nonce) {
        Embeddable widget = embeddableFor(request);
        return widget == null ? "" : snippetsOf(widget).snippet(widget, request).bridgeOnly(request, nonce);
    }

    /**
     * Like {@link #bridgeTag(HttpServletRequest, String)}, for a page that places the widget itself, as the filter
     * would for its own pages: with a response whose headers can still be set, it takes the application's sign-out
     * mark (the widget then logs out); for the iframe form, {@code frameId} is the id of its {@code <iframe>}.
     *
     * <pre>{@code filter.bridgeTag(request, response, nonce, "phone")}</pre>
     */
    public String bridgeTag(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable String nonce,
            @Nullable String frameId) {
        Embeddable widget = embeddableFor(request);
        if (widget == null) {
            return "";
        }
        LoginHandoffFlow flow = handoffs; // the sign-out mark is every widget's: any may keep a login of its own
        PageSnippet page = snippetsOf(widget).snippet(widget, request);
        if (!page.hasBridge()) {
            injectedWithoutBridge(request, pathOf(request), flow != null);
        }
        // as for the filter's own pages: not spent on a HEAD, nor on a page a script fetched (nobody runs its head)
        boolean marked = flow != null && response != null && page.hasBridge() && !"HEAD".equals(request.getMethod())
                && LoginRequests.isPageLoad(request::getHeader) && flow.widgetLogoutMarked(request);
        // a page carrying a new login (a template tag took the handoff) logs nothing out (a logout would end that login),
        // and its script clears the mark once the widget reports the login; otherwise once the widget acted on it
        return page.bridgeOnly(request, nonce, BridgeScript.SignOutMark.of(marked,
                request.getAttribute(LoginHandoffFlow.HANDOFF_TAKEN_ATTRIBUTE) != null), frameId);
    }

    /** A page got the widget without the bridge's script: what it cannot do is said once, here. */
    private void injectedWithoutBridge(HttpServletRequest request, String path, boolean signsInOnce) {
        if (signsInOnce) {
            warnOfSignOutWithoutBridge(path);
        }
        if (bridgeMount == null && lookedForUnusedBridgeServlet.compareAndSet(false, true)) {
            warnOfUnusedBridgeServlet(request.getServletContext(), path);
        }
    }

    /**
     * A {@link BridgeServlet} registered while this filter adds no bridge script: the widget's events and call-outs
     * never reach it, and nothing else would say so (a trial's copy of the tenants guide, whose filter lacked
     * {@code withEventBridge}). Looked for once, at the first page that gets the widget: registrations are fixed by then.
     */
    private static void warnOfUnusedBridgeServlet(ServletContext context, String path) {
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (BridgeServlet.class.getName().equals(registration.getClassName())) {
                log().log(System.Logger.Level.WARNING, "EmbeddableFilter: a BridgeServlet is mapped at "
                        + registration.getMappings() + ", but this filter adds no bridge script to the pages it puts the"
                        + " widget in (such as " + path + "), so the widget's events and CRM call-outs from them never"
                        + " reach it. Give the filter the BridgeServlet's mount: withEventBridge(mount,"
                        + " dispatcher.subscribedTypes(), csrf), or withBridge(...) with a CRM. (Said once.)");
                return;
            }
        }
    }

    /**
     * The reverse: pages get the bridge's script, but no servlet is mapped at its path, only the container's default
     * one (a trial's web application without {@code BridgeServlet.register}: the browser got a 404 for the script, and
     * no event or call-out ever came, with nothing in the server's log). Looked for once, at the first page with the
     * bridge; a servlet of the application's own there (one using {@code BridgeHandler}) counts.
     */
    static void warnOfUnservedBridge(ServletContext context, String mount) {
        String script = mount + BridgeEndpoints.SCRIPT;
        try {
            java.util.Collection<? extends ServletRegistration> registrations = context.getServletRegistrations().values();
            if (registrations.isEmpty()) {
                return; // a context that lists no servlet at all, not even the default one: a mock (MockMvc's)
            }
            for (ServletRegistration registration : registrations) {
                for (String mapping : registration.getMappings()) {
                    if (mapping.equals(script) || (mapping.endsWith("/*")
                            && (script + "/").startsWith(mapping.substring(0, mapping.length() - 1)))) {
                        return;
                    }
                }
            }
        } catch (RuntimeException e) { // a context that does not list its registrations: nothing to say
            return;
        }
        log().log(System.Logger.Level.WARNING, "EmbeddableFilter: the pages get the event bridge's script at " + script
                + " (the context's path before it), but no servlet is mapped there, so the browser gets a 404 and the"
                + " widget's events and CRM call-outs never reach the server. Register the bridge at the filter's mount:"
                + " BridgeServlet.register(context, new BridgeServlet(...), \"" + mount + "\"). (Said once.)");
    }

    /**
     * Said at the first page that gets the widget with handoffs but without the bridge's script (injected, or placed by
     * a template tag through {@link #bridgeTag}), not at start-up: where no page is the filter's (Vaadin views carry
     * sign-out through their component) the sign-out reaches the widget, and a Vaadin trial's start-up warning said
     * otherwise.
     */
    private void warnOfSignOutWithoutBridge(String path) {
        if (bridgeMount == null && !warnedOfSignOutWithoutBridge.getAndSet(true)) {
            log().log(System.Logger.Level.WARNING, "EmbeddableFilter: a login handoff flow is set without the bridge"
                    + " (withEventBridge or withBridge, and a BridgeServlet at that mount; BridgeServlet.scriptOnly is"
                    + " enough), so the pages that get the widget from this filter, such as " + path + ", cannot carry"
                    + " the application's"
                    + " sign-out to the widget (flow.logOutWidget): its mark waits, and the next user at the browser keeps"
                    + " the previous one's phone. (Said once.)");
        }
    }

    /** Sign in once for the request's widget: the flow's own, another tenant's ({@link LoginHandoffFlow#forWidget}), or null. */
    private @Nullable LoginHandoffFlow tenantFlow(Embeddable widget) {
        LoginHandoffFlow flow = handoffs;
        return flow == null ? null : flow.forWidget(widget);
    }

    /**
     * Sign in once for this request's page: the flow of the widget the filter renders for it (with a selector, another
     * tenant's, {@link LoginHandoffFlow#forWidget}), or null where it renders none, or one that cannot sign in once.
     * For a "Connect RingCentral" link of one's own, shown only where it leads somewhere.
     *
     * <pre>{@code LoginHandoffFlow flow = filter.loginHandoffFlow(request); if (flow != null) { href = flow.connectHref(request, path); }}</pre>
     */
    public @Nullable LoginHandoffFlow loginHandoffFlow(HttpServletRequest request) {
        Embeddable widget = embeddableFor(request);
        return widget == null ? null : tenantFlow(widget);
    }

    /** The login flow whose handoffs this filter renders, or null. */
    public @Nullable LoginHandoffFlow loginHandoffFlow() {
        return handoffs;
    }

    /** The rules this filter follows. */
    public InjectionRules rules() {
        return rules;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        InjectingResponseWrapper existing = findWrapper(response);
        if (existing != null) {
            // A dispatch of a response this filter already wraps (ASYNC, FORWARD, ...), or a second registration.
            if (existing.owner() != this && request.getDispatcherType() == DispatcherType.REQUEST) {
                warnOfAnotherFilter(request);
            }
            continueWrapped(request, response, existing, chain);
            return;
        }
        // HEAD runs as GET would, its body discarded by the container: what the container counts of it, and so the
        // Content-Length it sends, is then the GET body's (HTTP forbids another). No login handoff is spent on it.
        boolean head = "HEAD".equals(request.getMethod());
        String path = pathOf(request);
        if (request.getDispatcherType() == DispatcherType.FORWARD
                || !rules.appliesTo(head ? "GET" : request.getMethod(), path) || isSkipped(request)) {
            // A forward is injected only if the original request was (its response is wrapped, above).
            chain.doFilter(req, res);
            return;
        }
        Embeddable widget = embeddableFor(request);
        if (widget == null) {
            chain.doFilter(req, res); // the selector gave this page no widget
            return;
        }
        LoginHandoffFlow flow = head ? null : tenantFlow(widget);
        PageSnippet snippet = snippetsOf(widget).snippet(widget, request);
        if (snippet.hasBridge() && bridgeMount != null && lookedForBridgeServlet.compareAndSet(false, true)) {
            warnOfUnservedBridge(request.getServletContext(), bridgeMount);
        }
        InjectingResponseWrapper wrapper = new InjectingResponseWrapper(this, request, response, rules, nonceResolver,
                snippet, flow, head ? null : handoffs,
                () -> injectedWithoutBridge(request, path, !head && handoffs != null));
        boolean ok = false;
        try {
            chain.doFilter(finishingRequest(FullPageRequest.of(request, path), wrapper), wrapper);
            ok = true;
        } finally {
            if (ok) {
                completeWhenDone(request, wrapper);
            } else {
                finishQuietly(wrapper);
            }
        }
    }

    /**
     * Another EmbeddableFilter wrapped this page first, so it decides with its own settings and this one's do nothing
     * here: said once where this one's rules would have applied. The docs' {@code <filter>} in {@code web.xml} beside
     * a listener that registers one in code (a trial declared both) gave no sign of which configuration the pages got.
     */
    private void warnOfAnotherFilter(HttpServletRequest request) {
        String path = pathOf(request);
        if (rules.appliesTo("HEAD".equals(request.getMethod()) ? "GET" : request.getMethod(), path)
                && ownWidgetFor(request) != null // a tenant's filter whose selector gives this page none loses nothing
                && warnedOfAnotherFilter.compareAndSet(false, true)) {
            log().log(System.Logger.Level.WARNING, "EmbeddableFilter" + (filterName == null ? "" : " '" + filterName + "'")
                    + ": another EmbeddableFilter wrapped " + path + " before this one, so the page gets that filter's"
                    + " widget and rules, and this one's settings do nothing there. Two filters for one page are usually"
                    + " one declared in web.xml and one registered in code (EmbeddableFilter.register, a listener, the"
                    + " Spring Boot starter): keep one, or give them paths apart with include/exclude. (Said once.)");
        }
    }

    /**
     * The widget this filter's own selector gives the request, asked again: {@link #embeddableFor} keeps the first
     * filter's choice for the request (so its page, tags and redirect page agree), which is the other filter's here.
     */
    private @Nullable Embeddable ownWidgetFor(HttpServletRequest request) {
        EmbeddableSelector chooser = selector;
        if (chooser == null || embeddable == null) {
            return embeddable;
        }
        try {
            return chooser.select(request);
        } catch (RuntimeException e) {
            return null; // said by the selector's own use
        }
    }

    private static void continueWrapped(HttpServletRequest request, HttpServletResponse response,
            InjectingResponseWrapper wrapper, FilterChain chain) throws IOException, ServletException {
        DispatcherType type = request.getDispatcherType();
        if (type == DispatcherType.REQUEST || type == DispatcherType.INCLUDE) {
            // A second registration, or Jetty running the servlet-name "*" mapping for every dispatch type whatever
            // it lists: the invocation that wrapped the response finishes it. An include is part of the page.
            chain.doFilter(request, response);
            return;
        }
        if (type == DispatcherType.FORWARD || (type == DispatcherType.ERROR && !response.isCommitted())) {
            // The container discarded the buffered output; Jetty does so without going through the wrapper. An error
            // page comes in this response on Undertow (the one given to startAsync): after sendError the wrapper had
            // stepped aside for the container's body, and the error page is that body.
            wrapper.restartForDispatch();
            if (type == DispatcherType.ERROR) {
                wrapper.errorPageAt(pathOf(request)); // the error page's path decides, as on the other containers
            }
        }
        chain.doFilter(finishingRequest(request, wrapper), response);
        if (type == DispatcherType.FORWARD && !wrapper.writtenByDispatch()) {
            // The forward wrote into a buffer of a filter around it (SiteMesh's decorator), which writes the page here
            // afterwards: finished now, the page was cut at the content's Content-Length (a trial). It goes on, and the
            // invocation that wrapped the response finishes it.
            return;
        }
        // The response ends with this dispatch; after a forward the container closes it behind the wrapper's back.
        completeWhenDone(request, wrapper, response);
    }

    /** Only a request that may go async needs the wrapper that finishes the response before complete(). */
    private static HttpServletRequest finishingRequest(HttpServletRequest request, InjectingResponseWrapper wrapper) {
        if (!request.isAsyncSupported() || AsyncFinishingRequest.isWrapping(request)) {
            return request;
        }
        return new AsyncFinishingRequest(request, wrapper);
    }

    /**
     * Releases held bytes now, or (as a fallback to the request's finishing {@code complete()}) when the async work
     * completes, times out or fails.
     */
    private static void completeWhenDone(HttpServletRequest request, InjectingResponseWrapper wrapper) throws IOException {
        completeWhenDone(request, wrapper, wrapper);
    }

    /** The same, committing through {@code outer}, the dispatch's response, so the wrappers around the wrapper see it. */
    private static void completeWhenDone(HttpServletRequest request, InjectingResponseWrapper wrapper, ServletResponse outer)
            throws IOException {
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new FinishingListener(wrapper));
        } else {
            wrapper.finish(outer);
        }
    }

    /**
     * The filter's own listener on the container's {@code AsyncContext}. Listeners added through the filter's
     * context get events that carry it, so their {@code complete()} finishes the response first; this one covers the
     * rest. On Jetty {@code onComplete} runs after the response is closed, so a listener that completes the
     * container's context directly (one a framework outside the filter added, say) would lose the held bytes: on
     * timeout and error they are released here, after the listeners added before this one (those the application
     * added while its servlet ran) have written and completed.
     */
    private static final class FinishingListener implements AsyncListener {
        private final InjectingResponseWrapper wrapper;

        FinishingListener(InjectingResponseWrapper wrapper) {
            this.wrapper = wrapper;
        }

        @Override
        public void onComplete(AsyncEvent event) throws IOException {
            wrapper.finish();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            releaseQuietly();
        }

        @Override
        public void onError(AsyncEvent event) {
            releaseQuietly();
        }

        private void releaseQuietly() {
            try {
                wrapper.releaseHeld();
            } catch (IOException | RuntimeException e) {
                // The response may be broken already; the container reports what happened to it.
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    private static void finishQuietly(InjectingResponseWrapper wrapper) {
        try {
            wrapper.failed();
            wrapper.finish();
        } catch (IOException | RuntimeException e) {
            // The request already failed; its own exception is the one to report.
        }
    }

    private static @Nullable InjectingResponseWrapper findWrapper(ServletResponse response) {
        ServletResponse r = response;
        while (true) {
            if (r instanceof InjectingResponseWrapper w) {
                return w;
            }
            if (r instanceof ServletResponseWrapper w) {
                r = w.getResponse();
            } else {
                return null;
            }
        }
    }

    /** The path inside the application, decoded and normalised by the container. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo();
        // joined only when both have a part: a new string per request was a tenth of what the filter allocated
        String path = pathInfo == null || pathInfo.isEmpty() ? servletPath
                : servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }
}

package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.bridge.BridgeError;
import io.github.embeddable4j.core.login.LoginAuthorization;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.LoginRequests;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * "Sign in once" in a WebFlux application, as {@code LoginHandoffServlet} does it in a servlet one (core's
 * {@link LoginEndpoints} decides, this filter reads the exchange and its {@code WebSession}):
 * <ul>
 * <li>the connect path ({@code GET /ringcentral/connect?return=/contacts}): for the signed-in user, a 302 to
 * RingCentral's authorize page with a new state kept in the session and an S256 PKCE challenge;</li>
 * <li>the widget's redirect URI: an answer to one of those states keeps the code, unexchanged, for the next page
 * and sends the browser back; any other request there is the widget's own login popup landing, and gets the widget's
 * redirect page.</li>
 * </ul>
 * The next HTML page of that session that gets the widget carries the code once: hand this filter to
 * {@link EmbeddableWebFilter#withLoginHandoff}. Runs right after Spring Security's filters, where the exchange's
 * principal is the user's.
 *
 * <pre>{@code
 * @Bean EmbeddableLoginWebFilter login(Embeddable embeddable) {
 *     return new EmbeddableLoginWebFilter(LoginEndpoints.builder(embeddable).serverKey(key).build(),
 *             exchange -> exchange.getPrincipal().map(Principal::getName));
 * }
 * }</pre>
 */
public final class EmbeddableLoginWebFilter implements WebFilter, Ordered {

    /** The exchange as the filters before this one (Spring Security's) left it: its principal is the user's. */
    private static final String EXCHANGE_ATTRIBUTE = EmbeddableLoginWebFilter.class.getName() + ".exchange";
    private static final System.Logger LOG = System.getLogger("io.github.embeddable4j");
    /** Context paths whose callback path was worked out; a few at most (one per base path), so bounded. */
    private static final int MAX_CONTEXTS = 16;

    private final LoginEndpoints endpoints;
    private final ReactiveAppUserResolver appUser;
    private final RedirectPage redirectPage;
    private final byte[] redirectBody;
    private final Map<String, Optional<String>> callbacks = new ConcurrentHashMap<>();
    private final AtomicBoolean pageFailureLogged = new AtomicBoolean();
    private final AtomicBoolean connectFailureLogged = new AtomicBoolean();
    private final AtomicBoolean lookupFailureLogged = new AtomicBoolean();
    /** Right after Spring Security's {@code WebFilterChainProxy} ({@code -100}), so its principal is known. */
    static final int DEFAULT_ORDER = -100 + 2;

    private int order = DEFAULT_ORDER;
    private boolean connectOnLogin;
    private @Nullable ReactiveEmbeddableSelector selector;
    private final Map<Embeddable, Map.Entry<RedirectPage, byte[]>> selectedPages = EmbeddableRedirectPageWebFilter.selectedPages();

    /**
     * In an application serving several tenants ({@link EmbeddableWebFilter#withSelector}): the redirect URI's path
     * serves each exchange the redirect page of the widget {@code selector} picks (404 where it picks none). Sign in
     * once serves each tenant with its own widget's app ({@link LoginEndpoints#forWidget}); where the selector picks
     * no widget, or one that cannot sign in once, its connect path and callback answer 404 and a sign-in's connect
     * waits. Call it before the first request.
     */
    public EmbeddableLoginWebFilter withSelector(ReactiveEmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * Sign in once for the exchange's page: this filter's endpoints, another tenant's ({@link LoginEndpoints#forWidget}),
     * or null where the selector picks no widget, or one that cannot sign in once. For a "Connect RingCentral" link of
     * one's own, shown only where it leads somewhere.
     *
     * <pre>{@code LoginEndpoints login = loginFilter.endpointsFor(exchange); // null: no connect link on this page}</pre>
     */
    public @Nullable LoginEndpoints endpointsFor(ServerWebExchange exchange) {
        ReactiveEmbeddableSelector chooser = selector;
        if (chooser == null) {
            return endpoints;
        }
        Embeddable picked = EmbeddableWebFilter.selected(chooser, exchange);
        return picked == null ? null : endpoints.forWidget(picked);
    }

    /** A site without sign in once: a page for a browser sent there, else the short JSON error. */
    private static Mono<Void> notHere(ServerWebExchange exchange, String context) {
        if (LoginRequests.wantsPage(exchange.getRequest().getHeaders()::getFirst)) {
            return answer(exchange, LoginEndpoints.notSetUpHere(context));
        }
        return EmbeddableBridgeWebFilter.error(exchange, new BridgeError(404, "not-found",
                "Sign in once is not set up for this site."));
    }

    private static boolean isGetOrHead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /**
     * @param endpoints what sign in once decides: its settings and the session's state
     * @param appUser   who is signed in to the application
     */
    public EmbeddableLoginWebFilter(LoginEndpoints endpoints, ReactiveAppUserResolver appUser) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.appUser = Objects.requireNonNull(appUser, "appUser");
        this.redirectPage = RedirectPage.of(endpoints.embeddable());
        this.redirectBody = redirectPage.bytes();
    }

    /** What this filter asks core to decide. */
    public LoginEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Where the filter runs among the others; by default right after Spring Security's ({@code -100}). */
    public void setOrder(int order) {
        this.order = order;
    }

    /**
     * Call when the application's user signs out: the next page that gets the widget tells it to log its RingCentral
     * user out too (a cookie, since the session is usually gone by then). Sign in once's page script acts on it: with
     * sign in once off, nothing does. Fits a Spring Security
     * {@code ServerLogoutHandler}, next to the one that clears the security context (a handler set alone replaces it):
     *
     * <pre>{@code .logout(l -> l.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
     *         (exchange, auth) -> EmbeddableLoginWebFilter.logOutWidget(exchange.getExchange()))))}</pre>
     */
    public static Mono<Void> logOutWidget(ServerWebExchange exchange) {
        return Mono.fromRunnable(() -> addLogoutCookie(exchange));
    }

    /**
     * Answers the connect-on-login mark {@link #signedIn} leaves with {@code connect}: the browser's next visit of a
     * page by the signed-in user goes to the connect path and comes back ({@code login.connect-on-login}; with
     * reactive Spring Security's sessions, {@link SpringSecuritySignInWebFilter} answers first). Off by default: it
     * looks at the session of every request that has cookies.
     */
    public void setConnectOnLogin(boolean connectOnLogin) {
        this.connectOnLogin = connectOnLogin;
    }

    /**
     * Call from your own sign-in handler once the application's user is known (without Spring Security, whose form
     * login and {@code oauth2Login} the starter follows itself): when someone other than the user who signed in last
     * in this session signs in over it, the session's sign-in state is forgotten and the next page's widget is asked
     * to log out (their RingCentral login, kept by the widget in this browser, must not serve the new user); with
     * {@code connect}, the next page visit goes through the connect path ({@link #setConnectOnLogin}); with a
     * {@link #withSelector selector}, only where the sign-in's widget can sign in once
     * ({@link LoginEndpoints#connectsAtSignIn}). The same user again changes nothing. Emits whether the widget is asked
     * to log out.
     *
     * <pre>{@code exchange.getSession().flatMap(s -> s.changeSessionId().then(Mono.fromRunnable(() -> s.getAttributes().put("user", name))))
     *         .then(login.signedIn(exchange, name, true))}</pre>
     */
    public Mono<Boolean> signedIn(ServerWebExchange exchange, String user, boolean connect) {
        Objects.requireNonNull(user, "user");
        ReactiveEmbeddableSelector chooser = selector;
        boolean connects = connect
                && (chooser == null || endpoints.connectsAtSignIn(EmbeddableWebFilter.selected(chooser, exchange)));
        return exchange.getSession().map(session -> {
            boolean logOut = endpoints.signedIn(new WebSessionAttributes(session), user, connects);
            if (logOut) {
                addLogoutCookie(exchange);
            }
            return logOut;
        });
    }

    /**
     * Call from your own sign-out handler, before the session is invalidated: forgets the session's sign-in state and
     * asks the next page's widget to log its RingCentral user out (a cookie, which outlives the session).
     */
    public Mono<Void> signedOut(ServerWebExchange exchange) {
        return exchange.getSession().doOnNext(session -> {
            endpoints.signedOut(new WebSessionAttributes(session));
            addLogoutCookie(exchange);
        }).then();
    }

    private static void addLogoutCookie(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().add(HttpHeaders.SET_COOKIE,
                WidgetLogoutCookie.setCookieHeader("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String context = request.getPath().contextPath().value();
        String path = request.getPath().pathWithinApplication().value();
        String method = request.getMethod().name();
        if (path.equals(callbackPath(context))) {
            EmbeddableWebFilter.skip(exchange); // the widget never loads in its login popup or on these short pages
            String state = request.getQueryParams().getFirst("state");
            if (!LoginAuthorization.isServerState(state)) {
                ReactiveEmbeddableSelector chooser = selector;
                return chooser != null && isGetOrHead(method) // another tenant's widget may log in here too
                        ? EmbeddableRedirectPageWebFilter.serveSelected(exchange, chooser, selectedPages, "EmbeddableLoginWebFilter")
                        : EmbeddableRedirectPageWebFilter.serve(exchange, redirectPage, redirectBody); // GET, HEAD, else 405
            }
            if (!method.equals("GET")) {
                return methodNotAllowed(exchange, "GET");
            }
            LoginEndpoints theirs = endpointsFor(exchange);
            return theirs == null ? notHere(exchange, context) : callback(exchange, theirs, context, state);
        }
        if (path.equals(endpoints.connectPath())) {
            EmbeddableWebFilter.skip(exchange);
            if (!method.equals("GET")) {
                return methodNotAllowed(exchange, "GET");
            }
            LoginEndpoints theirs = endpointsFor(exchange); // null: a tenant without RingCentral or sign in once
            return theirs == null ? notHere(exchange, context) : connect(exchange, theirs, context);
        }
        exchange.getAttributes().put(EXCHANGE_ATTRIBUTE, exchange);
        if (connectOnLogin && !request.getCookies().isEmpty() && endpointsFor(exchange) != null) { // no cookie, no session: nothing marked
            return connectRedirect(exchange, context, path).flatMap(to -> {
                ServerHttpResponse response = exchange.getResponse();
                response.setStatusCode(HttpStatus.FOUND);
                LoginEndpoints.REDIRECT_HEADERS.forEach(response.getHeaders()::set);
                response.getHeaders().set(HttpHeaders.LOCATION, to);
                return response.setComplete().thenReturn(Boolean.TRUE);
            }).switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(Boolean.FALSE))).then();
        }
        return chain.filter(exchange);
    }

    /** Where a marked session's page visit goes ({@link LoginEndpoints#takeConnectRedirect}), for a signed-in user. */
    private Mono<String> connectRedirect(ServerWebExchange exchange, String context, String path) {
        ServerHttpRequest request = exchange.getRequest();
        return exchange.getSession().filter(session -> endpoints.isConnectPending(new WebSessionAttributes(session)))
                .flatMap(session -> Mono.defer(() -> appUser.appUserId(exchange)).flatMap(user ->
                        Mono.justOrEmpty(endpoints.takeConnectRedirect(new WebSessionAttributes(session), context, path,
                                request.getURI().getRawQuery(), request.getMethod().name(), request.getHeaders()::getFirst))))
                .onErrorResume(e -> { // a session store or user lookup that fails: the page goes on without connecting
                    if (connectFailureLogged.compareAndSet(false, true)) {
                        LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a page could not look for a"
                                + " connect-on-login mark (its session or user could not be had), so it did not connect"
                                + " (logged once): " + e, e);
                    }
                    return Mono.empty();
                });
    }

    /** The callback's path in this context, or null when the redirect URI is not inside it. */
    private @Nullable String callbackPath(String context) {
        Optional<String> known = callbacks.get(context);
        if (known == null) {
            try {
                known = Optional.of(endpoints.callbackPathIn(context));
            } catch (IllegalArgumentException e) {
                known = Optional.empty(); // a base path the redirect URI is not under: no callback there
            }
            if (callbacks.size() < MAX_CONTEXTS) {
                callbacks.putIfAbsent(context, known);
            }
        }
        return known.orElse(null);
    }

    private Mono<Optional<String>> externalAuthId(ServerWebExchange exchange) {
        return Mono.defer(() -> appUser.appUserId(exchange))
                .map(user -> Optional.ofNullable(endpoints.externalAuthIdOf(user)))
                .defaultIfEmpty(Optional.empty())
                .onErrorMap(e -> !(e instanceof LookupFailed), LookupFailed::new);
    }

    private Mono<Void> connect(ServerWebExchange exchange, LoginEndpoints endpoints, String context) {
        ServerHttpRequest request = exchange.getRequest();
        endpoints.warnOfSessionCookie(request.getURI().getScheme(), request.getURI().getHost(), port(request));
        String requested = request.getQueryParams().getFirst("return");
        return externalAuthId(exchange).zipWith(exchange.getSession()).flatMap(found -> answer(exchange,
                endpoints.connect(context, found.getT1().orElse(null), requested,
                        () -> new WebSessionAttributes(found.getT2()))))
                .onErrorResume(LookupFailed.class, e -> lookupFailed(exchange, context, e, "the connect path answered 503"));
    }

    /** A failure of the application's user lookup, told apart from a failure of writing the answer. */
    private static final class LookupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LookupFailed(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    private Mono<Void> lookupFailed(ServerWebExchange exchange, String context, LookupFailed e, String consequence) {
        if (lookupFailureLogged.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: the ReactiveAppUserResolver failed, so "
                    + consequence + " (logged once): " + e.getCause(), e.getCause());
        }
        return answer(exchange, endpoints.userLookupFailed(context));
    }

    private static int port(ServerHttpRequest request) {
        int port = request.getURI().getPort();
        return port != -1 ? port : "https".equalsIgnoreCase(request.getURI().getScheme()) ? 443 : 80;
    }

    private Mono<Void> callback(ServerWebExchange exchange, LoginEndpoints endpoints, String context,
            @Nullable String state) {
        var query = exchange.getRequest().getQueryParams();
        LoginEndpoints.Callback callback = new LoginEndpoints.Callback(state, query.getFirst("code"),
                query.getFirst("error"), query.getFirst("error_description"));
        // a session made for this request is none: the browser brought no session cookie (a SameSite=Strict one, say)
        return externalAuthId(exchange).zipWith(exchange.getSession()).flatMap(found -> answer(exchange,
                endpoints.callback(context, found.getT2().isStarted() ? new WebSessionAttributes(found.getT2()) : null,
                        callback, found.getT1().orElse(null))))
                .onErrorResume(LookupFailed.class, e -> lookupFailed(exchange, context, e,
                        "RingCentral's answer at the redirect URI got a 503")); // the sign-in stays open: a reload completes it
    }

    private static Mono<Void> answer(ServerWebExchange exchange, LoginEndpoints.Answer answer) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        if (answer instanceof LoginEndpoints.Redirect redirect) {
            LoginEndpoints.REDIRECT_HEADERS.forEach(headers::set);
            headers.set(HttpHeaders.LOCATION, redirect.location());
            return response.setComplete();
        }
        LoginEndpoints.Page page = (LoginEndpoints.Page) answer;
        byte[] body = page.page().bytes();
        page.page().headers().forEach(headers::set);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static Mono<Void> methodNotAllowed(ServerWebExchange exchange, String allow) {
        return EmbeddableBridgeWebFilter.error(exchange, BridgeError.methodNotAllowed(allow));
    }

    // ---- for the page: EmbeddableWebFilter ---------------------------------------------------------------------

    /**
     * What a page gets from sign in once: the handoff it took (or null) and whether it carries the sign-out mark to its
     * widget (to log out the login it restores, or, with a handoff, to end once the widget reports that login).
     */
    record PageLogin(LoginEndpoints.@Nullable Reservation reservation, boolean signOutMarked) {
        static final PageLogin NONE = new PageLogin(null, false);
    }

    /**
     * At the first write of a page that gets the widget (its headers still open): takes the session's waiting handoff
     * for the user and marks the page {@code no-store}, or, with none, takes the widget-logout mark (a cookie, cleared).
     * Pages a script fetched take neither ({@link LoginRequests#isPageLoad}: htmx drops their head, where they would
     * go, and a {@code fetch()} runs nothing). A request without any cookie has neither, and is not made a session.
     *
     * @param widget the page's widget: this filter's, or another tenant's ({@link LoginEndpoints#forWidget}); one
     *               without sign in once takes the logout mark only (it may keep a login made in its own popup)
     * @param bridge whether the page gets the bridge script, which carries the logout to the widget: without it the
     *               mark waits (as the servlet filter lets it)
     */
    Mono<PageLogin> forPage(ServerWebExchange page, Embeddable widget, boolean bridge) {
        LoginEndpoints endpoints = this.endpoints.forWidget(widget);
        if (!LoginRequests.isPageLoad(page.getRequest().getHeaders()::getFirst)
                || page.getRequest().getCookies().isEmpty()) {
            // No cookie, no session to find, nor the logout mark: asking WebFlux would make a session, on another pool.
            return Mono.just(PageLogin.NONE);
        }
        if (endpoints == null) {
            return Mono.fromSupplier(() -> new PageLogin(null, bridge && widgetLogoutMarked(page)));
        }
        ServerWebExchange secured = page.getAttributeOrDefault(EXCHANGE_ATTRIBUTE, page);
        return secured.getSession().flatMap(session -> {
            WebSessionAttributes attributes = new WebSessionAttributes(session);
            Mono<LoginEndpoints.Reservation> taken = !endpoints.hasWaitingHandoff(attributes) ? Mono.empty()
                    : externalAuthId(secured).mapNotNull(id -> endpoints.takeHandoff(attributes, () -> id.orElse(null)));
            return taken.map(reservation -> {
                HttpHeaders headers = page.getResponse().getHeaders(); // a page with a one-time code is never kept
                LoginRequests.noStoreHeaders(headers::getFirst).forEach(headers::set);
                // and stays so whatever the application sets at commit (its beforeCommit came before this first write,
                // so this one runs after it), as the servlet wrapper keeps it (a review's CDN header won)
                page.getResponse().beforeCommit(() -> Mono.fromRunnable(
                        () -> LoginRequests.noStoreHeaders(headers::getFirst).forEach(headers::set)));
                // a page carrying a login logs nothing out (a logout would end that login): the mark ends once the
                // widget reports it; left before, the next page logs out whatever login its widget restores
                return new PageLogin(reservation, bridge && widgetLogoutMarked(page));
            }).switchIfEmpty(Mono.fromSupplier(() -> new PageLogin(null, bridge && widgetLogoutMarked(page))));
        }).onErrorResume(e -> { // a session store or user resolver that fails: the page still gets the widget
            if (pageFailureLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a page could not look for a login handoff"
                        + " (its session or user could not be had), so it went without one (logged once): " + e, e);
            }
            return Mono.just(PageLogin.NONE);
        });
    }

    /**
     * Whether the request asks its widget to log out. The mark stays until the page's script saw the widget act on it
     * ({@link WidgetLogoutCookie}): a page left before its widget loaded would lose it.
     */
    private static boolean widgetLogoutMarked(ServerWebExchange exchange) {
        return exchange.getRequest().getCookies().getFirst(WidgetLogoutCookie.NAME) != null;
    }
}

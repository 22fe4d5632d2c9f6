package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.IframeOptions;
import io.github.embeddable4j.core.WidgetSelection;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.core.inject.PageRequests;
import io.github.embeddable4j.core.inject.PolicyNonceWarning;
import io.github.embeddable4j.core.login.LoginEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Puts the RingCentral Embeddable loader on every HTML page of a WebFlux application, as the servlet filter does for
 * servlet applications (and, {@link #withBridge with the bridge}, the script that forwards the widget's events to the
 * server): its {@code <script>} (with the exchange's CSP nonce) goes before {@code </head>} of
 * {@code text/html} and {@code application/xhtml+xml} responses with status 200-203 to GET (and HEAD) requests, streaming, buffer by
 * buffer; everything else passes through unchanged (see {@link InjectionRules}). The starter registers one in a
 * reactive web application; to build one yourself:
 *
 * <pre>{@code @Bean EmbeddableWebFilter widget(Embeddable embeddable) { return new EmbeddableWebFilter(embeddable, InjectionRules.defaults(), List.of()); }}</pre>
 *
 * <p>Declared so (not as a {@code WebFilter}), the starter sees it and registers none of its own (then events, the
 * CRM and sign in once need {@link #withBridge} and {@link #withLoginHandoff} on it). Where two run, the first whose
 * rules take an exchange serves it, and the other passes it on.
 *
 * <p>A page that places the widget itself calls {@link #skip}, or takes it as its own frame from {@link #iframe}. The
 * nonce is the one in the response's own {@code Content-Security-Policy} header when the page set one, else an exchange
 * attribute's (the configured names, then {@code _csp_nonce} and {@code cspNonce}). Error pages rendered by WebFlux's exception handlers are written after
 * the filter chain has ended, so they get no widget, unless {@link #withErrorPages} hands them to the filter.
 */
public final class EmbeddableWebFilter implements WebFilter, Ordered {

    /** Set on an exchange by the first page filter that runs for it; another passes it on. */
    private static final String FILTERED_ATTRIBUTE = EmbeddableWebFilter.class.getName() + ".filtered";
    /** The slot for a login that {@link #iframe} puts into the page, settled by the filter when the page is done. */
    private static final String INLINE_LOGIN_ATTRIBUTE = EmbeddableWebFilter.class.getName() + ".inlineLogin";

    private final Embeddable embeddable;
    private final InjectionRules rules;
    private final List<String> nonceAttributes;
    /** Says once when a page's policy refuses the widget's tags. */
    private final PolicyNonceWarning nonceWarning = new PolicyNonceWarning();
    private PageSnippets snippets;
    private @Nullable ReactiveEmbeddableSelector selector;
    /** The snippets of the other widgets the selector chose, by identity, the most recently used kept. */
    private final Map<Embeddable, PageSnippets> otherWidgets = WidgetSelection.recentlyUsed();
    private @Nullable EmbeddableLoginWebFilter login;
    private @Nullable String bridgeMount;
    private Supplier<? extends List<? extends WebExceptionHandler>> errorPages = List::of;
    private volatile @Nullable List<? extends WebExceptionHandler> errorPageHandlers;
    private int order = Ordered.HIGHEST_PRECEDENCE + 100;

    /**
     * @param nonceAttributes exchange attributes to look for the CSP nonce in, before {@code _csp_nonce} and
     *     {@code cspNonce}
     */
    public EmbeddableWebFilter(Embeddable embeddable, InjectionRules rules, List<String> nonceAttributes) {
        this.embeddable = Objects.requireNonNull(embeddable, "embeddable");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.nonceAttributes = List.copyOf(nonceAttributes);
        this.snippets = PageSnippets.loaderOnly(embeddable);
    }

    /**
     * Also puts the bridge script on every page that gets the widget, as the page's bridge to an
     * {@link EmbeddableBridgeWebFilter} mounted at {@code mount}: its glue forwards the widget events of
     * {@code eventTypes} (asked for at the first page, when the application's listeners are known) and, with
     * {@code service}, registers the application's third-party service and relays the widget's call-outs to it. Without
     * either, no bridge is added. {@code csrf} finds the token the application's POSTs need. Call it before the first
     * request. Like every {@code with...} method of the filter, it configures this filter and returns it (for
     * chaining), not a copy.
     *
     * <pre>{@code filter.withBridge("/embeddable4j", dispatcher::subscribedTypes, false, CsrfTokenSource.none())}</pre>
     */
    public EmbeddableWebFilter withBridge(String mount, Supplier<? extends Collection<String>> eventTypes, boolean service,
            CsrfTokenSource csrf) {
        PageSnippets bridged = PageSnippets.withBridge(embeddable, Objects.requireNonNull(mount, "mount"),
                Objects.requireNonNull(eventTypes, "eventTypes"), service, Objects.requireNonNull(csrf, "csrf"));
        this.snippets = login == null ? bridged : bridged.withLogin();
        this.bridgeMount = mount;
        return this;
    }

    /** Whether pages get the bridge's script ({@link #withBridge}): without it no widget event or call-out leaves them. */
    public boolean hasBridge() {
        return bridgeMount != null;
    }

    /** Whether pages carry sign in once's login ({@link #withLoginHandoff}). */
    public boolean hasLoginHandoff() {
        return login != null;
    }

    /**
     * Renders the widget on the next HTML page of a session with the login handoff {@code login} caught at the
     * redirect URI, once: that page gets {@code Cache-Control: no-store}, and the handoff is gone once the snippet is
     * in it; a page that does not get the snippet leaves it for the next. With the bridge on, a page also tells the
     * widget to log out after {@link EmbeddableLoginWebFilter#logOutWidget}. The login filter must be for this
     * filter's widget and be registered too. Call it before the first request; it configures this filter and returns it.
     *
     * <pre>{@code filter.withLoginHandoff(loginFilter)}</pre>
     *
     * @throws IllegalArgumentException when the login filter is for a widget with another redirect URI
     */
    public EmbeddableWebFilter withLoginHandoff(EmbeddableLoginWebFilter login) {
        if (!login.endpoints().embeddable().redirectUri().equals(embeddable.redirectUri())) {
            throw new IllegalArgumentException("EmbeddableWebFilter: the login filter is for a widget with redirectUri "
                    + login.endpoints().embeddable().redirectUri() + ", but this filter renders one with "
                    + embeddable.redirectUri() + "; build its LoginEndpoints from this filter's Embeddable.");
        }
        this.login = login;
        this.snippets = snippets.withLogin();
        return this;
    }

    /**
     * Keeps the widget off this exchange's response, for the page's own reasons (it places the widget itself, say);
     * call before the response is written. When the reason is who asks, use {@link #skipForVisitor}.
     */
    public static void skip(ServerWebExchange exchange) {
        exchange.getAttributes().put(InjectionRules.SKIP_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * Keeps the widget off this response because of who asks (a visitor who has not signed in), on a page another
     * visitor gets with the widget: the page then goes out without its validators, so no 304 keeps this copy once its
     * user should have the widget.
     */
    public static void skipForVisitor(ServerWebExchange exchange) {
        skip(exchange);
        exchange.getAttributes().put(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * With {@link InjectionRules#errorPages()} ({@code inject.error-pages}): the exception handlers that render error
     * pages (Spring Boot's error page among them), asked in order, as WebFlux asks them, but inside this filter and
     * through its response, so that the pages they render get the widget as a servlet container's error pages do.
     * WebFlux itself runs them after the filter chain has ended, where no filter sees the page. The list is asked for at
     * the first error. A handler that declines leaves the error to the next, and to WebFlux after the last.
     *
     * <pre>{@code filter.withErrorPages(() -> List.of(errorWebExceptionHandler))}</pre>
     */
    public EmbeddableWebFilter withErrorPages(Supplier<? extends List<? extends WebExceptionHandler>> handlers) {
        this.errorPages = Objects.requireNonNull(handlers, "handlers");
        return this;
    }

    /**
     * Lets each exchange's page get the widget {@code selector} picks, for an application that serves several tenants,
     * or none when it answers null: as the servlet filter's {@code withSelector}. This filter's own widget is the
     * default the selector may return, and the one sign in once is built with (it serves other tenants too,
     * {@link LoginEndpoints#forWidget}). Call it before the first request.
     *
     * <pre>{@code filter.withSelector(exchange -> tenants.widgetFor(exchange.getRequest().getURI().getHost()))}</pre>
     */
    public EmbeddableWebFilter withSelector(ReactiveEmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /**
     * What {@code selector} picks for the exchange, asked once per exchange, so a page and its redirect page agree;
     * null for none, or when the selector throws (said once per selector in the log).
     */
    public static @Nullable Embeddable selected(ReactiveEmbeddableSelector selector, ServerWebExchange exchange) {
        return WidgetSelection.once(selector, exchange.getAttributes()::get, exchange.getAttributes()::put,
                () -> selector.select(exchange));
    }

    /**
     * The widget as an {@code <iframe>} for a page that places it itself, with what the filter gives its own pages: the
     * bridge's script pointed at that frame (so its events and the CRM's call-outs reach the server), a waiting sign in
     * once login, the sign-out mark. The page is kept from the floating widget ({@link #skip}). Put it in the model,
     * which WebFlux resolves before the template is written, once per page, and write it unescaped:
     *
     * <pre>{@code model.addAttribute("phone", pageFilter.iframe(exchange, IframeOptions.defaults().withId("phone"))); // <div th:utext="${phone}"></div>}</pre>
     *
     * <p>Empty where the selector gives this page no widget, or where the visitor is kept from it (not signed in, with
     * Spring Security and {@code inject.anonymous} false). The frame's id is {@code options}' or {@code <prefix>-iframe}.
     * What is read of the page is read as WebFlux resolves the model, after your handler ran: the script's nonce is that
     * of the policy header set by then, else an exchange attribute's (as the filter looks for one; a header added as the
     * response commits comes too late). A login goes into a page this filter serves (its paths), and counts as delivered
     * once that page went out with a 2xx status; a redirect, or an error before anything was sent (a model value that
     * failed), gives it back for the next page. A page that resolves the value but does not show it (a false
     * {@code th:if}) spends it all the same: put it in the model only for a page that shows it.
     */
    public Mono<String> iframe(ServerWebExchange exchange, IframeOptions options) {
        Objects.requireNonNull(options, "options");
        skip(exchange);
        return Mono.defer(() -> {
            if (exchange.getAttribute(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE) != null) {
                return Mono.just(""); // a visitor the application keeps from the widget (not signed in)
            }
            ReactiveEmbeddableSelector chooser = selector;
            Embeddable widget = chooser == null ? embeddable : selected(chooser, exchange);
            if (widget == null) {
                return Mono.just("");
            }
            IframeOptions frame = options.id() != null ? options : options.withId(widget.config().prefix() + "-iframe");
            HttpHeaders headers = exchange.getResponse().getHeaders();
            List<String> policies = new ArrayList<>(InjectingServerHttpResponse.policies(headers, false));
            String policyNonce = PageRequests.policyNonce(policies, InjectingServerHttpResponse.policies(headers, true));
            String nonce = policyNonce != null ? policyNonce : PageRequests.nonce(nonceAttributes, exchange.getAttributes()::get);
            policies.addAll(InjectingServerHttpResponse.policies(headers, true));
            nonceWarning.check(policies, nonce);
            PageSnippets pageSnippets = snippetsFor(widget);
            // the login's slot of the page this filter serves (none for a HEAD, or a page outside its paths)
            AtomicReference<EmbeddableLoginWebFilter.@Nullable PageLogin> slot = exchange.getAttribute(INLINE_LOGIN_ATTRIBUTE);
            EmbeddableLoginWebFilter signIn = slot == null ? null : login;
            if (signIn == null || slot == null) {
                return pageSnippets.text(exchange, nonce, EmbeddableLoginWebFilter.PageLogin.NONE, frame);
            }
            boolean bridge = pageSnippets.bridge(exchange.getRequest().getPath().contextPath().value()) != null;
            return signIn.forPage(exchange, widget, bridge).flatMap(pageLogin -> {
                LoginEndpoints.Reservation reservation = pageLogin.reservation();
                EmbeddableLoginWebFilter.PageLogin carried = pageLogin;
                if (reservation != null && !slot.compareAndSet(null, pageLogin)) {
                    reservation.giveBack(false); // a second frame on the page: the first carries the login
                    carried = new EmbeddableLoginWebFilter.PageLogin(null, pageLogin.signOutMarked());
                }
                return pageSnippets.text(exchange, nonce, carried, frame);
            });
        });
    }

    /** The widget this filter injects. */
    public Embeddable embeddable() {
        return embeddable;
    }

    /** The rules this filter follows. */
    public InjectionRules rules() {
        return rules;
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Where the filter runs among the others; by default early, before Spring Security's (-100). */
    public void setOrder(int order) {
        this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String method = request.getMethod().name();
        String path = request.getPath().pathWithinApplication().value();
        // HEAD runs as GET would, its body discarded by WebFlux: the length it counts is then the GET body's.
        if (!rules.appliesTo("HEAD".equals(method) ? "GET" : method, path)
                || Boolean.TRUE.equals(exchange.getAttribute(InjectionRules.SKIP_ATTRIBUTE))) {
            return chain.filter(exchange);
        }
        ReactiveEmbeddableSelector chooser = selector;
        Embeddable widget = chooser == null ? embeddable : selected(chooser, exchange);
        if (widget == null) {
            return chain.filter(exchange); // the selector gave this page no widget
        }
        // One page filter takes an exchange: the first whose rules take it (two filters of an application's with rules
        // of their own each serve their pages). An application's own filter declared as a WebFilter, which the
        // starter's @ConditionalOnMissingBean cannot see, with the starter's put the loader on every page twice (the
        // starter warns of the pair at start-up)
        if (exchange.getAttributes().putIfAbsent(FILTERED_ATTRIBUTE, Boolean.TRUE) != null) {
            return chain.filter(exchange);
        }
        PageSnippets pageSnippets = snippetsFor(widget);
        EmbeddableLoginWebFilter signIn = "HEAD".equals(method) ? null : login; // a HEAD spends no login
        AtomicReference<EmbeddableLoginWebFilter.PageLogin> taken = new AtomicReference<>();
        AtomicReference<EmbeddableLoginWebFilter.@Nullable PageLogin> inline = new AtomicReference<>();
        if (signIn != null) {
            exchange.getAttributes().put(INLINE_LOGIN_ATTRIBUTE, inline);
        }
        Function<@Nullable String, Mono<String>> snippet = signIn == null
                ? nonce -> pageSnippets.text(exchange, nonce, EmbeddableLoginWebFilter.PageLogin.NONE)
                : nonce -> signIn.forPage(exchange, widget,
                        pageSnippets.bridge(exchange.getRequest().getPath().contextPath().value()) != null)
                        .flatMap(pageLogin -> {
                    taken.set(pageLogin);
                    return pageSnippets.text(exchange, nonce, pageLogin);
                });
        HttpHeaders headers = exchange.getResponse().getHeaders();
        Function<@Nullable String, Mono<String>> checked = nonce -> { // at the marker: the page's policy is known
            List<String> policies = new ArrayList<>(InjectingServerHttpResponse.policies(headers, false));
            policies.addAll(InjectingServerHttpResponse.policies(headers, true));
            nonceWarning.check(policies, nonce);
            return snippet.apply(nonce);
        };
        InjectingServerHttpResponse response = new InjectingServerHttpResponse(exchange.getResponse(),
                exchange.getAttributes(), checked, rules, nonceAttributes, "HEAD".equals(method));
        ServerHttpRequest page = fullPage(request, path);
        ServerWebExchange mutated = exchange.mutate().request(page).response(response).build();
        ServerWebExchange target = page == request ? mutated : new FullPageExchange(mutated);
        // (a later filter that throws rather than signalling: WebFlux's filter chain makes that an error signal too)
        Mono<Void> handled = chain.filter(target);
        handled = rules.errorPages() ? handled.onErrorResume(e -> errorPage(target, response, e)) : handled;
        return signIn == null ? handled : handled.doFinally(signal -> {
            settle(taken.get(), response, signal);
            settleInline(inline.get(), response, signal);
        });
    }

    /**
     * A widget's snippets: every widget's page takes sign in once's sign-out mark (a tenant's without it may keep its
     * popup's login), and another tenant's handoff where its widget has sign in once (forPage asks
     * LoginEndpoints.forWidget).
     */
    private PageSnippets snippetsFor(Embeddable widget) {
        boolean signsIn = login != null;
        return widget == embeddable ? snippets : otherWidgets.computeIfAbsent(widget, w -> snippets.forWidget(w, signsIn));
    }

    /**
     * When the page is done: a handoff in it is used for good; one that did not get in, or whose page failed before
     * anything was sent, waits for the next page.
     */
    private static void settle(EmbeddableLoginWebFilter.@Nullable PageLogin taken, InjectingServerHttpResponse response,
            SignalType signal) {
        LoginEndpoints.Reservation reservation = taken == null ? null : taken.reservation();
        if (reservation == null) {
            return;
        }
        boolean injected = response.snippetInjected();
        if (injected) {
            reservation.rendered();
        }
        if (!injected || signal != SignalType.ON_COMPLETE) {
            reservation.giveBack(response.isCommitted());
        }
    }

    /**
     * When a page with its own frame ({@link #iframe}) is done: the login in the frame is used for good once a 2xx page
     * went out; after a redirect, or an error before anything was sent, it waits for the next page.
     */
    private static void settleInline(EmbeddableLoginWebFilter.@Nullable PageLogin taken, InjectingServerHttpResponse response,
            SignalType signal) {
        LoginEndpoints.Reservation reservation = taken == null ? null : taken.reservation();
        if (reservation == null) {
            return;
        }
        org.springframework.http.HttpStatusCode status = response.getStatusCode();
        boolean delivered = response.isCommitted() && (status == null || status.is2xxSuccessful());
        if (delivered) {
            reservation.rendered();
        }
        if (!delivered || signal != SignalType.ON_COMPLETE) {
            reservation.giveBack(response.isCommitted()); // a page that failed after it went out keeps it used
        }
    }

    /** An error page rendered here, through the injecting response: see {@link #withErrorPages}. */
    private Mono<Void> errorPage(ServerWebExchange exchange, InjectingServerHttpResponse response, Throwable error) {
        List<? extends WebExceptionHandler> handlers = errorPageHandlers;
        if (handlers == null) {
            handlers = List.copyOf(errorPages.get());
            errorPageHandlers = handlers;
        }
        if (handlers.isEmpty() || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        response.restart(); // the error page is judged as itself, not as the page that failed
        Mono<Void> completion = Mono.error(error);
        for (WebExceptionHandler handler : handlers) {
            completion = completion.onErrorResume(e -> {
                // as WebFlux's ExceptionHandlingWebHandler does: observations and logs read the handled error here
                exchange.getAttributes().putIfAbsent(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION, e);
                return handler.handle(exchange, e);
            });
        }
        return completion;
    }

    /**
     * The exchange of a navigation whose conditional headers are hidden: WebFlux's {@code checkNotModified} reads the
     * original request's, so it must answer "modified" here too.
     */
    private static final class FullPageExchange extends ServerWebExchangeDecorator {
        FullPageExchange(ServerWebExchange delegate) {
            super(delegate);
        }

        @Override
        public boolean checkNotModified(Instant lastModified) {
            return false;
        }

        @Override
        public boolean checkNotModified(String etag) {
            return false;
        }

        @Override
        public boolean checkNotModified(@Nullable String etag, Instant lastModified) {
            return false;
        }
    }

    /**
     * A browser's navigation to a page, or any request for an HTML file, without its conditional and range headers
     * (see {@link PageRequests#losesConditionalHeaders}): a copy cached before the widget was added would get a 304.
     */
    private static ServerHttpRequest fullPage(ServerHttpRequest request, String path) {
        HttpHeaders headers = request.getHeaders();
        if (!PageRequests.isConditional(headers::getFirst) || !PageRequests.losesConditionalHeaders(headers::getFirst,
                MediaTypeFactory.getMediaType(path).map(MediaType::toString).orElse(null))) {
            return request;
        }
        HttpHeaders kept = new HttpHeaders();
        headers.forEach((name, values) -> {
            if (!PageRequests.isConditionalHeader(name)) {
                kept.addAll(name, values);
            }
        });
        HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(kept);
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return readOnly;
            }
        };
    }
}

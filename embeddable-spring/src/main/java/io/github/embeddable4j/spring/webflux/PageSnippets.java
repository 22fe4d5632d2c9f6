package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.BridgeScript;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.IframeOptions;
import io.github.embeddable4j.core.bridge.BridgeEndpoints;
import io.github.embeddable4j.core.login.LoginEndpoints;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What {@link EmbeddableWebFilter} puts into a page: the loader and, when the bridge is on and something needs it,
 * the bridge script with its URLs under the exchange's context path and the CSRF token the application's POSTs need.
 * Whether something needs it is asked at the first page, when every listener is known, as the servlet filter does.
 */
final class PageSnippets {

    /** Context paths whose bridge was built; a few at most (one per base path), so bounded. */
    private static final int MAX_CONTEXTS = 16;

    private final Embeddable embeddable;
    private final @Nullable String mount;
    private final Supplier<? extends Collection<String>> eventTypes;
    private final boolean service;
    private final CsrfTokenSource csrf;
    /** Whether sign in once is on: its widget logout needs the bridge script on every page. */
    private final boolean login;
    private volatile boolean csrfFailureLogged;
    private volatile @Nullable List<String> types;
    private final Map<String, Optional<BridgeScript>> bridges = new ConcurrentHashMap<>();

    private PageSnippets(Embeddable embeddable, @Nullable String mount, Supplier<? extends Collection<String>> eventTypes,
            boolean service, CsrfTokenSource csrf, boolean login) {
        this.embeddable = embeddable;
        this.mount = mount;
        this.eventTypes = eventTypes;
        this.service = service;
        this.csrf = csrf;
        this.login = login;
    }

    static PageSnippets loaderOnly(Embeddable embeddable) {
        return new PageSnippets(embeddable, null, List::of, false, CsrfTokenSource.none(), false);
    }

    static PageSnippets withBridge(Embeddable embeddable, String mount, Supplier<? extends Collection<String>> eventTypes,
            boolean service, CsrfTokenSource csrf) {
        BridgeEndpoints.requireMount(mount);
        return new PageSnippets(embeddable, mount, eventTypes, service, csrf, false);
    }

    /** The same snippets, with sign in once on: the bridge script is on every page, for the widget's logout. */
    PageSnippets withLogin() {
        return new PageSnippets(embeddable, mount, eventTypes, service, csrf, true);
    }

    /**
     * The same snippets for another widget (a tenant's, chosen by a selector): its loader and its bridge script, the
     * latter also for sign in once's sign-out mark when there is {@code login}, whether that widget signs in once or not.
     */
    PageSnippets forWidget(Embeddable widget, boolean login) {
        return new PageSnippets(widget, mount, eventTypes, service, csrf, login);
    }

    /** The bridge script of pages under this context path, if the bridge is on and something needs it. */
    @Nullable BridgeScript bridge(String contextPath) {
        String at = mount;
        if (at == null) {
            return null;
        }
        List<String> known = types;
        if (known == null) {
            known = List.copyOf(eventTypes.get());
            types = known;
        }
        if (known.isEmpty() && !service && !login) {
            return null;
        }
        Optional<BridgeScript> built = bridges.get(contextPath);
        if (built == null) {
            String base = contextPath + at;
            try {
                built = Optional.of(BridgeEndpoints.script(embeddable, base, known, service));
            } catch (IllegalArgumentException e) {
                built = Optional.empty(); // a context path that is no path on this origin: no bridge there
            }
            if (bridges.size() < MAX_CONTEXTS) {
                bridges.putIfAbsent(contextPath, built);
            }
        }
        return built.orElse(null);
    }

    /**
     * The snippet for this exchange's page, with its one-time login handoff or its widget logout: at once without a
     * bridge, after its CSRF token was found with one.
     */
    Mono<String> text(ServerWebExchange exchange, @Nullable String nonce, EmbeddableLoginWebFilter.PageLogin login) {
        return text(exchange, nonce, login, null);
    }

    /**
     * The same, with the widget as the page's own {@code frame} (the iframe form, its event script pointed at it)
     * instead of the loader, where {@code frame} is given.
     */
    Mono<String> text(ServerWebExchange exchange, @Nullable String nonce, EmbeddableLoginWebFilter.PageLogin login,
            @Nullable IframeOptions frame) {
        LoginEndpoints.Reservation reservation = login.reservation();
        String loader = frame != null
                ? reservation == null ? embeddable.iframeTag(frame) : embeddable.iframeTagWithLoginHandoff(frame, reservation.handoff())
                : reservation == null ? embeddable.scriptTag(nonce) : embeddable.scriptTagWithLoginHandoff(nonce, reservation.handoff());
        String frameId = frame == null ? null : frame.id();
        BridgeScript.SignOutMark logOut = BridgeScript.SignOutMark.of(login.signOutMarked(), reservation != null);
        BridgeScript bridge = bridge(exchange.getRequest().getPath().contextPath().value());
        if (bridge == null) {
            return Mono.just(loader);
        }
        return Mono.defer(() -> csrf.token(exchange)) // a source that throws (or returns null) fails here, as a signal
                .map(token -> loader + bridge.tag(nonce, token.headerName(), token.value(), logOut, frameId))
                .onErrorResume(e -> { // a token that cannot be had: the page still gets the widget
                    if (!csrfFailureLogged) {
                        csrfFailureLogged = true;
                        System.getLogger(PageSnippets.class.getName()).log(System.Logger.Level.WARNING, "RingCentral"
                                + " Embeddable: the CsrfTokenSource failed, so pages get the bridge without a CSRF token and"
                                + " its POSTs may be refused (logged once): " + e, e);
                    }
                    return Mono.empty();
                })
                .defaultIfEmpty(loader + bridge.tag(nonce, null, null, logOut, frameId));
    }
}

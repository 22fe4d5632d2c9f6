package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.bridge.BridgeError;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.RequestPath;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The widget's OAuth redirect page ({@link RedirectPage}) at a path of a WebFlux application, as
 * {@code RedirectPageServlet} serves it in a servlet one: register the same path as the widget's redirect URI, and
 * RingCentral's login popup lands on this application instead of RingCentral's own copy of the page. GET and HEAD;
 * other methods get a 405 with the short JSON error. The widget is kept off the page. With sign in once,
 * {@link EmbeddableLoginWebFilter} serves the page at its callback instead.
 *
 * <pre>{@code @Bean EmbeddableRedirectPageWebFilter redirectPage(Embeddable embeddable) { return new EmbeddableRedirectPageWebFilter(embeddable, "/ringcentral/redirect"); }}</pre>
 */
public final class EmbeddableRedirectPageWebFilter implements WebFilter, Ordered {

    private static final System.Logger LOG = System.getLogger("io.github.embeddable4j");

    private final String path;
    private final RedirectPage page;
    private final byte[] body;
    private final List<String> startupWarnings;
    private int order = EmbeddableLoginWebFilter.DEFAULT_ORDER;
    private @Nullable ReactiveEmbeddableSelector selector;
    private final Map<Embeddable, Map.Entry<RedirectPage, byte[]>> selected = selectedPages();

    /**
     * Logs, as {@code RedirectPageServlet} does at start-up, when the widget's redirect URI does not name this page:
     * RingCentral's demo app, no redirect URI, or one with another path.
     *
     * @param path the page's path within the application (after {@code spring.webflux.base-path}), such as {@code /ringcentral/redirect}
     */
    public EmbeddableRedirectPageWebFilter(Embeddable embeddable, String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("The redirect page's path must start with '/' and name one path, not '" + path + "'");
        }
        this.path = path;
        this.page = RedirectPage.of(Objects.requireNonNull(embeddable, "embeddable"));
        this.body = page.bytes();
        // Built with the application, so this is its start-up; the base path is not known yet (see RedirectPage).
        this.startupWarnings = RedirectPage.mismatchWarnings(embeddable, "EmbeddableRedirectPageWebFilter", List.of(path));
        startupWarnings.forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
    }

    /** The warnings logged when the filter was built (no redirect URI configured, say); empty when it is right. */
    public List<String> startupWarnings() {
        return startupWarnings;
    }

    /**
     * Serves each exchange the redirect page of the widget {@code selector} picks (an application serving several
     * tenants), and 404 where it picks none. Each widget's redirect URI is checked against this filter's path when its
     * page is first served, and a mismatch logged. Call it before the first request.
     */
    public EmbeddableRedirectPageWebFilter withSelector(ReactiveEmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /** The page's path within the application. */
    public String path() {
        return path;
    }

    /**
     * The redirect page of the widget {@code selector} picks for the exchange (built once per widget, in {@code pages},
     * when the widget's redirect URI is checked against the path served, and a mismatch logged), or a 404 where it picks
     * none; GET and HEAD only.
     *
     * @param servedBy the filter serving the page, as its warnings name it
     */
    static Mono<Void> serveSelected(ServerWebExchange exchange, ReactiveEmbeddableSelector selector,
            Map<Embeddable, Map.Entry<RedirectPage, byte[]>> pages, String servedBy) {
        Embeddable widget = EmbeddableWebFilter.selected(selector, exchange);
        if (widget == null) {
            return EmbeddableBridgeWebFilter.error(exchange, new BridgeError(404, "not-found", "No redirect page here."));
        }
        Map.Entry<RedirectPage, byte[]> page = pages.computeIfAbsent(widget, w -> {
            RequestPath served = exchange.getRequest().getPath();
            RedirectPage.mismatchWarnings(w, servedBy, served.contextPath().value(), List.of(served.pathWithinApplication().value()))
                    .forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
            RedirectPage made = RedirectPage.of(w);
            return Map.entry(made, made.bytes());
        });
        return serve(exchange, page.getKey(), page.getValue());
    }

    /** The pages of the widgets a selector chose, by identity: a page holds origins, not its widget, so they may go. */
    static Map<Embeddable, Map.Entry<RedirectPage, byte[]>> selectedPages() {
        return Collections.synchronizedMap(new WeakHashMap<>());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().equals(path)) {
            return chain.filter(exchange);
        }
        EmbeddableWebFilter.skip(exchange); // the widget never loads in its own login popup
        ReactiveEmbeddableSelector chooser = selector;
        return chooser == null ? serve(exchange, page, body) : serveSelected(exchange, chooser, selected, "EmbeddableRedirectPageWebFilter");
    }

    /** The page for GET and HEAD (headers only), else a 405. */
    static Mono<Void> serve(ServerWebExchange exchange, RedirectPage page, byte[] body) {
        String method = exchange.getRequest().getMethod().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return EmbeddableBridgeWebFilter.error(exchange, BridgeError.methodNotAllowed("GET, HEAD"));
        }
        return Pages.write(exchange, page.headers(), body);
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Where the filter runs among the others; by default right after Spring Security's ({@code -100}). */
    public void setOrder(int order) {
        this.order = order;
    }
}

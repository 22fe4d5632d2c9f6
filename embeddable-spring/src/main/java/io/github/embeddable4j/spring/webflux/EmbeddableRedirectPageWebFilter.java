package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.RedirectPage;
import io.github.embeddable4j.core.bridge.BridgeError;
import java.util.Objects;
import org.springframework.core.Ordered;
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
 * <pre>{@code @Bean WebFilter redirectPage(Embeddable embeddable) { return new EmbeddableRedirectPageWebFilter(embeddable, "/ringcentral/redirect"); }}</pre>
 */
public final class EmbeddableRedirectPageWebFilter implements WebFilter, Ordered {

    private final String path;
    private final RedirectPage page;
    private final byte[] body;
    private int order = EmbeddableLoginWebFilter.DEFAULT_ORDER;

    /** @param path the page's path within the application (after {@code spring.webflux.base-path}), such as {@code /ringcentral/redirect} */
    public EmbeddableRedirectPageWebFilter(Embeddable embeddable, String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("The redirect page's path must start with '/' and name one path, not '" + path + "'");
        }
        this.path = path;
        this.page = RedirectPage.of(Objects.requireNonNull(embeddable, "embeddable"));
        this.body = page.bytes();
    }

    /** The page's path within the application. */
    public String path() {
        return path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().equals(path)) {
            return chain.filter(exchange);
        }
        EmbeddableWebFilter.skip(exchange); // the widget never loads in its own login popup
        return serve(exchange, page, body);
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

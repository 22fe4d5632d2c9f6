package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.bridge.BridgeError;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.setup.SetupAccess;
import io.github.embeddable4j.core.setup.SetupPage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The setup page ({@link SetupPage}: the app's configuration, the registration checklist, the snippets, graduation
 * progress and the config form) in a WebFlux application, with the servlet {@code SetupPageServlet}'s rules:
 * <ul>
 *   <li>seen from the same machine only (a loopback remote address, and no forwarding header naming another client:
 *       {@link SetupAccess#fromLocalhost}), or by a user in {@code role} (with Spring Security, the authority
 *       {@code ROLE_<role>}); for everyone else the request goes on as if nothing were here;</li>
 *   <li>GET and HEAD (405 with the short JSON error otherwise), a query string of at most
 *       {@value #MAX_QUERY_LENGTH} characters (414), {@link SetupPage#headers()}, the widget kept off the page.</li>
 * </ul>
 * It runs right after Spring Security's filters, so a signed-in user's roles are known.
 *
 * <pre>{@code @Bean EmbeddableSetupPageWebFilter setupPage(Embeddable e, GraduationTracker t) { return new EmbeddableSetupPageWebFilter(e, t::progress, null, "/embeddable4j/setup"); }}</pre>
 */
public final class EmbeddableSetupPageWebFilter implements WebFilter, Ordered {

    /** The longest query string served, as for the servlet. */
    public static final int MAX_QUERY_LENGTH = 4096;

    private static final System.Logger LOG = System.getLogger(EmbeddableSetupPageWebFilter.class.getName());
    private static final boolean SPRING_SECURITY = ClassUtils.isPresent("org.springframework.security.core.Authentication",
            EmbeddableSetupPageWebFilter.class.getClassLoader());

    private final SetupPage page;
    private final @Nullable Supplier<@Nullable GraduationProgress> graduation;
    private final @Nullable String role;
    private final String path;
    private int order = EmbeddableLoginWebFilter.DEFAULT_ORDER;
    private volatile boolean sameMachine = true;

    /**
     * @param graduation the progress to show, read for each request, or null for none
     * @param role       the role that may see the page from anywhere, or null for the same machine only
     * @param path       the page's path within the application, such as {@code /embeddable4j/setup}
     */
    public EmbeddableSetupPageWebFilter(Embeddable embeddable, @Nullable Supplier<@Nullable GraduationProgress> graduation,
            @Nullable String role, String path) {
        this.page = SetupPage.of(Objects.requireNonNull(embeddable, "embeddable"));
        this.graduation = graduation;
        if (role != null && role.isBlank()) {
            throw new IllegalArgumentException("The role must not be blank; pass null for localhost only");
        }
        this.role = role;
        if (!Objects.requireNonNull(path, "path").startsWith("/")) {
            throw new IllegalArgumentException("The setup page's path must start with '/', not '" + path + "'");
        }
        this.path = path;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().pathWithinApplication().value().equals(path)) {
            return chain.filter(exchange);
        }
        String address = EmbeddableBridgeWebFilter.remoteAddress(request);
        if (sameMachine && SetupAccess.fromLocalhost(address, name -> headerValues(request, name))) {
            return answer(exchange);
        }
        if (role == null || !SPRING_SECURITY) {
            return chain.filter(exchange); // as if nothing were here
        }
        String needed = role;
        return exchange.getPrincipal().filter(principal -> SecurityRoles.hasRole(principal, needed)).hasElement()
                .flatMap(allowed -> allowed ? answer(exchange) : chain.filter(exchange));
    }

    /**
     * Whether a browser on the same machine sees the page without the role (default {@code true}). Off where the
     * remote address comes from headers any client can send: Spring's {@code ForwardedHeaderTransformer}
     * ({@code server.forward-headers-strategy=framework}) takes the first {@code X-Forwarded-For} entry, the client's
     * own, and removes the headers. The starter turns it off there.
     */
    public void setSameMachineAccess(boolean allowed) {
        this.sameMachine = allowed;
    }

    /**
     * A header's values as they came, for core to split as the servlet side does: {@code getValuesAsList} (in Spring
     * Framework 6 and 7 alike) drops empty entries, and an empty forwarding entry ({@code 127.0.0.1, }) must count as
     * a client elsewhere (a review found the page open to such a header).
     */
    private static java.util.List<String> headerValues(ServerHttpRequest request, String name) {
        // through forEach, which Spring Framework 6 and 7 both have in one form (getOrEmpty's parameter type changed)
        java.util.List<String> values = new java.util.ArrayList<>(1);
        request.getHeaders().forEach((header, raw) -> {
            if (header.equalsIgnoreCase(name)) {
                values.addAll(raw);
            }
        });
        return values;
    }

    private Mono<Void> answer(ServerWebExchange exchange) {
        EmbeddableWebFilter.skip(exchange);
        ServerHttpRequest request = exchange.getRequest();
        String method = request.getMethod().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return EmbeddableBridgeWebFilter.error(exchange, BridgeError.methodNotAllowed("GET, HEAD"));
        }
        String query = request.getURI().getRawQuery();
        if (query != null && query.length() > MAX_QUERY_LENGTH) {
            return EmbeddableBridgeWebFilter.error(exchange, new BridgeError(414, "query-too-long",
                    "The query string is longer than " + MAX_QUERY_LENGTH + " characters."));
        }
        Map<String, List<String>> parameters;
        try {
            parameters = new LinkedHashMap<>(request.getQueryParams());
        } catch (RuntimeException e) { // a query that cannot be decoded (bad %-escapes, say)
            return EmbeddableBridgeWebFilter.error(exchange, new BridgeError(400, "bad-query", "The query string cannot be decoded."));
        }
        byte[] body;
        try {
            body = page.withGraduationFrom(graduation).render(parameters).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable setup page: unexpected failure", e);
            return EmbeddableBridgeWebFilter.error(exchange, new BridgeError(400, "unprocessable", "The request could not be processed."));
        }
        return Pages.write(exchange, SetupPage.headers(), body);
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

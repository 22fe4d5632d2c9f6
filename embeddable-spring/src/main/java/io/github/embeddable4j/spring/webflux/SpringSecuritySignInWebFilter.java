package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * "Sign in once" at the application's own sign-in and sign-out, with reactive Spring Security, which publishes no
 * events for them (the servlet starter listens to Spring Security's): this filter sees them where Spring Security
 * keeps the signed-in user, in the {@code WebSession} (form login and {@code oauth2Login} do, by default).
 * <ul>
 * <li>A request that ends with another authenticated user in its session than it began with is a sign-in: with
 * {@code connectOnLogin}, the browser's next visit of a page goes to the connect path first, and comes back
 * ({@code login.connect-on-login}).</li>
 * <li>A request that began with a signed-in user and ends with none is a sign-out: the session's sign-in state is
 * forgotten, and with {@code logoutWidget} the response asks the next page's widget to log out too
 * ({@code login.logout-widget}; {@link EmbeddableLoginWebFilter#logOutWidget}'s cookie, set once). So is a sign-in
 * of another user over the first one's session, for the first one.</li>
 * </ul>
 * Runs before Spring Security's filters ({@code -100}), so the sign-in and sign-out requests, which those answer,
 * pass through it. A user kept elsewhere than the session (HTTP Basic, bearer tokens) is not seen: there, call
 * {@code EmbeddableLoginWebFilter.logOutWidget} from a logout handler.
 *
 * <pre>{@code @Bean SpringSecuritySignInWebFilter signIn(EmbeddableLoginWebFilter login) {
 *     return new SpringSecuritySignInWebFilter(login.endpoints(), true, true);
 * }}</pre>
 */
public final class SpringSecuritySignInWebFilter implements WebFilter, Ordered {

    /** Right before Spring Security's {@code WebFilterChainProxy} ({@code -100}). */
    public static final int DEFAULT_ORDER = -100 - 1;
    /** Where Spring Security's session repository keeps the security context. */
    private static final System.Logger LOG = System.getLogger("io.github.embeddable4j");
    private static final String CONTEXT = WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

    private final LoginEndpoints endpoints;
    private final boolean connectOnLogin;
    private final boolean logoutWidget;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private int order = DEFAULT_ORDER;
    private @org.jspecify.annotations.Nullable ReactiveEmbeddableSelector selector;

    /**
     * @param endpoints      sign in once's settings, as {@link EmbeddableLoginWebFilter#endpoints()} has them
     * @param connectOnLogin whether a sign-in sends the next page visit to the connect path
     * @param logoutWidget   whether a sign-out logs the widget out on the next page that has it
     */
    public SpringSecuritySignInWebFilter(LoginEndpoints endpoints, boolean connectOnLogin, boolean logoutWidget) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.connectOnLogin = connectOnLogin;
        this.logoutWidget = logoutWidget;
    }

    /**
     * In an application serving several tenants ({@link EmbeddableWebFilter#withSelector}): a page is sent to the
     * connect after a sign-in only where {@code selector} gives it a widget that signs in once
     * ({@link LoginEndpoints#forWidget}); elsewhere its mark waits. Call it before the first request.
     */
    public SpringSecuritySignInWebFilter withSelector(ReactiveEmbeddableSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
        return this;
    }

    /** Whether a sign-in on this request's host connects on login ({@link LoginEndpoints#connectsAtSignIn}). */
    private boolean connectsAtSignIn(ServerWebExchange exchange) {
        ReactiveEmbeddableSelector chooser = selector;
        return chooser == null || endpoints.connectsAtSignIn(EmbeddableWebFilter.selected(chooser, exchange));
    }

    /** Whether the request's widget signs in once (the flow's, or another tenant's with its own app). */
    private boolean signsInOnce(ServerWebExchange exchange) {
        ReactiveEmbeddableSelector chooser = selector;
        if (chooser == null) {
            return true;
        }
        Embeddable picked = EmbeddableWebFilter.selected(chooser, exchange);
        return picked != null && endpoints.forWidget(picked) != null;
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Where the filter runs among the others; it must come before Spring Security's ({@code -100}). */
    public void setOrder(int order) {
        this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean hadCookies = !request.getCookies().isEmpty();
        Before before = new Before();
        // Registered before the session is first asked for, so this runs before the session manager saves it.
        exchange.getResponse().beforeCommit(() -> afterwards(exchange, before, hadCookies));
        if (!hadCookies) { // no session to begin with: nobody signed in, nothing marked
            return chain.filter(exchange);
        }
        return exchange.getSession().flatMap(session -> {
            before.user = signedIn(session.getAttribute(CONTEXT));
            // a page whose widget cannot sign in once (a selector's) is not sent to the connect: the mark waits
            String connect = connectOnLogin && before.user != null && signsInOnce(exchange) ? endpoints.takeConnectRedirect(
                    new WebSessionAttributes(session), request.getPath().contextPath().value(),
                    request.getPath().pathWithinApplication().value(), request.getURI().getRawQuery(),
                    request.getMethod().name(), request.getHeaders()::getFirst) : null;
            if (connect != null) {
                ServerHttpResponse response = exchange.getResponse();
                response.setStatusCode(HttpStatus.FOUND);
                LoginEndpoints.REDIRECT_HEADERS.forEach(response.getHeaders()::set); // as every redirect of sign in once
                response.getHeaders().set(HttpHeaders.LOCATION, connect);
                return response.setComplete();
            }
            return chain.filter(exchange);
        });
    }

    /** At the response's commit: compares who is signed in now with who was at the start. */
    private Mono<Void> afterwards(ServerWebExchange exchange, Before before, boolean hadCookies) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (!hadCookies && (status == null || !status.is3xxRedirection())) {
            return Mono.empty(); // a sign-in without a session cookie (CSRF off) still ends in a redirect
        }
        return exchange.getSession().doOnNext(session -> {
            String now = signedIn(session.getAttribute(CONTEXT));
            // on every host: a tenant's widget without sign in once may keep a login made in its own popup
            if (endpoints.userChanged(new WebSessionAttributes(session), before.user, now,
                    connectOnLogin && connectsAtSignIn(exchange))
                    && logoutWidget && !marked(exchange.getResponse())) {
                exchange.getResponse().getHeaders().add(HttpHeaders.SET_COOKIE, WidgetLogoutCookie.setCookieHeader(
                        "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())));
            }
        }).then().onErrorResume(e -> { // a session store that fails: the response goes out as it is
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "RingCentral Embeddable: a sign-in or sign-out could not be looked for"
                        + " (the session could not be had), so the widget was neither connected nor logged out (logged"
                        + " once): " + e, e);
            }
            return Mono.empty();
        });
    }

    /** Whether a logout handler of the application's set the cookie already. */
    private static boolean marked(ServerHttpResponse response) {
        return response.getHeaders().getValuesAsList(HttpHeaders.SET_COOKIE).stream()
                .anyMatch(cookie -> cookie.startsWith(WidgetLogoutCookie.NAME + "=1"));
    }

    /** Who the session's authenticated user is ({@code SignInIdentity}), or null. */
    private static @Nullable String signedIn(@Nullable Object context) {
        Authentication user = context instanceof SecurityContext security ? security.getAuthentication() : null;
        return user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)
                ? io.github.embeddable4j.spring.SignInIdentity.of(user) : null;
    }

    /** Who was signed in when the request began (read once, before Spring Security's filters). */
    private static final class Before {
        @Nullable String user;
    }
}

package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.SessionUserAttributes;
import java.security.Principal;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is signed in to a WebFlux application, for sign in once ({@link EmbeddableLoginWebFilter}): the user's stable
 * id in the application, or empty when nobody is. The widget's {@code externalAuthId} is derived from it with the
 * server key, so it is never user input.
 *
 * <pre>{@code ReactiveAppUserResolver users = exchange -> exchange.getPrincipal().map(Principal::getName);}</pre>
 */
@FunctionalInterface
public interface ReactiveAppUserResolver {

    /** The signed-in user's id, or an empty {@code Mono} when nobody is signed in. */
    Mono<String> appUserId(ServerWebExchange exchange);

    /**
     * The name of the exchange's principal, whoever it is. With Spring Security, an anonymous visitor has a principal
     * too: the starter's resolver leaves it out, and so should yours.
     */
    static ReactiveAppUserResolver principalName() {
        return exchange -> exchange.getPrincipal().map(Principal::getName);
    }

    /**
     * The user your own sign-in keeps in the {@code WebSession} under {@code name}: a {@code String} id, or a
     * {@link Principal}'s name; a value of another type is nobody, with a warning once.
     *
     * <pre>{@code @Bean ReactiveAppUserResolver users() { return ReactiveAppUserResolver.sessionAttribute("user"); }}</pre>
     */
    static ReactiveAppUserResolver sessionAttribute(String name) {
        java.util.Objects.requireNonNull(name, "name");
        return exchange -> exchange.getSession().mapNotNull(session -> SessionUserAttributes.nameOf(name, session.getAttribute(name)));
    }
}

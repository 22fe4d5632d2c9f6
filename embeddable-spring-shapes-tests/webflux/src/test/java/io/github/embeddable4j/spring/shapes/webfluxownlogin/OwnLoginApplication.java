package io.github.embeddable4j.spring.shapes.webfluxownlogin;

import io.github.embeddable4j.spring.webflux.EmbeddableLoginWebFilter;
import io.github.embeddable4j.spring.webflux.ReactiveAppUserResolver;
import java.net.URI;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A WebFlux application that signs its users in itself (Spring Security on the classpath lets everything through and
 * keeps nobody in the session), as the docs say for such applications: the user in the {@code WebSession}, a
 * {@link ReactiveAppUserResolver} bean that reads it, and the login filter told at sign-in and sign-out.
 */
@SpringBootApplication
public class OwnLoginApplication {

    static final String PAGE = "<!DOCTYPE html><html><head><title>Inbox</title></head><body><p>inbox</p></body></html>";

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable).build();
    }

    @Bean
    ReactiveAppUserResolver appUsers() {
        return ReactiveAppUserResolver.sessionAttribute("user");
    }

    @RestController
    static class Pages {
        private final EmbeddableLoginWebFilter login;

        Pages(EmbeddableLoginWebFilter login) {
            this.login = login;
        }

        /** The application's sign-in (a password check would come first). */
        @PostMapping("/signin")
        Mono<Void> signIn(@RequestParam("user") String user, ServerWebExchange exchange) {
            return exchange.getSession()
                    .flatMap(session -> session.changeSessionId().then(Mono.fromRunnable(() -> session.getAttributes().put("user", user))))
                    .then(login.signedIn(exchange, user, true))
                    .then(redirect(exchange));
        }

        @PostMapping("/signout")
        Mono<Void> signOut(ServerWebExchange exchange) {
            return login.signedOut(exchange)
                    .then(exchange.getSession().flatMap(session -> session.invalidate()))
                    .then(redirect(exchange));
        }

        private static Mono<Void> redirect(ServerWebExchange exchange) {
            return Mono.fromRunnable(() -> {
                exchange.getResponse().setStatusCode(HttpStatus.FOUND);
                exchange.getResponse().getHeaders().setLocation(URI.create("/"));
            });
        }

        @GetMapping(value = {"/", "/inbox"}, produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return PAGE;
        }
    }
}

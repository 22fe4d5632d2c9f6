package io.github.embeddable4j.spring.shapes.webflux;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A WebFlux application written from scratch: reactive Spring Security, Thymeleaf on the classpath, the starter. */
@SpringBootApplication
public class WebFluxApplication {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
    }

    /**
     * The README's recipe for a WebFlux page: a nonce per response, the policy merged with the widget's sources, and
     * the loader tag rendered unescaped into the head by Thymeleaf.
     */
    @Controller
    static class Contacts {
        private final Embeddable embeddable;
        private final CspSources widgetSources;
        private final SecureRandom random = new SecureRandom();

        Contacts(Embeddable embeddable, CspSources widgetSources) {
            this.embeddable = embeddable;
            this.widgetSources = widgetSources;
        }

        @GetMapping("/contacts")
        String contacts(Model model, ServerHttpResponse response) {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            response.getHeaders().set("Content-Security-Policy",
                    widgetSources.mergeInto("default-src 'self'; script-src 'nonce-" + nonce + "'"));
            model.addAttribute("widget", embeddable.scriptTag(nonce));
            return "contacts";
        }
    }

    @RestController
    static class Greeting {
        @GetMapping("/hello")
        Mono<String> hello() {
            return Mono.just("hello from WebFlux");
        }
    }
}

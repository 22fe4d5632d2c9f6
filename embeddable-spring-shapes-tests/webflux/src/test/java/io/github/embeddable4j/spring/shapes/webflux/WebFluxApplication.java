package io.github.embeddable4j.spring.shapes.webflux;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
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

    @RestController
    static class Greeting {
        @GetMapping("/hello")
        Mono<String> hello() {
            return Mono.just("hello from WebFlux");
        }
    }
}

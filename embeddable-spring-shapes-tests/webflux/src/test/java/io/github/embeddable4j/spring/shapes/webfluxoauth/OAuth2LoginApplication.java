package io.github.embeddable4j.spring.shapes.webfluxoauth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application whose users sign in with another identity provider through reactive Spring Security's
 * {@code oauth2Login} (its registration in the properties), as they come; {@code /inbox} needs a signed-in user.
 */
@SpringBootApplication
public class OAuth2LoginApplication {

    static final String PAGE = "<!DOCTYPE html><html><head><title>Inbox</title></head><body><p>inbox</p></body></html>";

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.pathMatchers("/inbox").authenticated().anyExchange().permitAll())
                .oauth2Login(Customizer.withDefaults()).logout(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable()) // (the logout below is a plain POST; CSRF is not what is tested here)
                .build();
    }

    @RestController
    static class Pages {
        @GetMapping(value = "/inbox", produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return PAGE;
        }
    }
}

package io.github.embeddable4j.spring.shapes.webfluxform;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application as most are secured: reactive Spring Security's form login and logout, as they come, nothing
 * of embeddable4j's in the security chain (no logout handler). {@code /inbox} needs a signed-in user (the paths of
 * {@code test.protect} instead, when set).
 */
@SpringBootApplication
public class FormLoginApplication {

    static final String PAGE = "<!DOCTYPE html><html><head><title>Inbox</title></head><body><p>inbox</p></body></html>";

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, org.springframework.core.env.Environment environment) {
        String[] protectedPaths = environment.getProperty("test.protect", String[].class, new String[] {"/inbox"});
        String[] chainPaths = environment.getProperty("test.chain-paths", String[].class);
        if (chainPaths != null) { // a chain for these paths only, as a site with a secured part declares it
            http.securityMatcher(org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers
                    .pathMatchers(chainPaths));
        }
        return http.authorizeExchange(exchanges -> exchanges.pathMatchers(protectedPaths).authenticated().anyExchange().permitAll())
                .formLogin(Customizer.withDefaults()).logout(Customizer.withDefaults()).build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(User.withUsername("ada").password("{noop}secret").roles("USER").build(),
                User.withUsername("grace").password("{noop}secret").roles("USER").build());
    }

    @RestController
    static class Pages {
        @GetMapping(value = {"/inbox", "/public"}, produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return PAGE;
        }
    }
}

package io.github.embeddable4j.spring.war;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application packaged as a WAR, as teams deploy to a Tomcat they run themselves: the container starts it through
 * {@link SpringBootServletInitializer}, in a context path of the container's choosing ({@code server.servlet.*}
 * properties do not apply).
 */
@SpringBootApplication
public class WarApplication extends SpringBootServletInitializer {

    /** The properties the test deploys it with. */
    static volatile Map<String, Object> properties = Map.of();

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(WarApplication.class).properties(properties);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
    }

    @RestController
    static class Page {
        @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return "<!DOCTYPE html><html><head><title>CRM</title></head><body><p>Contacts</p></body></html>";
        }
    }
}

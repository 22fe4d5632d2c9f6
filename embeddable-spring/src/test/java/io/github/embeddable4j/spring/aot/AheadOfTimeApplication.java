package io.github.embeddable4j.spring.aot;

import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.spring.WidgetApplicationEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application as a user builds it for Spring AOT (the Maven plugin's {@code process-aot}, then
 * {@code -Dspring.aot.enabled=true}): a page, Spring Security letting everyone in, and a widget event listener.
 */
@SpringBootApplication
public class AheadOfTimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(AheadOfTimeApplication.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
    }

    @RestController
    static class Page {
        @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return "<!DOCTYPE html><html><head><title>AOT</title></head><body><p>Hello</p></body></html>";
        }
    }

    /** Call events, as an application's listener receives them. */
    @Component
    public static class Calls {
        public final List<WidgetApplicationEvent<WidgetEvent.CallEvent>> received = new CopyOnWriteArrayList<>();

        @EventListener
        void onCall(WidgetApplicationEvent<WidgetEvent.CallEvent> event) {
            received.add(event);
        }
    }
}

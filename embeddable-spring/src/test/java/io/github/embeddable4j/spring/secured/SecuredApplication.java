package io.github.embeddable4j.spring.secured;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application behind Spring Security's form login: one public page (the paths of {@code test.permit} instead, when
 * set), everything else for signed-in users.
 */
@SpringBootApplication
public class SecuredApplication {

    public static final String USER = "ada";
    public static final String PASSWORD = "lovelace";

    @Bean
    SecurityFilterChain security(HttpSecurity http, org.springframework.core.env.Environment environment) throws Exception {
        String[] permitted = environment.getProperty("test.permit", String[].class, new String[] {"/public", "/static.html", "/published-session-user"});
        boolean errorDispatches = environment.getProperty("test.permit-error-dispatches", Boolean.class, false);
        String[] chainPaths = environment.getProperty("test.chain-paths", String[].class);
        if (chainPaths != null) { // a chain for these paths only, as a site with a secured part declares it
            http.securityMatcher(chainPaths);
        }
        return http.authorizeHttpRequests(auth -> {
                    if (errorDispatches) { // the other way Spring's docs give to let error pages through
                        auth.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll();
                    }
                    if (environment.getProperty("test.path-patterns", Boolean.class, false)) { // no Spring MVC to ask
                        for (String path : permitted) {
                            auth.requestMatchers(org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher
                                    .withDefaults().matcher(path)).permitAll();
                        }
                        auth.anyRequest().authenticated();
                    } else if (environment.containsProperty("test.authenticated")) { // deny by default
                        auth.requestMatchers(permitted).permitAll()
                                .requestMatchers(environment.getProperty("test.authenticated", String[].class)).authenticated()
                                .anyRequest().denyAll();
                    } else {
                        auth.requestMatchers(permitted).permitAll().anyRequest().authenticated();
                    }
                })
                .formLogin(Customizer.withDefaults())
                .build();
    }

    /** A listener of widget events, with {@code test.listener=true}: then pages load the bridge. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("test.listener")
    io.github.embeddable4j.core.event.WidgetEventListener testListener() {
        return event -> { };
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build(),
                User.withUsername("grace").password("{noop}" + PASSWORD).roles("USER").build());
    }

    /** A Thymeleaf page with the dialect's "Connect RingCentral" links. */
    @org.springframework.stereotype.Controller
    static class Templates {
        @GetMapping("/connect-links")
        String connectLinks() {
            return "connect-links";
        }

        /** Forwarded to a static page, as Spring Boot's welcome page forwards "/" to index.html. */
        @GetMapping("/welcome")
        String welcome() {
            return "forward:/static.html";
        }
    }

    @RestController
    static class Pages {

        @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
        String home() {
            return page("Contacts");
        }

        /**
         * What the Vaadin component does when it is attached (in a request): takes the user's waiting login with what
         * the starter published in the servlet context for sign in once; answers whose it was, or "none".
         */
        @GetMapping(value = "/published-handoff", produces = MediaType.TEXT_PLAIN_VALUE)
        String publishedHandoff(jakarta.servlet.http.HttpServletRequest request) {
            Object published = request.getServletContext().getAttribute(
                    io.github.embeddable4j.core.login.LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE);
            if (!(published instanceof java.util.function.Function<?, ?> take)) {
                return "not published";
            }
            @SuppressWarnings("unchecked")
            Object taken = ((java.util.function.Function<jakarta.servlet.http.HttpServletRequest, ?>) take).apply(request);
            if (taken instanceof io.github.embeddable4j.core.login.LoginEndpoints.Reservation reservation) {
                reservation.rendered();
                return "externalAuthId=" + reservation.handoff().externalAuthId();
            }
            return "none";
        }

        /** Whom a Vaadin component's default resolver names: the session's user, as the starter's published reader reads it. */
        @GetMapping(value = "/published-session-user", produces = MediaType.TEXT_PLAIN_VALUE)
        String publishedSessionUser(jakarta.servlet.http.HttpServletRequest request) {
            if (!(request.getServletContext().getAttribute(io.github.embeddable4j.core.SessionUserReader.class.getName())
                    instanceof io.github.embeddable4j.core.SessionUserReader reader)) {
                return "not published";
            }
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            java.security.Principal user = session == null ? null : reader.user(session::getAttribute);
            return user == null ? "nobody" : user.getName();
        }

        @GetMapping(value = "/public", produces = MediaType.TEXT_HTML_VALUE)
        String publicPage() {
            return page("About us");
        }

        private static String page(String title) {
            return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1></body></html>";
        }
    }
}

package io.github.embeddable4j.spring.app;

import io.github.embeddable4j.core.CspSources;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.filter.OncePerRequestFilter;

/** A small Spring MVC + Thymeleaf + Spring Security application for the starter's tests. */
@SpringBootApplication
public class TestApplication {

    /** The nonce this app's CSP filter puts on every request, so tests can look for it. */
    public static final String NONCE = "dGVzdC1ub25jZQ==";

    @Bean
    SecurityFilterChain security(HttpSecurity http, CspSources widgetSources) throws Exception {
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new CspNonceFilter(widgetSources), HeaderWriterFilter.class)
                .build();
    }

    /** The app's own nonce filter, inside Spring Security's chain: sets the CSP header and the nonce attribute. */
    static final class CspNonceFilter extends OncePerRequestFilter {
        private final CspSources widgetSources;

        CspNonceFilter(CspSources widgetSources) {
            this.widgetSources = widgetSources;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.setAttribute("_csp_nonce", NONCE);
            response.setHeader("Content-Security-Policy",
                    widgetSources.mergeInto("default-src 'self'; script-src 'self' 'nonce-" + NONCE + "'"));
            chain.doFilter(request, response);
        }
    }

    @Controller
    static class Pages {

        @GetMapping("/thymeleaf")
        String page(org.springframework.ui.Model model) {
            model.addAttribute("contacts", List.of("Ada", "Grace"));
            return "page";
        }

        @GetMapping("/tag")
        String tag() {
            return "tag";
        }

        @GetMapping("/iframe")
        String iframe() {
            return "iframe";
        }

        /** Templates that place the widget somewhere else than in their own head: name as path. */
        @GetMapping({"/tag-body", "/iframe-page", "/fragment", "/fragment-loader", "/fragment-other", "/connect-links"})
        String placed(jakarta.servlet.http.HttpServletRequest request) {
            return request.getServletPath().substring(1);
        }

        @GetMapping("/api/contacts")
        @ResponseBody
        List<Map<String, String>> contacts() {
            return List.of(Map.of("name", "Ada </head>", "phone", "+16505550101"));
        }

        /** HTML through a ResponseEntity with a Content-Length: Spring writes it with addHeader. */
        @GetMapping("/entity")
        ResponseEntity<byte[]> entity() {
            byte[] html = ENTITY_HTML.getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).contentLength(html.length).body(html);
        }
    }

    public static final String ENTITY_HTML = "<!DOCTYPE html><html><head><title>Entity</title></head><body>"
            + "<p>" + "x".repeat(5000) + "</p></body></html>";
}

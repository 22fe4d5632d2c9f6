package io.github.embeddable4j.spring.shapes.webflux;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.SecurityWebFilterChain;
import io.github.embeddable4j.spring.webflux.EmbeddableLoginWebFilter;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A WebFlux application written from scratch: reactive Spring Security (one user, HTTP Basic), Thymeleaf, the starter. */
@SpringBootApplication
public class WebFluxApplication {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        // Signing out also logs the widget out (sign in once's mark, as the docs show it), besides the default handler.
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).httpBasic(basic -> { })
                .logout(logout -> logout.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                        (exchange, authentication) -> EmbeddableLoginWebFilter.logOutWidget(exchange.getExchange()))))
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(User.withUsername("ada").password("{noop}secret").roles("USER").build());
    }

    /**
     * A page that places the widget itself (a nonce per response, the policy merged with the widget's sources, the
     * loader tag rendered unescaped into the head by Thymeleaf), so it keeps the filter's off.
     */
    @Controller
    static class Contacts {
        private final Embeddable embeddable;
        private final CspSources widgetSources;
        private final SecureRandom random = new SecureRandom();

        /** The starter's page filter: none with inject.enabled=false, which some tests of this application set. */
        private final org.springframework.beans.factory.ObjectProvider<EmbeddableWebFilter> pageFilter;

        Contacts(Embeddable embeddable, CspSources widgetSources,
                org.springframework.beans.factory.ObjectProvider<EmbeddableWebFilter> pageFilter) {
            this.embeddable = embeddable;
            this.widgetSources = widgetSources;
            this.pageFilter = pageFilter;
        }

        @GetMapping("/contacts")
        String contacts(Model model, ServerWebExchange exchange) {
            EmbeddableWebFilter.skip(exchange);
            ServerHttpResponse response = exchange.getResponse();
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            response.getHeaders().set("Content-Security-Policy",
                    widgetSources.mergeInto("default-src 'self'; script-src 'nonce-" + nonce + "'"));
            model.addAttribute("widget", embeddable.scriptTag(nonce));
            return "contacts";
        }

        /**
         * A page left to the filter under a strict policy (a nonce per response, 'strict-dynamic', the widget's sources
         * merged in), with an inline script of its own that the policy must block.
         */
        @GetMapping(value = "/strict", produces = MediaType.TEXT_HTML_VALUE)
        @org.springframework.web.bind.annotation.ResponseBody
        String strict(ServerHttpResponse response) {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            response.getHeaders().set("Content-Security-Policy", widgetSources.mergeInto(
                    "default-src 'self'; script-src 'nonce-" + nonce + "' 'strict-dynamic'; object-src 'none'"));
            return "<!DOCTYPE html><html><head><title>Strict</title></head><body>"
                    + "<p id=\"inline-check\">Inline scripts without the nonce are blocked</p>"
                    + "<script>document.getElementById('inline-check').textContent = 'the inline script ran';</script>"
                    + "</body></html>";
        }

        /**
         * A page that places the widget as its own iframe, through the starter's page filter: the frame and the bridge's
         * script pointed at it from the model, asked for before the handler sets the page's nonce (as a
         * {@code @ModelAttribute} method would: a review), in an exchange attribute and the page's policy.
         */
        @GetMapping("/inline-phone")
        String inlinePhone(Model model, ServerWebExchange exchange) {
            model.addAttribute("phone", pageFilter.getObject().iframe(exchange,
                    io.github.embeddable4j.core.IframeOptions.defaults().withId("phone").withSize("300", "500")));
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            exchange.getAttributes().put("cspNonce", nonce);
            exchange.getResponse().getHeaders().set("Content-Security-Policy",
                    widgetSources.mergeInto("default-src 'self'; script-src 'nonce-" + nonce + "'"));
            return "inline-phone";
        }

        /** The phone in the model, then a redirect: the page that shows it is another. */
        @GetMapping("/inline-phone-redirect")
        String inlinePhoneRedirect(Model model, ServerWebExchange exchange) {
            model.addAttribute("phone", pageFilter.getObject().iframe(exchange, io.github.embeddable4j.core.IframeOptions.defaults()));
            return "redirect:/inbox";
        }

        /** The phone in the model beside a value that fails: the page is an error. */
        @GetMapping("/inline-phone-fails")
        String inlinePhoneFails(Model model, ServerWebExchange exchange) {
            model.addAttribute("phone", pageFilter.getObject().iframe(exchange, io.github.embeddable4j.core.IframeOptions.defaults()));
            model.addAttribute("contacts", Mono.error(new IllegalStateException("CRM down")));
            return "inline-phone";
        }

        /** Connect links of the reactive dialect ({@code rc:connect}), and the servlet dialect's tag, which it leaves out. */
        @GetMapping("/connect-links")
        String connectLinks() {
            return "connect-links";
        }

        /** A page left to the filter: its policy's nonce is what the loader gets. */
        @GetMapping("/inbox")
        String inbox(ServerHttpResponse response) {
            response.getHeaders().set("Content-Security-Policy", "script-src 'nonce-inbox123'");
            response.getHeaders().set("CDN-Cache-Control", "public, max-age=600"); // a page its CDN may share
            return "inbox";
        }
    }

    /** Pages written by hand: a stream the test drives, an htmx partial, an excluded path, a nonce in an attribute. */
    @RestController
    static class Pages {
        static volatile Sinks.Many<String> stream = Sinks.many().unicast().onBackpressureBuffer();

        @GetMapping(value = "/stream", produces = MediaType.TEXT_HTML_VALUE)
        Flux<String> stream() {
            return stream.asFlux();
        }

        /** A page written in flushed chunks, its head in the first (as reactive Thymeleaf with a max chunk size). */
        @GetMapping("/chunked")
        reactor.core.publisher.Mono<Void> chunked(org.springframework.http.server.reactive.ServerHttpResponse response) {
            response.getHeaders().setContentType(MediaType.parseMediaType("text/html;charset=UTF-8"));
            org.springframework.core.io.buffer.DataBufferFactory buffers = response.bufferFactory();
            return response.writeAndFlushWith(Flux.just("<!DOCTYPE html><html><head><title>Chunks</title></head><body>",
                    "<p>one</p>", "<p>two</p></body></html>").map(text -> reactor.core.publisher.Mono.just(
                    buffers.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        }

        @GetMapping(value = "/rows", produces = MediaType.TEXT_HTML_VALUE)
        ResponseEntity<String> rows() {
            return ResponseEntity.ok().eTag("\"rows-1\"").body("<tr><td>Ada</td></tr><tr><td>Grace</td></tr>");
        }

        /** A page with the policy given, enforced or report-only. */
        @GetMapping(value = "/policed", produces = MediaType.TEXT_HTML_VALUE)
        ResponseEntity<String> policed(@org.springframework.web.bind.annotation.RequestParam("policy") String policy,
                @org.springframework.web.bind.annotation.RequestParam(value = "reportOnly", defaultValue = "false") boolean reportOnly) {
            return ResponseEntity.ok().header(reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy",
                    policy).body(PAGE);
        }

        /** A page, or with {@code download=true} the same page sent as a file to save (an export, a report). */
        @GetMapping(value = "/report", produces = MediaType.TEXT_HTML_VALUE)
        ResponseEntity<String> report(@org.springframework.web.bind.annotation.RequestParam("download") boolean download) {
            return download
                    ? ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"report.html\"").body(PAGE)
                    : ResponseEntity.ok(PAGE);
        }

        @GetMapping(value = "/plain/page", produces = MediaType.TEXT_HTML_VALUE)
        String excluded() {
            return PAGE;
        }

        /**
         * A page relayed as Spring Cloud Gateway relays one: the upstream's length and ETag (Reactor Netty's
         * {@code Transfer-Encoding: chunked} taken out, as the gateway does where it copies a length), and its body,
         * which for a HEAD is empty and written as such (not answered with headers only).
         */
        @GetMapping("/relayed")
        Mono<Void> relayed(org.springframework.http.server.reactive.ServerHttpRequest request, ServerHttpResponse response) {
            String html = request.getQueryParams().containsKey("fragment") ? ROWS : PAGE;
            byte[] page = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.getHeaders().setContentType(MediaType.TEXT_HTML);
            response.getHeaders().setContentLength(page.length);
            response.getHeaders().setETag("\"upstream\"");
            response.getHeaders().remove("Transfer-Encoding");
            boolean head = request.getMethod() == org.springframework.http.HttpMethod.HEAD;
            return response.writeWith(head ? Flux.empty() : Flux.just(response.bufferFactory().wrap(page)));
        }

        /** A page whose handler fails: Spring Boot's error page answers. */
        @GetMapping(value = "/fails", produces = MediaType.TEXT_HTML_VALUE)
        String fails() {
            throw new IllegalStateException("the page failed");
        }

        @GetMapping(value = "/attribute", produces = MediaType.TEXT_HTML_VALUE)
        String attribute(ServerWebExchange exchange) {
            exchange.getAttributes().put("_csp_nonce", "fromAttribute");
            return PAGE;
        }
    }

    /** A filter of the application's that throws, instead of signalling an error, on one path. */
    @Bean
    org.springframework.web.server.WebFilter throwingFilter() {
        return (exchange, chain) -> {
            if (exchange.getRequest().getPath().value().equals("/throws-in-filter")) {
                throw new IllegalStateException("a filter threw");
            }
            return chain.filter(exchange);
        };
    }

    /** A WebSocket echo at /echo: its handshake is a GET through every WebFilter, the widget's included. */
    @Bean
    org.springframework.web.reactive.HandlerMapping echoMapping() {
        org.springframework.web.reactive.socket.WebSocketHandler echo = session ->
                session.send(session.receive().map(message -> session.textMessage("echo: " + message.getPayloadAsText())));
        return new org.springframework.web.reactive.handler.SimpleUrlHandlerMapping(java.util.Map.of("/echo", echo), -1);
    }

    /** An htmx partial: no widget, so it keeps its length. */
    static final String ROWS = "<tr><td>Ada</td></tr><tr><td>Grace</td></tr>";

    static final String PAGE = "<!DOCTYPE html><html><head><title>Page</title></head><body><p>page</p></body></html>";

    @RestController
    static class Greeting {
        @GetMapping("/hello")
        Mono<String> hello() {
            return Mono.just("hello from WebFlux");
        }
    }
}

package io.github.embeddable4j.spring.shapes.webfluxspa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.examples.testing.BridgeProbe;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reactive Spring Security's single-page CSRF set-up, as its docs show it (the raw token in a cookie the page reads, a
 * header compared with the raw token): the bridge's events reach the listener. The page carries the masked token, which
 * this set-up refuses in a header; the bridge script sends the cookie's raw token once the masked one is refused.
 */
@SpringBootTest(classes = SpaCsrfWebFluxBrowserTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.client-id=webflux-spa", "ringcentral.embeddable.inject.anonymous=true"})
class SpaCsrfWebFluxBrowserTest {

    private static final StandInWidget WIDGET = start();

    @LocalServerPort
    int port;

    @Autowired
    App app;

    @DynamicPropertySource
    static void widget(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
    }

    @AfterAll
    static void stop() {
        WIDGET.close();
    }

    @Test
    void theWidgetsEventsPassAReactiveSinglePageCsrfCheck() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.driver().get("http://localhost:" + port + "/");
            chromium.await(d -> chromium.script("return document.getElementById('rc-widget-adapter-frame')"));
            // The set-up really refuses the masked token the page carries in a header, and takes the cookie's raw one.
            assertThat(BridgeProbe.status(chromium, BridgeProbe.maskedToken(chromium))).isEqualTo(403L);
            assertThat(BridgeProbe.status(chromium, null)).isEqualTo(202L);
            // The stand-in posts its login status at start-up: it arrives through the bridge.
            chromium.await(d -> app.received.stream().anyMatch(e -> e.type().equals("rc-login-status-notify")) ? true : null);
            assertThat(chromium.console()).noneMatch(line -> line.contains("answered 403"));
        }
    }

    private static StandInWidget start() {
        try {
            return new StandInWidget();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A single-page application's shell, and reactive Spring Security's SPA CSRF set-up from its docs. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {

        final List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();

        @GetMapping(path = "/", produces = "text/html")
        Mono<String> shell() {
            return Mono.just("<!doctype html><html><head><title>SPA</title></head><body><div id=\"root\"></div></body></html>");
        }

        @Bean
        WidgetEventListener collect() {
            return received::add;
        }

        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.authorizeExchange(e -> e.anyExchange().permitAll())
                    .csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                            .csrfTokenRequestHandler(new SpaServerCsrfTokenRequestHandler()))
                    .build();
        }
    }

    /** Spring Security's reference, "Single-Page Applications" (reactive): a header is compared with the raw token. */
    static final class SpaServerCsrfTokenRequestHandler extends ServerCsrfTokenRequestAttributeHandler {
        private final ServerCsrfTokenRequestAttributeHandler delegate = new XorServerCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
            delegate.handle(exchange, csrfToken);
        }

        @Override
        public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
            boolean header = exchange.getRequest().getHeaders().getFirst(csrfToken.getHeaderName()) != null;
            return header ? super.resolveCsrfTokenValue(exchange, csrfToken) : delegate.resolveCsrfTokenValue(exchange, csrfToken);
        }
    }
}

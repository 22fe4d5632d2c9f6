package io.github.embeddable4j.examples.spa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.examples.testing.BridgeProbe;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.util.ArrayList;
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
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Security's default (masked) CSRF handling with the cookie repository its docs give JavaScript applications
 * ({@code CookieCsrfTokenRepository.withHttpOnlyFalse()}: the raw token in a cookie the page reads), and a CRM endpoint
 * the user's role may not call: a 403 of an access rule, not of the CSRF check. A review proved that this 403 switched
 * the bridge script to the raw token for good, which this set-up refuses, so every later event was refused too. Now
 * only an answer the CSRF check let through decides which token is sent, and a 403 to both tokens changes nothing.
 */
@SpringBootTest(classes = CsrfAccessRuleBrowserTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:csrf-access-rule;DB_CLOSE_DELAY=-1", "ringcentral.embeddable.setup-page.enabled=false"})
class CsrfAccessRuleBrowserTest {

    private static final StandInWidget WIDGET = SpaBrowser.standInWidget();

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
    void anAccessRules403OfTheCrmEndpointDoesNotBreakTheEvents() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            SpaBrowser.signInAndOpenTheShell(chromium, port);
            StandInFrame frame = new StandInFrame(chromium).awaitFrame();

            // This set-up takes the page's masked token and refuses the cookie's raw one.
            assertThat(BridgeProbe.status(chromium, BridgeProbe.maskedToken(chromium))).isEqualTo(202L);
            assertThat(BridgeProbe.status(chromium, null)).isEqualTo(403L);

            // The CRM registration is refused by an access rule (the user lacks the role): a 403 that is not CSRF.
            List<String> console = new ArrayList<>();
            chromium.await(d -> {
                console.addAll(chromium.console());
                return console.stream().anyMatch(l -> l.contains("answered 403 to the CRM's registration")) ? true : null;
            });

            frame.emit(SpaBrowser.ring("r403-1"));
            chromium.await(d -> app.received.stream().anyMatch(e -> e.event().json().contains("r403-1")) ? true : null);
            assertThat(chromium.console()).noneMatch(line -> line.contains("the event endpoint answered 403"));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {

        final List<ReceivedWidgetEvent> received = new CopyOnWriteArrayList<>();

        @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
        String shell() {
            return SpaBrowser.SHELL;
        }

        @Bean
        WidgetEventListener collect() {
            return received::add;
        }

        @Bean
        ContactProvider contacts() {
            return SpaBrowser.noContacts();
        }

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.requestMatchers("/embeddable4j/service").hasRole("CRM")
                            .anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("ada").password("{noop}lovelace").roles("USER").build());
        }
    }
}

package io.github.embeddable4j.examples.spa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.examples.testing.BridgeProbe;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import io.github.embeddable4j.examples.testing.StandInWidget;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A single-page application's CSRF set-up (Spring Security 7's {@code csrf.spa()}: the raw token in a cookie the
 * page's scripts read, a header compared with the raw token): the bridge's events reach the listener. A trial found
 * them all refused with a bare 403, because the page carries Spring Security's masked token, which this set-up does
 * not unmask from a header; the bridge script now sends the raw token when the masked one unmasks to a cookie's value
 * and was refused. The CRM's registration goes through the same check.
 */
@SpringBootTest(classes = SpaCsrfBrowserTest.SpaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:spa-csrf;DB_CLOSE_DELAY=-1", "ringcentral.embeddable.setup-page.enabled=false"})
class SpaCsrfBrowserTest {

    private static final StandInWidget WIDGET = SpaBrowser.standInWidget();

    @LocalServerPort
    int port;

    @Autowired
    SpaApplication app;

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
    void theWidgetsEventsPassASinglePageCsrfCheck() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            SpaBrowser.signInAndOpenTheShell(chromium, port);
            StandInFrame frame = new StandInFrame(chromium).awaitFrame();
            // The CRM's registration is a call to the bridge too, through the same check.
            frame.awaitType("rc-adapter-register-third-party-service");

            // The set-up really refuses the masked token the page carries, and takes the cookie's raw one.
            assertThat(BridgeProbe.status(chromium, BridgeProbe.maskedToken(chromium))).isEqualTo(403L);
            assertThat(BridgeProbe.status(chromium, null)).isEqualTo(202L);

            frame.emit(SpaBrowser.ring("spa-1"));
            chromium.await(d -> app.received.stream().anyMatch(e -> e.event().json().contains("spa-1")) ? true : null);
            assertThat(app.received).filteredOn(e -> e.event().json().contains("spa-1"))
                    .singleElement().satisfies(e -> assertThat(e.userName()).hasValue("ada"));
            assertThat(chromium.console()).noneMatch(line -> line.contains("answered 403"));
        }
    }

    /** A single-page application's server: its shell page, Spring Security with {@code csrf.spa()}, a listener. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class SpaApplication {

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
            return http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .csrf(csrf -> csrf.spa())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("ada").password("{noop}lovelace").roles("USER").build());
        }
    }
}

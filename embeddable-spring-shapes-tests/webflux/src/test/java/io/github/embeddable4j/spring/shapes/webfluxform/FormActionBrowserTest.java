package io.github.embeddable4j.spring.shapes.webfluxform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.WebFilter;

/**
 * Connect-on-login under a strict policy's {@code form-action 'self'}, in Chromium: the sign-in form's answer is
 * redirected on to the connect path and from there to RingCentral's authorize endpoint, another origin, and Chromium
 * checks each redirect of a form's submission against {@code form-action}. A servlet trial's users stayed on the
 * sign-in page. The policy with the starter's {@link CspSources} merged in allows the authorize origin (and only in
 * {@code form-action}); without it, the block is shown to happen first.
 */
@SpringBootTest(classes = FormLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(FormActionBrowserTest.Policy.class)
class FormActionBrowserTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("strict-policy-app", CALLBACK);
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'";
    /** Whether the sign-in page's policy has the starter's sources merged in. */
    static volatile boolean merged;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SignInOnceSettings.add(registry, PORT, "strict-policy-app", CALLBACK, RINGCENTRAL);
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Policy {
        /** The application's policy on its sign-in page (Spring Security's own), merged with the starter's or not. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Security's, which writes the sign-in page itself
        WebFilter signInPagePolicy(CspSources widget) {
            return (exchange, chain) -> {
                if (exchange.getRequest().getPath().value().equals("/login")) {
                    exchange.getResponse().getHeaders().set("Content-Security-Policy", merged ? widget.mergeInto(POLICY) : POLICY);
                }
                return chain.filter(exchange);
            };
        }
    }

    @Autowired
    CspSources widget;

    @Test
    void theStartersSourcesLetTheSignInFormBeRedirectedToRingCentral() throws Exception {
        assertThat(widget.sources("form-action")).containsExactly(RINGCENTRAL.url("").replaceAll("/+$", ""));
        assertThat(widget.mergeInto("default-src 'self'")).as("a policy without form-action gets none")
                .doesNotContain("form-action");

        int before = RINGCENTRAL.authorizeRequests.get();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            merged = false;
            signIn(chromium);
            List<String> console = new ArrayList<>();
            chromium.await(d -> {
                console.addAll(chromium.console()); // console() hands each line once
                return console.stream().anyMatch(l -> l.contains("form-action")) ? true : null;
            });
            assertThat(console).as("the application's own policy blocks the redirect (the trial's case)")
                    .anyMatch(l -> l.contains("violates the following Content Security Policy directive: \"form-action 'self'\""));
            assertThat(RINGCENTRAL.authorizeRequests).hasValue(before);
        }
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            merged = true;
            signIn(chromium);
            chromium.await(d -> RINGCENTRAL.authorizeRequests.get() == before + 1
                    && d.getCurrentUrl().equals("http://localhost:" + PORT + "/inbox"));
        }
    }

    /** Signs ada in with the sign-in page's form. */
    private static void signIn(HeadlessChromium chromium) {
        chromium.driver().get("http://localhost:" + PORT + "/inbox");
        chromium.await(d -> d.getCurrentUrl().equals("http://localhost:" + PORT + "/login"));
        chromium.driver().findElement(By.id("username")).sendKeys("ada");
        chromium.driver().findElement(By.id("password")).sendKeys("secret");
        chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();
    }
}

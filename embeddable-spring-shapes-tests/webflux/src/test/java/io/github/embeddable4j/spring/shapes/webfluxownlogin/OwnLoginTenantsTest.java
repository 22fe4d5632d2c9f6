package io.github.embeddable4j.spring.shapes.webfluxownlogin;

import static io.github.embeddable4j.servlet.testing.SignInBrowser.logoutMarks;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.testing.MockRingCentral;
import io.github.embeddable4j.servlet.testing.SignInBrowser;
import io.github.embeddable4j.spring.shapes.webfluxform.SignInOnceSettings;
import io.github.embeddable4j.spring.webflux.ReactiveEmbeddableSelector;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A WebFlux application's own sign-in handler passing {@code connect} on every host, with tenants: a first sign-in
 * where the selector picks a widget on the demo app (127.0.0.1 here) neither marks that widget (the mark would log out
 * the login of its own popup at every new session) nor connects; on the starter's own widget's host it does both. The
 * login filter asks its selector (core's {@code LoginEndpoints.connectsAtSignIn}), as the servlet flow does.
 */
@SpringBootTest(classes = OwnLoginApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(OwnLoginTenantsTest.Tenants.class)
class OwnLoginTenantsTest {

    static final int PORT = MockRingCentral.freePort();
    static final String CALLBACK = "http://localhost:" + PORT + "/ringcentral/redirect";
    static final MockRingCentral RINGCENTRAL = MockRingCentral.start("webflux-own-login", CALLBACK);
    static final Embeddable DEMO = Embeddable.of(EmbeddableConfig.builder().prefix("dm").build());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SignInOnceSettings.add(registry, PORT, "webflux-own-login", CALLBACK, RINGCENTRAL);
        registry.add("ringcentral.embeddable.inject.anonymous", () -> "true");
        registry.add("ringcentral.embeddable.login.connect-on-login", () -> "true");
    }

    @AfterAll
    static void stop() {
        RINGCENTRAL.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Tenants {
        @Bean
        ReactiveEmbeddableSelector tenantSelector(Embeddable own) {
            return exchange -> "127.0.0.1".equals(exchange.getRequest().getURI().getHost()) ? DEMO : own;
        }
    }

    @Test
    void aFirstSignInOnTheDemoTenantsHostNeitherMarksNorConnects() throws Exception {
        SignInBrowser demo = new SignInBrowser("http://127.0.0.1:" + PORT);
        HttpResponse<String> signIn = demo.post("/signin?user=ada");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
        assertThat(logoutMarks(signIn)).as("no mark on the demo tenant's widget").isEmpty();
        HttpResponse<String> page = demo.navigate("/inbox");
        assertThat(page.statusCode()).as("not sent to a connect").isEqualTo(200);
        assertThat(page.body()).contains("data-prefix=\"dm\"").doesNotContain("data-logout");

        SignInBrowser own = new SignInBrowser("http://localhost:" + PORT);
        assertThat(logoutMarks(own.post("/signin?user=ada"))).as("the starter's widget is marked").isNotEmpty();
        assertThat(own.navigate("/inbox").statusCode()).as("and connects").isEqualTo(302);
    }
}

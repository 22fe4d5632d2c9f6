package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServlet;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign in once per tenant, Vaadin: a component built with a tenant's widget of the SAME RingCentral app as the default
 * (same client ID, its own redirect URI on its own host), in a session that also holds the default tenant's waiting
 * code (a parent-domain session cookie). The published functions are those LoginHandoffFlow.publishIn publishes (each
 * serves the widget named by PUBLISHED_WIDGET_ATTRIBUTE, as PublishedHandoffTest.ATenantsComponentThatSignsInOnce
 * publishes them). The tenant's component must leave the default's code alone (a review found it taking it, when the issuer
 * left out the redirect URI: the attach failed and the code was gone for acme too).
 */
class SameAppTenantHandoffTest {

    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://acme.crm.example/ringcentral/redirect").build());
    private static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://globex.crm.example/ringcentral/redirect").prefix("gx").build());
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(ACME)
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();

    private final Map<String, Object> attributes = new HashMap<>();
    private final LoginEndpoints.Session session = new LoginEndpoints.Session() {
        @Override
        public @Nullable Object get(String name) {
            return attributes.get(name);
        }

        @Override
        public void set(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void remove(String name) {
            attributes.remove(name);
        }
    };

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        Predicate<Embeddable> signsIn = w -> ENDPOINTS.forWidget(w) != null;
        Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take = request -> {
            LoginEndpoints theirs = request.getAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE) instanceof Embeddable w
                    ? ENDPOINTS.forWidget(w) : ENDPOINTS;
            return theirs == null ? null : theirs.takeHandoff(session, () -> theirs.externalAuthIdOf("ada"));
        };
        var context = VaadinServlet.getCurrent().getServletContext();
        context.setAttribute(LoginEndpoints.PUBLISHED_SIGNS_IN_ATTRIBUTE, signsIn);
        context.setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void aComponentOfAnotherTenantOfTheSameAppLeavesTheDefaultsCode() {
        String ada = ENDPOINTS.externalAuthIdOf("ada");
        var connect = (LoginEndpoints.Redirect) ENDPOINTS.connect("", ada, "/contacts", () -> session);
        String state = URI.create(connect.location()).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        ENDPOINTS.callback("", session, new LoginEndpoints.Callback(state, "acme-c0de", null, null), ada);
        assertThat(ENDPOINTS.hasWaitingHandoff(session)).isTrue();
        assertThat(ENDPOINTS.forWidget(GLOBEX)).as("globex signs in once").isNotNull();

        Throwable attach = org.assertj.core.api.Assertions.catchThrowable(() -> UI.getCurrent().add(new RingCentralEmbeddable(GLOBEX)));
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        soft.assertThat(attach).as("globex's view attaches its phone").isNull();
        soft.assertThat(ENDPOINTS.hasWaitingHandoff(session)).as("acme's code still waits for acme's view").isTrue();
        soft.assertAll();
    }
}

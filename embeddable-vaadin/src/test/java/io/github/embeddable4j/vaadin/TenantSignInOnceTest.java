package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.server.VaadinServlet;
import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/tenants.md's Vaadin recipe builds the component with the tenant's widget; sign in once (published by the
 * starter, or LoginHandoffFlow.publishIn, with its widget's redirect URI) serves the starter's own widget only. A review
 * found a component built with another tenant's widget taking the starter widget's waiting login handoff (acme's code
 * spent on globex's widget, which refused it) and its connect-on-login mark (the window sent to a connect path that
 * answers 404 on that tenant's host). The starter's own widget still takes both.
 */
class TenantSignInOnceTest {

    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("acmeClientId123")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).prefix("gx").build());
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
        java.util.function.Supplier<String> flowsWidget = ACME::redirectUri; // as both publishers publish it
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_REDIRECT_URI_ATTRIBUTE, flowsWidget);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private static List<String> js() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<String> calls = new ArrayList<>();
        for (PendingJavaScriptInvocation p : ui.getInternals().dumpPendingJavaScriptInvocations()) {
            calls.add(p.getInvocation().getExpression() + " " + p.getInvocation().getParameters());
        }
        return calls;
    }

    @Test
    void anotherTenantsComponentDoesNotTakeTheStarterWidgetsLoginHandoff() {
        String ada = ENDPOINTS.externalAuthIdOf("ada");
        var connect = (LoginEndpoints.Redirect) ENDPOINTS.connect("", ada, "/contacts", () -> session);
        String state = URI.create(connect.location()).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        ENDPOINTS.callback("", session, new LoginEndpoints.Callback(state, "c0de", null, null), ada);
        Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take =
                request -> ENDPOINTS.takeHandoff(session, () -> ada);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);

        UI.getCurrent().add(new RingCentralEmbeddable(GLOBEX)); // the view's phone for globex's request
        assertThat(js()).as("globex's widget, loaded with acme's login").noneMatch(s -> s.contains("authorizationCode=c0de"));
        assertThat(ENDPOINTS.hasWaitingHandoff(session)).as("acme's handoff left for acme's widget").isTrue();
    }

    @Test
    void anotherTenantsComponentIsNotSentToTheStarterWidgetsConnect() {
        java.util.function.BiFunction<HttpServletRequest, String, @Nullable String> published =
                (request, path) -> ENDPOINTS.takeConnectHref(session, "", path);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, published);
        ENDPOINTS.connectAtNextPage(session); // what flow.signedIn(..., connect = true) does at a sign-in on globex's host

        UI.getCurrent().add(new RingCentralEmbeddable(GLOBEX));
        assertThat(js()).as("globex's view sent to acme's connect path").noneMatch(s -> s.contains("/ringcentral/connect"));
    }

    @Test
    void theStarterWidgetsComponentStillTakesItsHandoffAndItsConnect() {
        String ada = ENDPOINTS.externalAuthIdOf("ada");
        var connect = (LoginEndpoints.Redirect) ENDPOINTS.connect("", ada, "/contacts", () -> session);
        String state = URI.create(connect.location()).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        ENDPOINTS.callback("", session, new LoginEndpoints.Callback(state, "c0de", null, null), ada);
        Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take =
                request -> ENDPOINTS.takeHandoff(session, () -> ada);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);
        UI.getCurrent().add(new RingCentralEmbeddable(ACME));
        assertThat(js()).anyMatch(s -> s.contains("authorizationCode=c0de"));

        java.util.function.BiFunction<HttpServletRequest, String, @Nullable String> published =
                (request, path) -> ENDPOINTS.takeConnectHref(session, "", path);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, published);
        ENDPOINTS.connectAtNextPage(session);
        MockVaadin.tearDown();
        MockVaadin.setup(); // the next request
        java.util.function.Supplier<String> flowsWidget = ACME::redirectUri;
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_REDIRECT_URI_ATTRIBUTE, flowsWidget);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, published);
        UI.getCurrent().add(new RingCentralEmbeddable(ACME));
        assertThat(js()).anyMatch(s -> s.contains("/ringcentral/connect"));
    }
}

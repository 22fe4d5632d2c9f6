package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.internal.CurrentInstance;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connect on login for a sign-in in a UI event (no page load follows) sends the window to the connect path
 * coming back to the view. Under Vaadin's servlet mapping (vaadin.url-mapping=/app/*) the view is at /app/contacts,
 * as the component's own connectHref(ContactsView.class) says (a review found the window sent back to /contacts, a 404).
 */
class MappedConnectOnLoginTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(EMBEDDABLE)
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();

    private final MapSession session = new MapSession();
    /**
     * Held here: Vaadin keeps current instances by weak reference, and a collection between set-up and test left the
     * test without a request (a CI run failed so, now and then).
     */
    private VaadinServletRequest mappedRequest;

    @com.vaadin.flow.router.Route("")
    public static final class LoginView extends com.vaadin.flow.component.html.Div {
    }

    @com.vaadin.flow.router.Route("contacts")
    public static final class ContactsView extends com.vaadin.flow.component.html.Div {
        public ContactsView() {
            add(new RingCentralEmbeddable(EMBEDDABLE));
        }
    }

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new com.github.mvysny.kaributesting.v10.Routes(
                new java.util.HashSet<>(java.util.Set.of(LoginView.class, ContactsView.class)), new java.util.HashSet<>(), true));
        // What LoginHandoffFlow.publishIn publishes (connect mark and connect links), for ada's session
        BiFunction<HttpServletRequest, String, @Nullable String> connect =
                (request, path) -> ENDPOINTS.takeConnectHref(session, request.getContextPath(), path);
        BiFunction<HttpServletRequest, String, @Nullable String> connectHref = (request, path) ->
                ENDPOINTS.connectHrefToPage(request.getContextPath(), request.getContextPath() + path, null);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, connect);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_HREF_ATTRIBUTE, connectHref);
        // Vaadin mapped at /app/* (vaadin.url-mapping=/app/*): the request's servlet path is /app
        VaadinServletRequest current = (VaadinServletRequest) VaadinRequest.getCurrent();
        HttpServletRequest mapped = new HttpServletRequestWrapper(current.getHttpServletRequest()) {
            @Override
            public String getServletPath() {
                return "/app";
            }
        };
        mappedRequest = new VaadinServletRequest(mapped, current.getService());
        CurrentInstance.set(VaadinRequest.class, mappedRequest);
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
    void aSignInInAUiEventUnderAServletMappingComesBackToTheView() {
        ENDPOINTS.connectAtNextPage(session); // flow.signedIn(..., connect = true) in the login view's UI event
        UI.getCurrent().navigate("contacts");
        RingCentralEmbeddable phone = (RingCentralEmbeddable) UI.getCurrent().getCurrentView().getChildren()
                .filter(RingCentralEmbeddable.class::isInstance).findFirst().orElseThrow();
        String viewsOwnLink = phone.connectHref(ContactsView.class).orElseThrow();
        assertThat(viewsOwnLink).isEqualTo("/ringcentral/connect?return=%2Fapp%2Fcontacts");
        assertThat(js()).filteredOn(s -> s.contains("window.open($0, $1)")).singleElement().asString()
                .as("the window is sent to connect and back to the view at /app/contacts").contains(viewsOwnLink);
    }
}

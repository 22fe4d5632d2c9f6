package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.WidgetLogoutCookie;
import io.github.embeddable4j.core.message.WidgetCommand;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign in once in a Vaadin view without code of the application's: where the flow is published in the servlet context
 * (the Spring starter with login.enabled, or LoginHandoffFlow.publishIn), the first component attached in a request
 * takes the user's waiting handoff and loads the widget with it, once; pages the servlet filter writes do the same.
 */
class PublishedHandoffTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final LoginEndpoints ENDPOINTS = LoginEndpoints.builder(EMBEDDABLE)
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();

    private final MapSession session = new MapSession();
    private final AtomicInteger asked = new AtomicInteger();

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** Connects ada and answers RingCentral's callback, so her handoff waits in the session, as after a connect. */
    private void adaConnected() {
        String ada = ENDPOINTS.externalAuthIdOf("ada");
        var connect = (LoginEndpoints.Redirect) ENDPOINTS.connect("", ada, "/contacts", () -> session);
        String state = URI.create(connect.location()).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        ENDPOINTS.callback("", session, new LoginEndpoints.Callback(state, "c0de", null, null), ada);
        assertThat(ENDPOINTS.hasWaitingHandoff(session)).isTrue();
    }

    /** What LoginHandoffFlow.publishIn publishes, for ada's session; counts how often it is asked. */
    private void publish() {
        Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take = request -> {
            asked.incrementAndGet();
            return ENDPOINTS.takeHandoff(session, () -> ENDPOINTS.externalAuthIdOf("ada"));
        };
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);
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

    private static FakeRequest request() {
        return (FakeRequest) ((VaadinServletRequest) VaadinRequest.getCurrent()).getRequest();
    }

    @Test
    void theFirstFloatingComponentLoadsTheWidgetWithTheWaitingLoginOnce() {
        adaConnected();
        publish();
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(first, second);
        List<String> sent = js();
        assertThat(sent).filteredOn(s -> s.contains("Adapter(") && !s.contains("sourceURL=embeddable4j.js")).singleElement().asString()
                .contains("reloadAdapter", "authorizationCode=c0de", "externalAuthId=" + ENDPOINTS.externalAuthIdOf("ada"));
        assertThat(asked).as("asked once per request, by the first component").hasValue(1);
        assertThat(ENDPOINTS.hasWaitingHandoff(session)).as("taken and rendered").isFalse();

        request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null); // the next request
        UI.getCurrent().removeAll();
        UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE));
        assertThat(js()).noneMatch(s -> s.contains("authorizationCode"));
    }

    @Test
    void anInlineFrameGetsTheWaitingLoginAndTheSignOutMarkIsMoot() {
        adaConnected();
        publish();
        request().addCookie(new Cookie(WidgetLogoutCookie.NAME, "1")); // grace signed out before ada connected
        RingCentralEmbeddable inline = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(inline);
        assertThat(inline.getElement().getChild(0).getAttribute("src")).contains("authorizationCode=c0de");
        // the login replaces grace's RingCentral user: a logout now would log ada out
        assertThat(inline.getQueuedCommands()).extracting(WidgetCommand::type).doesNotContain("rc-adapter-logout");
    }

    @Test
    void withNothingPublishedOrNothingWaitingTheWidgetLoadsAsAlways() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        assertThat(js()).filteredOn(s -> s.contains("Adapter(") && !s.contains("sourceURL=embeddable4j.js")).singleElement().asString()
                .contains("loadAdapter").doesNotContain("authorizationCode");

        UI.getCurrent().removeAll();
        publish(); // published, but nobody connected
        request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null);
        UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE));
        assertThat(asked).hasValue(1);
        assertThat(js()).noneMatch(s -> s.contains("authorizationCode"));
    }

    /** What LoginHandoffFlow.publishIn publishes for connect on login, for ada's session (signed in). */
    private void publishConnect() {
        java.util.function.BiFunction<HttpServletRequest, String, @Nullable String> connect =
                (request, path) -> ENDPOINTS.takeConnectHref(session, "", path);
        VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, connect);
    }

    /** The login view, without the phone. */
    @com.vaadin.flow.router.Route("")
    public static final class LoginView extends com.vaadin.flow.component.html.Div {
    }

    /** A view with the phone, reached by the router. */
    @com.vaadin.flow.router.Route("contacts")
    public static final class ContactsView extends com.vaadin.flow.component.html.Div {
        public ContactsView() {
            add(new RingCentralEmbeddable(EMBEDDABLE));
        }
    }

    /**
     * A sign-in in a UI event (a LoginForm), then UI.navigate: no page load follows, so no filter sees a navigation
     * (a Vaadin trial: the connection waited for a reload). The view's phone sends the window through the connect path
     * and back to the view, once.
     */
    @Test
    void aSignInNoPageLoadFollowsConnectsFromTheViewOnce() {
        freshUi(ContactsView.class);
        publishConnect();
        UI.getCurrent().navigate("contacts");
        assertThat(js()).as("nobody marked: nothing").noneMatch(s -> s.contains("window.open($0, $1)"));

        ENDPOINTS.connectAtNextPage(session); // what flow.signedIn(..., connect = true) does
        request().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, null); // the next request
        request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null);
        UI.getCurrent().navigate("");
        UI.getCurrent().navigate("contacts");
        assertThat(js()).filteredOn(s -> s.contains("window.open($0, $1)")).singleElement().asString()
                .contains("/ringcentral/connect?return=%2Fcontacts");
        assertThat(ENDPOINTS.isConnectPending(session)).as("the mark taken").isFalse();

        request().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, null);
        request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null);
        UI.getCurrent().navigate("");
        UI.getCurrent().navigate("contacts");
        assertThat(js()).as("once").noneMatch(s -> s.contains("window.open($0, $1)"));
    }
    /**
     * A first sign-in with connect on login, in a UI event (LoginForm, then UI.navigate): the flow marks the widget's
     * old login for logout, for the case the connection does not come through. The view's phone sends the window to
     * the connect path, so it leaves the mark alone: taken there, it would log the widget out before its new login
     * (the same user after a session time-out signing in to RingCentral once more). The page that carries the login
     * drops the mark; a connect abandoned (consent declined) comes back without one, and the old login is logged out.
     */
    @Test
    void aViewLeavingForTheConnectLeavesTheSignInsLogoutMarkToThePageWithTheLogin() {
        freshUi(ContactsView.class);
        publishConnect();
        ENDPOINTS.connectAtNextPage(session); // flow.signedIn(..., connect = true) in the UI event
        request().setAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE, Boolean.TRUE); // and its first-sign-in mark
        UI.getCurrent().navigate("contacts");
        RingCentralEmbeddable leaving = phoneOfView();
        assertThat(js()).filteredOn(s -> s.contains("window.open($0, $1)")).hasSize(1);
        assertThat(leaving.getQueuedCommands()).extracting(WidgetCommand::type).doesNotContain("rc-adapter-logout");
        assertThat(setCookies()).as("the mark kept for the page with the login").isEmpty();

        nextRequest(); // back from RingCentral with the login: the page carrying it logs nothing out
        request().addCookie(new Cookie(WidgetLogoutCookie.NAME, "1"));
        adaConnected();
        UI.getCurrent().navigate("");
        UI.getCurrent().navigate("contacts");
        List<String> withLogin = js();
        assertThat(withLogin).anyMatch(s -> s.contains("authorizationCode=c0de"));
        assertThat(phoneOfView().getQueuedCommands()).extracting(WidgetCommand::type).doesNotContain("rc-adapter-logout");
        // the login replaces whoever the widget had: the mark goes once the widget reports it (left before, the next
        // page logs out whatever login its widget restores)
        assertThat(withLogin).noneMatch(s -> s.contains("clearLogoutMark"));
        ClientSide.widgetSays(phoneOfView(), "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        assertThat(js()).noneMatch(s -> s.contains("clearLogoutMark"));
        ClientSide.widgetSays(phoneOfView(), "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true}");
        assertThat(js()).anyMatch(s -> s.contains("clearLogoutMark"));

        // another browser: the same sign-in, the consent declined (no login comes back)
        freshUi(ContactsView.class);
        publishConnect();
        request().addCookie(new Cookie(WidgetLogoutCookie.NAME, "1"));
        UI.getCurrent().navigate("contacts");
        assertThat(phoneOfView().getQueuedCommands()).extracting(WidgetCommand::type).contains("rc-adapter-logout");
    }

    /**
     * A frame loaded again with the same handoff (each sign-in's externalAuthId is new, so only then): the widget keeps
     * the login it made with that id and reports no fresh one. The page's glue says so (the login restored is kept for
     * the handoff the frame carries); the component, waiting for that login, ends the mark and stops waiting for a
     * fresh login, whose arrival later must not clear a mark set since. Waiting for it, the next page logged the user's
     * own phone out (a Vaadin trial's re-run, when the same user's id was not yet new at each sign-in). A claim on a
     * page whose widget carries no handoff does not stop a sign-out's logout.
     */
    @Test
    void aLoginTheWidgetKeepsForTheHandoffsUserEndsTheWaitForAFreshLogin() {
        java.util.function.Predicate<String> clears = s -> s.contains("window.embeddable4j.clearLogoutMark()");
        freshUi(ContactsView.class);
        request().addCookie(new Cookie(WidgetLogoutCookie.NAME, "1"));
        adaConnected();
        UI.getCurrent().navigate("contacts");
        assertThat(js()).anyMatch(s -> s.contains("authorizationCode=c0de")).noneMatch(clears);
        String restored = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}";
        ClientSide.widgetSays(phoneOfView(), restored);
        assertThat(js()).as("a login restored, not known kept: still waiting").noneMatch(clears);
        ClientSide.widgetSaysKeptForHandoff(phoneOfView(), restored);
        assertThat(js()).as("the wait ended").anyMatch(clears);
        ClientSide.widgetSays(phoneOfView(), restored.replace("false", "true"));
        assertThat(js()).as("nothing waits any more").noneMatch(clears);

        // another page, after another sign-out, without a login: its logout goes, whatever is claimed
        freshUi(ContactsView.class);
        request().addCookie(new Cookie(WidgetLogoutCookie.NAME, "1"));
        UI.getCurrent().navigate("contacts");
        js();
        ClientSide.widgetSaysKeptForHandoff(phoneOfView(), restored);
        assertThat(js()).anyMatch(s -> s.contains("window.embeddable4j.signOutLogout("));
    }

    /** A new UI (another browser, or the same one's next page load) routing to the login view and {@code view}, published. */
    private void freshUi(Class<? extends com.vaadin.flow.component.Component> view) {
        MockVaadin.tearDown();
        MockVaadin.setup(new com.github.mvysny.kaributesting.v10.Routes(
                new java.util.HashSet<>(java.util.Set.of(LoginView.class, view)), new java.util.HashSet<>(), true));
        publish();
    }

    private static RingCentralEmbeddable phoneOfView() {
        return (RingCentralEmbeddable) UI.getCurrent().getCurrentView().getChildren()
                .filter(RingCentralEmbeddable.class::isInstance).findFirst().orElseThrow();
    }

    private static List<String> setCookies() {
        var response = (com.github.mvysny.fakeservlet.FakeResponse) ((com.vaadin.flow.server.VaadinServletResponse)
                com.vaadin.flow.server.VaadinResponse.getCurrent()).getResponse();
        return List.copyOf(response.getHeaders("Set-Cookie"));
    }

    private static void nextRequest() {
        request().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, null);
        request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null);
        request().setAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE, null);
        request().setAttribute(WidgetLogoutCookie.NAME, null);
    }
    /** A view with two phones, inline and floating. */
    @com.vaadin.flow.router.Route("desk")
    public static final class DeskView extends com.vaadin.flow.component.html.Div {
        public DeskView() {
            add(new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE), new RingCentralEmbeddable(EMBEDDABLE));
        }
    }

    /** A review: the second phone of a view leaving for the connect took the mark the first one had left. */
    @Test
    void everyPhoneOfAViewLeavingForTheConnectLeavesTheMark() {
        freshUi(DeskView.class);
        publishConnect();
        ENDPOINTS.connectAtNextPage(session);
        request().setAttribute(WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE, Boolean.TRUE);
        UI.getCurrent().navigate("desk");
        assertThat(js()).filteredOn(s -> s.contains("window.open($0, $1)")).hasSize(1);
        List<RingCentralEmbeddable> phones = UI.getCurrent().getCurrentView().getChildren()
                .filter(RingCentralEmbeddable.class::isInstance).map(RingCentralEmbeddable.class::cast).toList();
        assertThat(phones).hasSize(2).allSatisfy(phone ->
                assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).doesNotContain("rc-adapter-logout"));
        assertThat(setCookies()).as("the mark kept for the page with the login").isEmpty();
    }

    /**
     * docs/tenants.md's Vaadin recipe builds the component with the tenant's widget; sign in once, published with which
     * widgets it signs in, serves those only (globex has no redirect URI of its own). A review found a component built with another tenant's widget
     * taking the published widget's waiting handoff (ada's code spent on it, which then refused it) and its connect
     * mark (the window sent to a connect path that answers 404 on that tenant's host).
     */
    @org.junit.jupiter.api.Nested
    class AnotherTenantsComponent {

        private final Embeddable globex = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
                .prefix("gx").build());

        @BeforeEach
        void publishTheFlowsWidgets() {
            java.util.function.Predicate<Embeddable> signsIn = w -> ENDPOINTS.forWidget(w) != null; // as LoginHandoffFlow.publishIn
            VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_SIGNS_IN_ATTRIBUTE, signsIn);
        }

        @Test
        void takesNeitherTheWaitingHandoffNorTheConnectMark() {
            adaConnected();
            publish();
            java.util.function.BiFunction<HttpServletRequest, String, @Nullable String> connect =
                    (request, path) -> ENDPOINTS.takeConnectHref(session, "", path);
            VaadinServlet.getCurrent().getServletContext().setAttribute(LoginEndpoints.PUBLISHED_CONNECT_ATTRIBUTE, connect);
            ENDPOINTS.connectAtNextPage(session); // what a sign-in on globex's host marks

            UI.getCurrent().add(new RingCentralEmbeddable(globex));
            List<String> sent = js();
            assertThat(sent).noneMatch(s -> s.contains("authorizationCode=c0de")).noneMatch(s -> s.contains("/ringcentral/connect"));
            assertThat(ENDPOINTS.hasWaitingHandoff(session)).as("ada's handoff left for the flow's widget").isTrue();

            request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null); // the next request
            UI.getCurrent().removeAll();
            UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE)); // the flow's own widget still takes it
            assertThat(js()).anyMatch(s -> s.contains("authorizationCode=c0de"));
        }

        /**
         * The sign-out mark is every widget's: globex's may keep a login made in its own popup, which a Vaadin trial's
         * next user at the browser kept when a component without sign in once left the mark alone.
         */
        @Test
        void takesTheSignOutMarkAllTheSame() {
            publish();
            request().addCookie(new Cookie(WidgetLogoutCookie.NAME, "1")); // the application's user signed out
            RingCentralEmbeddable phone = new RingCentralEmbeddable(globex);
            UI.getCurrent().add(phone);
            assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).contains("rc-adapter-logout");
            assertThat(setCookies()).as("kept until the logout is sent").isEmpty();
        }
    }

    /**
     * Sign in once per tenant: a component built with a tenant's widget that has its own app and redirect URI takes
     * that tenant's waiting handoff, named to the published functions by the request attribute, and leaves the
     * default widget's; the default's component leaves the tenant's.
     */
    @org.junit.jupiter.api.Nested
    class ATenantsComponentThatSignsInOnce {

        private final Embeddable beta = Embeddable.of(EmbeddableConfig.builder().clientId("betaClientId")
                .redirectUri("https://beta.example.com/ringcentral/redirect").prefix("bt").build());
        private final LoginEndpoints betaEndpoints = ENDPOINTS.forWidget(beta);

        /** What LoginHandoffFlow.publishIn publishes: each function serves the widget the request names. */
        @BeforeEach
        void publishPerWidget() {
            java.util.function.Predicate<Embeddable> signsIn = w -> ENDPOINTS.forWidget(w) != null;
            Function<HttpServletRequest, LoginEndpoints.@Nullable Reservation> take = request -> {
                LoginEndpoints theirs = request.getAttribute(LoginEndpoints.PUBLISHED_WIDGET_ATTRIBUTE) instanceof Embeddable w
                        ? ENDPOINTS.forWidget(w) : ENDPOINTS;
                return theirs.takeHandoff(session, () -> theirs.externalAuthIdOf("ada"));
            };
            var context = VaadinServlet.getCurrent().getServletContext();
            context.setAttribute(LoginEndpoints.PUBLISHED_SIGNS_IN_ATTRIBUTE, signsIn);
            context.setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, take);
        }

        private void adaConnectedToBeta() {
            String ada = betaEndpoints.externalAuthIdOf("ada");
            var connect = (LoginEndpoints.Redirect) betaEndpoints.connect("", ada, "/calls", () -> session);
            assertThat(connect.location()).contains("client_id=betaClientId");
            String state = URI.create(connect.location()).getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
            betaEndpoints.callback("", session, new LoginEndpoints.Callback(state, "b3ta", null, null), ada);
        }

        /**
         * A tenant of the default's own app (the same client ID, its own redirect URI): its component leaves the
         * default's code, which its widget could not exchange (a review found the attach failing and the code lost
         * while the issuer left out the redirect URI).
         */
        @Test
        void aTenantOfTheSameAppLeavesTheDefaultsCode() {
            Embeddable sameApp = Embeddable.of(EmbeddableConfig.builder().clientId("abc").prefix("gx")
                    .redirectUri("https://globex.crm.example/ringcentral/redirect").build());
            assertThat(ENDPOINTS.forWidget(sameApp)).as("it signs in once").isNotNull();
            adaConnected();
            UI.getCurrent().add(new RingCentralEmbeddable(sameApp));
            assertThat(js()).noneMatch(s -> s.contains("authorizationCode=c0de"));
            assertThat(ENDPOINTS.hasWaitingHandoff(session)).as("the default's code still waits for its view").isTrue();
        }

        @Test
        void takesItsTenantsHandoffAndNotTheDefaults() {
            adaConnectedToBeta();
            UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE));
            assertThat(js()).noneMatch(s -> s.contains("authorizationCode=b3ta"));
            assertThat(betaEndpoints.hasWaitingHandoff(session)).as("left for beta's widget").isTrue();

            request().setAttribute(LoginEndpoints.PUBLISHED_HANDOFF_ATTRIBUTE, null); // the next request
            UI.getCurrent().removeAll();
            UI.getCurrent().add(new RingCentralEmbeddable(beta));
            assertThat(js()).anyMatch(s -> s.contains("authorizationCode=b3ta") && s.contains("clientId=betaClientId"));
            assertThat(betaEndpoints.hasWaitingHandoff(session)).isFalse();
        }
    }
}

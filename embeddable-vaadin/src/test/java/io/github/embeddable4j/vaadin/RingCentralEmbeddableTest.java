package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.allJs;
import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.github.embeddable4j.core.ClientGlue;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.message.CallAction;
import io.github.embeddable4j.core.message.DndStatus;
import io.github.embeddable4j.core.message.UserStatus;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.event.CallEndEvent;
import io.github.embeddable4j.vaadin.event.CallRingEvent;
import io.github.embeddable4j.vaadin.event.DialerReadyEvent;
import io.github.embeddable4j.vaadin.event.InboundMessageEvent;
import io.github.embeddable4j.vaadin.event.LoginStatusEvent;
import io.github.embeddable4j.vaadin.event.PresenceEvent;
import io.github.embeddable4j.vaadin.event.RouteChangedEvent;
import io.github.embeddable4j.vaadin.event.WidgetMessageEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component in a mocked Vaadin UI (Karibu-Testing): what it sends to the browser and what it fires. */
class RingCentralEmbeddableTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** The application's sign-out left its mark: the current request carries the widget-logout cookie. */
    private static com.github.mvysny.fakeservlet.FakeRequest signOutMark() {
        var request = (com.github.mvysny.fakeservlet.FakeRequest) ((com.vaadin.flow.server.VaadinServletRequest)
                com.vaadin.flow.server.VaadinRequest.getCurrent()).getRequest();
        request.addCookie(new jakarta.servlet.http.Cookie(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, "1"));
        return request;
    }

    @Test
    void floatingLoadsTheLoaderOncePerUiWhateverTheNumberOfInstances() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(first, second);
        List<String> js = js();
        assertThat(js).filteredOn(s -> s.contains("window.embeddable4j.loadAdapter")).singleElement().asString()
                .contains(EMBEDDABLE.adapterUrl());
        assertThat(js).filteredOn(s -> s.contains("window.embeddable4j.attachElement")).hasSize(2)
                .allSatisfy(s -> assertThat(s).contains("floating", "rc-widget",
                        "[\"https://apps.ringcentral.com\",\"https://ringcentral.github.io\",\"https://appconnect.labs.ringcentral.com\"]"));
        UI.getCurrent().remove(second);
        UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE));
        assertThat(js()).noneMatch(s -> s.contains("window.embeddable4j.loadAdapter"));
        assertThat(first.getElement().getStyle().get("display")).isEqualTo("none");
    }

    @Test
    void theGlueIsSentOncePerUiAsScriptBeforeTheCallsThatUseIt() {
        // As script, not a URL: a static file of core's jar failed on Jetty 12.1.9+ with Vaadin 24.9 (a 500 from
        // Vaadin's static file server for WEB-INF/lib jars), and needed security rules and a versioned URL.
        UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE),
                new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE));
        List<String> first = allJs();
        assertThat(first.get(0)).startsWith(new String(ClientGlue.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(first).filteredOn(ClientSide::isGlue).hasSize(1);
        assertThat(first).filteredOn(s -> s.contains("window.embeddable4j.attachElement")).hasSize(2);
        assertThat(UI.getCurrent().getInternals().getDependencyList().getPendingSendToClient())
                .noneMatch(d -> d.getUrl().contains("embeddable4j"));

        RingCentralEmbeddable later = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(later);
        UI.getCurrent().remove(later);
        UI.getCurrent().add(later);
        assertThat(allJs()).noneMatch(ClientSide::isGlue).anyMatch(s -> s.contains("attachElement"));
    }

    @Test
    void inlineIsAnIframeOfTheAppUrlAndLoadsNoLoader() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setHeight("600px");
        UI.getCurrent().add(phone);
        Element frame = phone.getElement().getChild(0);
        assertThat(frame.getTag()).isEqualTo("iframe");
        assertThat(frame.getAttribute("src")).isEqualTo(EMBEDDABLE.appUrl());
        assertThat(frame.getAttribute("allow")).isEqualTo("microphone; autoplay");
        assertThat(phone.getHeight()).isEqualTo("600px");
        assertThat(js()).noneMatch(s -> s.contains("loadAdapter")).anyMatch(s -> s.contains("inline"));
        assertThat(frame.getAttribute("src")).startsWith(EMBEDDABLE.widgetOrigins().loaderOrigin());
    }

    @Test
    void commandsWaitForTheWidgetThenGoAsParameters() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        js();
        phone.call("+16505550101");
        phone.sms("+16505550102", "Hi \"'</script>");
        assertThat(phone.isWidgetReady()).isFalse();
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-new-call", "rc-adapter-new-sms");
        assertThat(js()).noneMatch(s -> s.contains("post"));

        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(phone.isWidgetReady()).isTrue();
        assertThat(phone.getQueuedCommands()).isEmpty();
        List<String> posted = js();
        assertThat(posted).hasSize(2).allSatisfy(s -> assertThat(s).contains("window.embeddable4j.post($0, $1)"));
        assertThat(posted.get(0)).contains(WidgetCommand.newCall("+16505550101", false).toJson());
        assertThat(posted.get(1)).contains(WidgetCommand.newSms("+16505550102", "Hi \"'</script>").toJson());

        phone.navigateTo("/messages");
        phone.controlCall(CallAction.HANGUP, "s1");
        phone.setPresence(UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS);
        phone.setMinimized(true);
        phone.logout();
        assertThat(js()).hasSize(5).anySatisfy(s -> assertThat(s).contains("rc-adapter-navigate-to"))
                .anySatisfy(s -> assertThat(s).contains("rc-adapter-logout"));
    }

    /**
     * The application's sign-out (the starter's login.logout-widget) leaves a cookie for the next page; a Vaadin view
     * is such a page too: its widget logs out before anything else, once, and the cookie is cleared.
     */
    @Test
    void theSignOutMarkLogsTheWidgetOutFirstAndOnce() {
        var request = signOutMark();
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        first.call("+16505550101"); // waiting before the attach: the logout still goes first
        UI.getCurrent().add(first, second);
        assertThat(first.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-logout", "rc-adapter-new-call");
        assertThat(second.getQueuedCommands()).isEmpty();
        var response = (com.github.mvysny.fakeservlet.FakeResponse) ((com.vaadin.flow.server.VaadinServletResponse)
                com.vaadin.flow.server.VaadinResponse.getCurrent()).getResponse();
        // Kept until the logout is sent: a tab closed before its widget loaded would lose it (SignOutMarkBrowserTest)
        assertThat(response.getHeaders("Set-Cookie")).isEmpty();
        assertThat(js()).noneMatch(p -> p.contains("clearLogoutMark") || p.contains("signOutLogout"));
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        List<String> posted = js();
        // sent by the page, which checks the mark, posts, then clears it (a websocket push has no response to carry a
        // header, and its cookies are the handshake's)
        assertThat(posted).singleElement().asString().contains("window.embeddable4j.signOutLogout(")
                .contains("rc-adapter-logout").endsWith(", false]");
        // The call waits for the next user's login, not the one who just left.
        assertThat(first.isLoggedIn()).isFalse();
        assertThat(first.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-new-call");
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(js()).singleElement().satisfies(p -> assertThat(p).contains("rc-adapter-new-call"));
    }

    /**
     * A sign-in in a UI event that asks for the logout in its own response (LoginHandoffFlow.signedIn sets the cookie
     * and this request attribute), then {@code UI.navigate} to the view holding the phone, in the same request: the
     * cookie only comes back with the next request, so the phone attached now acts on the attribute (a Vaadin trial:
     * the previous user's RingCentral login stayed until a reload).
     */
    @Test
    void aLogoutAskedForInThisVeryRequestLogsTheWidgetOut() {
        var request = (com.github.mvysny.fakeservlet.FakeRequest) ((com.vaadin.flow.server.VaadinServletRequest)
                com.vaadin.flow.server.VaadinRequest.getCurrent()).getRequest();
        assertThat(request.getCookies()).as("no cookie in this request").isNullOrEmpty();
        RingCentralEmbeddable before = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(before);
        assertThat(before.getQueuedCommands()).as("nothing asked yet").isEmpty();
        UI.getCurrent().remove(before);

        request.setAttribute(io.github.embeddable4j.core.login.WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE, Boolean.TRUE);
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-logout");
        assertThat(request.getAttribute(io.github.embeddable4j.core.login.WidgetLogoutCookie.SET_IN_REQUEST_ATTRIBUTE))
                .as("taken").isNull();
        var response = (com.github.mvysny.fakeservlet.FakeResponse) ((com.vaadin.flow.server.VaadinServletResponse)
                com.vaadin.flow.server.VaadinResponse.getCurrent()).getResponse();
        assertThat(response.getHeaders("Set-Cookie")).as("kept until the logout is sent").isEmpty();
    }

    /**
     * The widget may report no login first while it reads its stored session, then the login it restored
     * ({@code isFreshLogin: false}): the sign-out's logout waits for that (sent at the first report, a logged-out widget
     * ignores it, and the previous user's phone comes back: a Vaadin trial). A fresh login, made in the widget's popup
     * by the user now at the browser, is theirs: the logout is dropped.
     */
    @Test
    void theSignOutLogoutWaitsForARestoredLoginAndAFreshOneDropsIt() {
        var request = signOutMark();
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false,\"isFreshLogin\":null}");
        assertThat(js()).as("still reading its stored session").noneMatch(p -> p.contains("rc-adapter-logout"));
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
        assertThat(js()).singleElement().asString().contains("signOutLogout(").contains("rc-adapter-logout");

        UI.getCurrent().remove(phone);
        request.setAttribute(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, null); // the next request
        RingCentralEmbeddable next = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(next);
        js();
        widgetSays(next, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false,\"isFreshLogin\":null}");
        widgetSays(next, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true}");
        assertThat(js()).noneMatch(p -> p.contains("rc-adapter-logout")).as("moot: the mark goes").anyMatch(p -> p.contains("clearLogoutMark"));
        assertThat(next.getQueuedCommands()).isEmpty();
        widgetSays(next, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
        assertThat(js()).as("dropped, not waiting").noneMatch(p -> p.contains("rc-adapter-logout"));
    }

    /**
     * Another tab acted on the mark (the user logged in in its widget's popup, which ends the mark, and its page cleared
     * the cookie) before this tab's widget reported a login, shared through the widget's storage and not fresh here: it
     * is the new user's, and stays (a review showed the same with the servlet filter's pages). The page, which sees the
     * browser's cookies, does not post the logout (this request's may be a websocket handshake's, older than the
     * browser's: WebsocketPushBrowserTest); the widget's login then stands again for what waits for one.
     */
    @Test
    void aLogoutThePageDidNotPostLeavesTheWidgetsLoginStanding() {
        signOutMark();
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        phone.call("+16505550101");
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type)
                .containsExactly("rc-adapter-logout", "rc-adapter-new-call");
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
        var signOut = ClientSide.pending().stream()
                .filter(p -> p.getInvocation().getExpression().contains("signOutLogout(")).toList();
        assertThat(signOut).hasSize(1);
        assertThat(phone.isLoggedIn()).as("until the page answers").isFalse();
        assertThat(js()).noneMatch(p -> p.contains("rc-adapter-new-call"));

        signOut.get(0).complete(elemental.json.Json.create(false)); // the mark was gone in the browser
        assertThat(phone.isLoggedIn()).isTrue();
        assertThat(js()).singleElement().asString().contains("rc-adapter-new-call");
        assertThat(phone.getQueuedCommands()).isEmpty();
    }

    /** The page's answer comes after a newer login report: that report stands. */
    @Test
    void aPagesAnswerDoesNotUndoALaterLoginReport() {
        signOutMark();
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
        var signOut = ClientSide.pending().stream()
                .filter(p -> p.getInvocation().getExpression().contains("signOutLogout(")).findFirst().orElseThrow();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        signOut.complete(elemental.json.Json.create(false));
        assertThat(phone.isLoggedIn()).isFalse();
    }

    /**
     * A login handoff on the same page as the sign-out mark: the handoff signs in the next user (the widget takes the
     * code whenever the externalAuthId differs), so the mark's logout is dropped, or it would log out that login.
     */
    @Test
    void aLoginHandoffMakesTheSignOutMarksLogoutMoot() {
        var request = signOutMark();
        Embeddable own = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/ringcentral/redirect").build());
        var handoff = io.github.embeddable4j.core.login.LoginHandoff.of("c0de", "v".repeat(43),
                "https://crm.example.com/ringcentral/redirect", "ext-2");
        RingCentralEmbeddable phone = new RingCentralEmbeddable(own);
        UI.getCurrent().add(phone);
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-logout");
        phone.setLoginHandoff(handoff);
        assertThat(phone.getQueuedCommands()).isEmpty();
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(js()).noneMatch(p -> p.contains("rc-adapter-logout"));
        // Set before the attach, the handoff is used at the attach: no logout is queued either.
        request.addCookie(new jakarta.servlet.http.Cookie(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, "1"));
        request.setAttribute(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, null);
        UI.getCurrent().remove(phone);
        RingCentralEmbeddable next = new RingCentralEmbeddable(own);
        next.setLoginHandoff(handoff);
        UI.getCurrent().add(next);
        assertThat(next.getQueuedCommands()).isEmpty();
    }

    @Test
    void floatingInstancesShareTheUisReadiness() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(first, second);
        js();
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        assertThat(second.isWidgetReady()).isTrue();
        assertThat(second.isLoggedIn()).isFalse();
        second.navigateTo("/settings");
        assertThat(js()).singleElement().asString().contains("rc-adapter-navigate-to");
        second.call("+1");
        assertThat(js()).isEmpty();
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(second.isLoggedIn()).isTrue();
        assertThat(js()).singleElement().asString().contains("rc-adapter-new-call");
    }

    /**
     * "Ready" is the widget's first login-status message, which says loggedIn:false until someone logs in; a logged-out
     * widget ignores a new call or SMS. Such commands wait for a login; the others go as soon as the widget is up.
     */
    @Test
    void commandsThatNeedALoginWaitForOne() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        js();
        List<String> logins = new ArrayList<>();
        phone.addLoginStatusListener(e -> logins.add(String.valueOf(e.isLoggedIn())));
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        phone.sms("+16505550102", "later");
        phone.navigateTo("/messages");
        assertThat(js()).singleElement().asString().contains("rc-adapter-navigate-to");
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-new-sms");
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(phone.isLoggedIn()).isTrue();
        assertThat(js()).singleElement().asString().contains("rc-adapter-new-sms");
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        assertThat(phone.isLoggedIn()).isFalse();
        assertThat(logins).containsExactly("false", "true", "false");
    }

    @Test
    void theQueueIsBoundedAndWaitingCommandsExpire() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        js();
        MutableClock clock = new MutableClock();
        phone.setClock(clock);
        phone.setCommandQueueLimit(3);
        phone.setCommandTimeout(java.time.Duration.ofSeconds(30));
        List<String> dropped = new ArrayList<>();
        phone.addCommandDroppedListener(e -> dropped.add(e.getReason() + " " + e.getCommand().toJson()));
        for (int i = 1; i <= 5; i++) {
            phone.call("+1650555010" + i);
        }
        assertThat(phone.getQueuedCommands()).hasSize(3);
        assertThat(dropped).hasSize(2).allSatisfy(d -> assertThat(d).startsWith("QUEUE_FULL"));
        assertThat(dropped.get(0)).contains("+16505550101");

        clock.advance(java.time.Duration.ofSeconds(31));
        phone.navigateTo("/dialer"); // any activity purges what is stale
        assertThat(dropped).hasSize(5).filteredOn(d -> d.startsWith("EXPIRED")).hasSize(3);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(js()).singleElement().asString().contains("rc-adapter-navigate-to");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> phone.setCommandQueueLimit(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A command to a widget that never becomes ready is dropped on time, without anything else happening: the browser
     * is asked to wake the component when the oldest waiting command expires (one timer, reset only for an earlier one).
     */
    /**
     * The sign-out mark's logout, never sent (the consent declined, the widget never reported a login), expires without
     * a CommandDroppedEvent: the application never sent it (a Vaadin trial got one for a command it did not know).
     */
    @Test
    void theSignOutsOwnLogoutExpiresWithoutAnEvent() {
        signOutMark();
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        MutableClock clock = new MutableClock();
        phone.setClock(clock);
        UI.getCurrent().add(phone);
        phone.call("+16505550101");
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type)
                .containsExactly("rc-adapter-logout", "rc-adapter-new-call");
        List<String> dropped = new ArrayList<>();
        phone.addCommandDroppedListener(e -> dropped.add(e.getReason() + " " + e.getCommand().type()));
        clock.advance(java.time.Duration.ofMinutes(2));
        phone.expireWaiting();
        assertThat(phone.getQueuedCommands()).isEmpty();
        assertThat(dropped).containsExactly("EXPIRED rc-adapter-new-call");
    }

    @Test
    void theBrowserWakesTheComponentWhenAWaitingCommandExpires() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        allJs();
        MutableClock clock = new MutableClock();
        phone.setClock(clock);
        phone.setCommandTimeout(java.time.Duration.ofSeconds(30));
        List<String> dropped = new ArrayList<>();
        phone.addCommandDroppedListener(e -> dropped.add(e.getReason() + " " + e.getCommand().type()));
        phone.call("+16505550101");
        assertThat(allJs()).singleElement().asString().contains("window.embeddable4j.wakeAfter($0, $1)").contains("30050");
        clock.advance(java.time.Duration.ofSeconds(10));
        phone.sms("+16505550102", "later"); // expires later than the timer already set: no new one
        assertThat(allJs()).isEmpty();
        clock.advance(java.time.Duration.ofSeconds(21));
        phone.expireWaiting(); // the browser's timer
        assertThat(dropped).containsExactly("EXPIRED rc-adapter-new-call");
        assertThat(allJs()).singleElement().asString().contains("wakeAfter").contains("9050"); // for the SMS
        clock.advance(java.time.Duration.ofSeconds(10));
        phone.expireWaiting();
        assertThat(dropped).containsExactly("EXPIRED rc-adapter-new-call", "EXPIRED rc-adapter-new-sms");
        assertThat(allJs()).isEmpty();
    }

    /**
     * The floating widget used to stay on screen, disconnected from Java, after its last component was detached. It
     * is now disposed when the round trip ends with no floating component attached, but not when a view change swaps
     * one floating component for another in the same round trip (that would drop a call for nothing).
     */
    @Test
    void theFloatingWidgetGoesWithItsLastComponentButSurvivesAViewSwap() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(first);
        js();
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        RingCentralEmbeddable next = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().remove(first);
        UI.getCurrent().add(next);
        assertThat(js()).noneMatch(s -> s.contains("disposeFloating")).noneMatch(s -> s.contains("loadAdapter"));
        assertThat(next.isWidgetReady()).isTrue();

        UI.getCurrent().remove(next);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("window.embeddable4j.disposeFloating($0)", "rc-widget"));
        assertThat(next.isWidgetReady()).isFalse();
        next.call("+16505550101");
        UI.getCurrent().add(next);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("loadAdapter"));
        assertThat(next.getQueuedCommands()).hasSize(1); // until the new widget says it is up and logged in
        widgetSays(next, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("rc-adapter-new-call"));
    }

    @Test
    void aFrameOnAnUnexpectedOriginIsLoggedOnceAndFired() {
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
            RingCentralEmbeddable other = new RingCentralEmbeddable(EMBEDDABLE);
            UI.getCurrent().add(phone, other);
            List<String> fired = new ArrayList<>();
            phone.addFrameRejectedListener(e -> fired.add(e.getOrigin()));
            String origin = "https://evil-" + System.nanoTime() + ".example";
            for (RingCentralEmbeddable p : List.of(phone, phone, other)) {
                JsonObject data = Json.createObject();
                data.put("event.detail.origin", origin);
                ClientSide.pageSays(p, "embeddable4j-frame-rejected", data);
            }
            assertThat(fired).containsExactly(origin);
            assertThat(log.records).filteredOn(r -> r.getMessage().contains(origin)).singleElement()
                    .satisfies(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING))
                    .satisfies(r -> assertThat(r.getMessage()).contains("frameOrigins", "https://ringcentral.github.io"));
        }
    }

    @Test
    void vaadinsBootstrapPageIsMarkedSoAFilterDoesNotAddASecondLoader() {
        com.vaadin.flow.server.ServiceInitEvent init = new com.vaadin.flow.server.ServiceInitEvent(
                com.vaadin.flow.server.VaadinService.getCurrent());
        new FilterSkippingServiceInitListener().serviceInit(init);
        java.util.Map<String, Object> attributes = new java.util.HashMap<>();
        com.vaadin.flow.server.VaadinRequest request = (com.vaadin.flow.server.VaadinRequest) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {com.vaadin.flow.server.VaadinRequest.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setAttribute")) {
                        attributes.put((String) args[0], args[1]);
                    }
                    return null;
                });
        init.getAddedIndexHtmlRequestListeners().forEach(l -> l.modifyIndexHtmlResponse(
                new com.vaadin.flow.server.communication.IndexHtmlResponse(request, null, new org.jsoup.nodes.Document(""))));
        assertThat(attributes).containsEntry(io.github.embeddable4j.core.inject.InjectionRules.SKIP_ATTRIBUTE, Boolean.TRUE);
        assertThat(getClass().getResourceAsStream("/META-INF/services/com.vaadin.flow.server.VaadinServiceInitListener"))
                .asString(java.nio.charset.StandardCharsets.UTF_8).contains(FilterSkippingServiceInitListener.class.getName());
    }

    /** The component's events feed the same listeners as the servlet bridge, so one tracker serves every adapter. */
    @Test
    void eventsFeedTheSharedDispatcher() throws Exception {
        List<io.github.embeddable4j.core.event.ReceivedWidgetEvent> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var dispatcher = io.github.embeddable4j.core.event.WidgetEventDispatcher.builder().listener(got::add).build()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
            phone.setEventDispatcher(dispatcher);
            UI.getCurrent().add(phone);
            widgetSays(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c9\",\"direction\":\"Inbound\"}}");
            widgetSays(phone, "{\"type\":\"rc-adapter-pushLocale\",\"locale\":\"en-US\"}"); // nobody wants it
            widgetSays(phone, "not json");
            long end = System.nanoTime() + 5_000_000_000L;
            while (got.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            assertThat(got).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("rc-call-ring-notify");
                assertThat(e.channel()).isEqualTo(io.github.embeddable4j.core.event.ReceivedWidgetEvent.Channel.VAADIN);
                assertThat(e.sessionKey()).isEqualTo(io.github.embeddable4j.core.event.ReceivedWidgetEvent.sessionKeyOf(
                        com.vaadin.flow.server.VaadinSession.getCurrent().getSession().getId()));
            });
        }
    }

    /**
     * Two floating components in one UI show one widget, and the glue hands each of them its every message: the
     * dispatcher and the service get each message once (from the first attached), while both fire their own events.
     */
    @Test
    void twoFloatingComponentsFeedTheDispatcherAndServeTheWidgetOnce() throws Exception {
        List<io.github.embeddable4j.core.event.ReceivedWidgetEvent> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> searches = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var dispatcher = io.github.embeddable4j.core.event.WidgetEventDispatcher.builder().listener(got::add).build();
             var service = io.github.embeddable4j.core.crm.ThirdPartyService.builder("acme")
                     .contacts(new io.github.embeddable4j.core.crm.ContactProvider() {
                         @Override
                         public List<io.github.embeddable4j.core.crm.Contact> search(
                                 io.github.embeddable4j.core.crm.ContactSearchRequest r, io.github.embeddable4j.core.crm.Caller c) {
                             searches.add(r.searchString());
                             return List.of();
                         }

                         @Override
                         public java.util.Map<String, List<io.github.embeddable4j.core.crm.Contact>> match(
                                 io.github.embeddable4j.core.crm.ContactMatchRequest r, io.github.embeddable4j.core.crm.Caller c) {
                             return java.util.Map.of();
                         }
                     }).build()) {
            RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
            RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
            List<RingCentralEmbeddable> rang = new ArrayList<>();
            for (RingCentralEmbeddable phone : List.of(first, second)) {
                phone.setEventDispatcher(dispatcher);
                phone.setThirdPartyService(service);
                phone.addCallRingListener(e -> rang.add(e.getSource()));
                UI.getCurrent().add(phone);
            }
            js();
            String ring = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}";
            String login = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";
            String search = "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/contacts/search\","
                    + "\"body\":{\"searchString\":\"Ada\"}}";
            for (String message : List.of(ring, login, search)) {
                widgetSays(first, message);
                widgetSays(second, message);
            }
            assertThat(rang).containsExactly(first, second); // each component's own listeners
            StringBuilder fetched = new StringBuilder();
            for (int i = 0; i < 100 && !fetched.toString().contains("\"responseId\":\"r1\""); i++) {
                fetched.append(first.serviceAnswers());
                Thread.sleep(50);
            }
            assertThat(fetched.toString()).containsOnlyOnce("rc-adapter-register-third-party-service")
                    .containsOnlyOnce("\"responseId\":\"r1\"");
            assertThat(second.serviceAnswers()).isEqualTo("{\"replies\":[],\"pending\":0}");
            assertThat(searches).containsExactly("Ada");
            // The first goes; the second now does the work.
            UI.getCurrent().remove(first);
            widgetSays(second, ring.replace("c1", "c2"));
            long end = System.nanoTime() + 5_000_000_000L;
            while (got.size() < 3 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            assertThat(got).extracting(io.github.embeddable4j.core.event.ReceivedWidgetEvent::type)
                    .containsExactly("rc-call-ring-notify", "rc-login-status-notify", "rc-call-ring-notify");
        }
    }

    /** The CRM through the component's own channel: registration after the first login status, call-outs answered. */
    @Test
    void theThirdPartyServiceIsAnsweredThroughTheComponent() throws Exception {
        io.github.embeddable4j.core.crm.Contact ada = io.github.embeddable4j.core.crm.Contact.of("1", "Ada Lovelace",
                new io.github.embeddable4j.core.crm.ContactPhone("6505550101", io.github.embeddable4j.core.crm.PhoneType.MOBILE));
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var service = io.github.embeddable4j.core.crm.ThirdPartyService.builder("acme")
                .contacts(new io.github.embeddable4j.core.crm.ContactProvider() {
                    @Override
                    public List<io.github.embeddable4j.core.crm.Contact> search(
                            io.github.embeddable4j.core.crm.ContactSearchRequest r, io.github.embeddable4j.core.crm.Caller c) {
                        return List.of(ada);
                    }

                    @Override
                    public java.util.Map<String, List<io.github.embeddable4j.core.crm.Contact>> match(
                            io.github.embeddable4j.core.crm.ContactMatchRequest r, io.github.embeddable4j.core.crm.Caller c) {
                        return io.github.embeddable4j.core.crm.PhoneNumberIndex.ofContacts(List.of(ada)).match(r.phoneNumbers());
                    }
                })
                .callLogger((r, c) -> logged.add(r.call().sessionId())).build()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
            phone.setThirdPartyService(service);
            UI.getCurrent().add(phone);
            js();
            widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
            assertThat(js()).anySatisfy(s -> assertThat(s).contains("window.embeddable4j.fetchAnswers"));
            String registration = answers(phone);
            assertThat(registration).contains("rc-adapter-register-third-party-service").contains("\"pending\":0");
            widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}"); // registered once
            assertThat(phone.serviceAnswers()).isEqualTo("{\"replies\":[],\"pending\":0}");

            widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r7\",\"path\":\"/contacts/match\","
                    + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}");
            assertThat(answers(phone)).contains("\"responseId\":\"r7\"").contains("Ada Lovelace");
            widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r8\",\"path\":\"/callLogger\","
                    + "\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s-2\"}}}");
            assertThat(answers(phone)).contains("\"responseId\":\"r8\"");
            assertThat(logged).containsExactly("s-2");
        }
    }

    @Test
    void aLoginHandoffLoadsTheWidgetOnceWithIt() {
        Embeddable own = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/ringcentral/redirect").build());
        var handoff = io.github.embeddable4j.core.login.LoginHandoff.of("c0de", "v".repeat(43),
                "https://crm.example.com/ringcentral/redirect", "ext-1");
        RingCentralEmbeddable inline = new RingCentralEmbeddable(own, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(inline);
        inline.setLoginHandoff(handoff);
        assertThat(inline.getElement().getChild(0).getAttribute("src")).contains("authorizationCode=c0de")
                .contains("externalAuthId=ext-1.") // the user's id, tagged with the sign-in
                .contains("authorizationCodeVerifier=");
        js();
        RingCentralEmbeddable floating = new RingCentralEmbeddable(own);
        floating.setLoginHandoff(handoff); // before attach: used at attach
        UI.getCurrent().add(floating);
        assertThat(js()).filteredOn(s -> s.contains("reloadAdapter")).singleElement().asString()
                .contains("authorizationCode=c0de");
        assertThat(floating.isWidgetReady()).isFalse();
        UI.getCurrent().remove(floating);
        UI.getCurrent().add(floating);
        assertThat(js()).noneMatch(s -> s.contains("authorizationCode")); // once
    }

    /** Polls like the browser does until nothing is pending; returns the last non-empty answer. */
    private static String answers(RingCentralEmbeddable phone) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 100; i++) {
            String a = phone.serviceAnswers();
            if (!a.startsWith("{\"replies\":[]")) {
                last = a;
            }
            if (a.endsWith("\"pending\":0}") && last != null) {
                return last;
            }
            Thread.sleep(50);
        }
        return last;
    }


    @Test
    void widgetMessagesBecomeTypedServerEvents() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        List<Object> seen = new ArrayList<>();
        phone.addWidgetMessageListener(e -> seen.add("message " + e.getType()));
        phone.addLoginStatusListener(e -> seen.add("login " + e.isLoggedIn() + " " + e.getLoginNumber()));
        phone.addCallRingListener(e -> seen.add("ring " + e.getCall().from()));
        phone.addCallEndListener(e -> seen.add("end " + e.getCall().endTime()));
        phone.addInboundMessageListener(e -> seen.add("sms " + e.getMessage().subject()));
        phone.addPresenceListener(e -> seen.add("presence " + e.getUserStatus()));
        phone.addRouteChangedListener(e -> seen.add("route " + e.getPath()));
        phone.addDialerReadyListener(e -> seen.add("dialer " + e.isReady()));

        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"loginNumber\":\"+16505550100*101\"}");
        widgetSays(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"from\":\"+16505550101\",\"direction\":\"Inbound\"}}");
        widgetSays(phone, "{\"type\":\"rc-call-end-notify\",\"call\":{\"endTime\":1700000060000}}");
        widgetSays(phone, "{\"type\":\"rc-inbound-message-notify\",\"message\":{\"type\":\"SMS\",\"subject\":\"Call me\"}}");
        widgetSays(phone, "{\"type\":\"rc-adapter-syncPresence\",\"userStatus\":\"Busy\"}");
        widgetSays(phone, "{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}");
        widgetSays(phone, "{\"type\":\"rc-dialer-status-notify\",\"ready\":true}");
        widgetSays(phone, "{\"type\":\"rc-brand-assets-notify\",\"logoUri\":\"x\"}");

        assertThat(seen).containsExactly(
                "login true +16505550100*101", "message rc-login-status-notify",
                "ring +16505550101", "message rc-call-ring-notify",
                "end 1700000060000", "message rc-call-end-notify",
                "sms Call me", "message rc-inbound-message-notify",
                "presence Busy", "message rc-adapter-syncPresence",
                "route /dialer", "message rc-route-changed-notify",
                "dialer true", "message rc-dialer-status-notify",
                "message rc-brand-assets-notify");
    }

    /**
     * The user's own browser can send any message event: one without JSON reached the parser as a
     * NullPointerException logged at ERROR, and one whose detail.type disagreed with its JSON was believed. Now the
     * type is read from the JSON only, and what is not a widget message is dropped before any listener sees it.
     */
    @Test
    void malformedClientMessagesAreDroppedBeforeAnyListener() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        List<Object> seen = new ArrayList<>();
        phone.addLoginStatusListener(seen::add);
        phone.addWidgetMessageListener(seen::add);
        JsonObject noJson = Json.createObject();
        noJson.put("event.detail.type", "rc-login-status-notify");
        ClientSide.pageSays(phone, "embeddable4j-message", noJson);
        widgetSays(phone, "not json");
        widgetSays(phone, "[1,2]");
        widgetSays(phone, "{\"type\":42}");
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"pad\":\"" + "x".repeat(RingCentralEmbeddable.MAX_MESSAGE_CHARS) + "\"}");
        assertThat(seen).isEmpty();
        assertThat(phone.isWidgetReady()).isFalse();

        // A forged detail.type is not read at all: the JSON decides what the message is.
        JsonObject forged = Json.createObject();
        forged.put("event.detail.type", "rc-login-status-notify");
        forged.put("event.detail.json", "{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}");
        ClientSide.pageSays(phone, "embeddable4j-message", forged);
        assertThat(seen).singleElement().isInstanceOfSatisfying(WidgetMessageEvent.class,
                e -> assertThat(e.getType()).isEqualTo("rc-route-changed-notify"));
        assertThat(phone.isWidgetReady()).isFalse();
    }

    @Test
    void detachUnregistersTheHostAndAnInlineFrameStartsOver() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        js();
        UI.getCurrent().remove(phone);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("window.embeddable4j.detach"));
        assertThat(phone.isWidgetReady()).isFalse();
        phone.call("+1");
        assertThat(phone.getQueuedCommands()).hasSize(1);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("rc-adapter-new-call"));
    }

    @Test
    void publicApiHasNoJacksonOrElementalTypes() throws Exception {
        List<Class<?>> api = List.of(RingCentralEmbeddable.class, WidgetMessageEvent.class, LoginStatusEvent.class,
                io.github.embeddable4j.vaadin.event.CommandDroppedEvent.class,
                io.github.embeddable4j.vaadin.event.FrameRejectedEvent.class,
                CallRingEvent.class, CallEndEvent.class, InboundMessageEvent.class, PresenceEvent.class,
                RouteChangedEvent.class, DialerReadyEvent.class);
        for (Class<?> type : api) {
            for (var m : type.getMethods()) {
                assertThat(typesOf(m.getReturnType(), m.getParameterTypes())).as(m.toString()).noneMatch(this::isJson);
            }
            for (var c : type.getConstructors()) {
                assertThat(typesOf(void.class, c.getParameterTypes())).as(c.toString()).noneMatch(this::isJson);
            }
        }
    }

    private List<String> typesOf(Class<?> returned, Class<?>[] params) {
        List<String> names = new ArrayList<>();
        names.add(returned.getName());
        for (Class<?> p : params) {
            names.add(p.getName());
        }
        return names;
    }

    private boolean isJson(String name) {
        return name.startsWith("elemental.") || name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.");
    }

    /**
     * What the user's account allows, which the widget says at login ({@code features}): a view enabling its own "text"
     * button needs it, and a Vaadin listener reads it from the event as core's record has it (an audit of the widget's
     * login status).
     */
    @Test
    void aLoginSaysWhichFeaturesTheAccountHas() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        List<io.github.embeddable4j.vaadin.event.LoginStatusEvent> logins = new ArrayList<>();
        phone.addLoginStatusListener(logins::add);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true,"
                + "\"features\":{\"sms\":false,\"call\":true}}");
        assertThat(logins).singleElement().satisfies(e -> {
            assertThat(e.hasFeature("call")).isTrue();
            assertThat(e.hasFeature("sms")).isFalse();
            assertThat(e.hasFeature("meeting")).as("not said").isFalse();
            assertThat(e.getStatus().freshLogin()).isTrue();
        });
    }

    /**
     * An event logged as it comes ({@code log.info("{}", event)}) says what it carries, not Vaadin's class@hash (a
     * trial's log); a message's JSON, which may be large, only by its length.
     */
    @Test
    void eventsSayWhatTheyCarryInALog() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        List<Object> events = new ArrayList<>();
        phone.addLoginStatusListener(events::add);
        phone.addCallRingListener(events::add);
        phone.addWidgetMessageListener(events::add);
        phone.addCommandDroppedListener(events::add);
        phone.setCommandQueueLimit(1);
        phone.call("+16505550101");
        phone.call("+16505550102"); // the first is dropped: the queue holds one
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"loginNumber\":\"+16505550100\"}");
        widgetSays(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c9\",\"direction\":\"Inbound\"}}");

        assertThat(events).map(Object::toString).containsExactly(
                "CommandDroppedEvent[reason=QUEUE_FULL, command=" + WidgetCommand.newCall("+16505550101", false).toJson() + "]",
                "LoginStatusEvent[loggedIn=true, admin=false, loginNumber=+16505550100, fromClient=true]",
                "WidgetMessageEvent[type=rc-login-status-notify, 78 chars of JSON, fromClient=true]",
                "CallRingEvent[call=WidgetCall[id=c9, direction=Inbound, from=null, to=null, fromName=null, toName=null,"
                        + " callStatus=null, telephonySessionId=null, startTime=null, endTime=null, onMute=null, onHold=null,"
                        + " recordStatus=null], fromClient=true]",
                "WidgetMessageEvent[type=rc-call-ring-notify, 71 chars of JSON, fromClient=true]");
    }
}

package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.login.LoginHandoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The component where a review found it wrong (each test failed before its fix): the service registered again with a
 * widget reloaded for a login, a browser's reports of rejected frames (log lines, and how many), two floating
 * components hearing each message of their one widget, a command sent as the component is detached, and the work done for call-outs whose answers nobody fetches.
 */
class ComponentReviewTest {

    private static final Embeddable OWN = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final LoginHandoff HANDOFF = LoginHandoff.of("c0de", "v".repeat(43),
            "https://crm.example.com/ringcentral/redirect", "ext-1");
    private static final String LOGIN = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** Polls serviceAnswers() like the browser until nothing is pending; all messages fetched. */
    private static String fetchAll(RingCentralEmbeddable phone) throws InterruptedException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String a = phone.serviceAnswers();
            all.append(a);
            if (a.endsWith("\"pending\":0}")) {
                break;
            }
            Thread.sleep(50);
        }
        return all.toString();
    }

    private static ThirdPartyService service() {
        return ThirdPartyService.builder("acme").contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest r, Caller c) {
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest r, Caller c) {
                return Map.of();
            }
        }).build();
    }

    /** An inline widget reloaded with a login handoff (a new frame src, so a new widget) gets the service registered. */
    @Test
    void inlineHandoffReloadRegistersTheServiceWithTheNewWidget() throws Exception {
        try (ThirdPartyService service = service()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN, RingCentralEmbeddable.Mode.INLINE);
            phone.setThirdPartyService(service);
            UI.getCurrent().add(phone);
            js();
            widgetSays(phone, LOGIN);
            assertThat(fetchAll(phone)).contains("rc-adapter-register-third-party-service");

            phone.setLoginHandoff(HANDOFF); // the frame gets a new src: a new widget instance
            assertThat(phone.isWidgetReady()).isFalse();
            js();
            widgetSays(phone, LOGIN); // the new widget's first login status
            assertThat(fetchAll(phone)).as("the reloaded widget must get the service registration")
                    .contains("rc-adapter-register-third-party-service");
        }
    }

    /**
     * Two floating components of one UI, A (in the main layout, with the service) and B (a view's). B reloads the UI's
     * one floating widget with a login handoff (as the published sign-in-once handoff does for the first component
     * attached in a request): A, which does the shared work, registers the service with the reloaded widget.
     */
    @Test
    void floatingHandoffReloadByAnotherComponentRegistersTheServiceAgain() throws Exception {
        try (ThirdPartyService service = service()) {
            RingCentralEmbeddable main = new RingCentralEmbeddable(OWN);
            main.setThirdPartyService(service);
            UI.getCurrent().add(main);
            js();
            widgetSays(main, LOGIN);
            assertThat(fetchAll(main)).contains("rc-adapter-register-third-party-service");

            RingCentralEmbeddable view = new RingCentralEmbeddable(OWN);
            UI.getCurrent().add(view);
            view.setLoginHandoff(HANDOFF);
            assertThat(js()).anyMatch(s -> s.contains("reloadAdapter"));
            assertThat(main.isWidgetReady()).isFalse();
            widgetSays(main, LOGIN); // the reloaded widget's first login status
            widgetSays(view, LOGIN);
            assertThat(fetchAll(main) + fetchAll(view)).as("the reloaded widget must get the service registration")
                    .contains("rc-adapter-register-third-party-service");
        }
    }

    /** A rejected frame's "origin" comes from the browser: a line break in it would forge a log line. */
    @Test
    void aReportedOriginThatIsNoOriginIsNeitherLoggedNorAnEvent() {
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            RingCentralEmbeddable hostile = new RingCentralEmbeddable(OWN);
            UI.getCurrent().add(hostile);
            List<String> events = new ArrayList<>();
            hostile.addFrameRejectedListener(e -> events.add(e.getOrigin()));
            rejected(hostile, "x\nSEVERE: forged log line");
            rejected(hostile, "https://a.example\nSEVERE: forged");
            assertThat(log.records).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("forged"));
            assertThat(events).isEmpty();
            rejected(hostile, "https://frames.example-not-allowed.com"); // what a real report looks like
            assertThat(events).containsExactly("https://frames.example-not-allowed.com");
            assertThat(log.records).extracting(LogRecord::getMessage)
                    .anyMatch(m -> m.contains("https://frames.example-not-allowed.com"));
        }
    }

    /**
     * One browser's made-up origins no longer fill the JVM-wide list of logged origins (capped at 1000 for the life of
     * the JVM) so that no real misconfiguration was logged again for anyone: a component hears of a few origins.
     */
    @Test
    void oneBrowsersMadeUpOriginsDoNotSilenceTheWarningForOthers() {
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            RingCentralEmbeddable hostile = new RingCentralEmbeddable(OWN);
            UI.getCurrent().add(hostile);
            List<String> events = new ArrayList<>();
            hostile.addFrameRejectedListener(e -> events.add(e.getOrigin()));
            for (int i = 0; i < 1000; i++) {
                rejected(hostile, "https://junk-" + i + ".example");
            }
            assertThat(events).hasSize(RingCentralEmbeddable.MAX_REJECTED_ORIGINS);
            RingCentralEmbeddable genuine = new RingCentralEmbeddable(OWN); // another user's page, misconfigured
            UI.getCurrent().add(genuine);
            rejected(genuine, "https://apps.example-not-allowed.com");
            assertThat(log.records).extracting(LogRecord::getMessage)
                    .anyMatch(m -> m.contains("https://apps.example-not-allowed.com"));
        }
    }

    /**
     * The glue hands every floating host each message of the one floating widget, so N floating components get N
     * copies of a login status. The first copy flushed the sign-out logout (the widget then counts as logged out); the
     * second set it logged in again and flushed the call to the widget just logged out (which ignores it), while
     * isLoggedIn() said true. Now the first attached component applies the shared state, once.
     */
    @Test
    void aCallWaitingBehindALogoutWaitsForTheNextLoginWithTwoFloatingComponents() {
        var request = (com.github.mvysny.fakeservlet.FakeRequest) ((com.vaadin.flow.server.VaadinServletRequest)
                com.vaadin.flow.server.VaadinRequest.getCurrent()).getRequest();
        request.addCookie(new jakarta.servlet.http.Cookie(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, "1"));
        RingCentralEmbeddable first = new RingCentralEmbeddable(OWN);
        RingCentralEmbeddable second = new RingCentralEmbeddable(OWN);
        first.call("+16505550101");
        UI.getCurrent().add(first, second);
        js();
        String restored = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}";
        widgetSays(first, restored); // the glue delivers the one widget's message to each floating host
        widgetSays(second, restored);
        List<String> posted = js();
        assertThat(posted).anyMatch(p -> p.contains("rc-adapter-logout"));
        assertThat(posted).as("the call must wait for the next user's login, not go to the logged-out widget")
                .noneMatch(p -> p.contains("rc-adapter-new-call"));
        assertThat(first.isLoggedIn()).isFalse();
    }

    /** The same without the sign-out mark: the application's own logout() then call(), before the widget is up. */
    @Test
    void logoutThenCallWithTwoFloatingComponents() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(OWN);
        RingCentralEmbeddable second = new RingCentralEmbeddable(OWN);
        UI.getCurrent().add(first, second);
        js();
        first.logout();
        first.call("+16505550101");
        widgetSays(first, LOGIN);
        widgetSays(second, LOGIN);
        assertThat(js()).as("with one floating component the call waits; with two it goes to the logged-out widget")
                .noneMatch(p -> p.contains("rc-adapter-new-call"));
    }

    /** What the two components must do as one does: the call waits. */
    @Test
    void oneFloatingComponentLetsTheCallWaitAfterALogout() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(OWN);
        UI.getCurrent().add(first);
        js();
        first.logout();
        first.call("+16505550101");
        widgetSays(first, LOGIN);
        assertThat(js()).noneMatch(p -> p.contains("rc-adapter-new-call"));
    }

    /**
     * A command sent in the round trip that detaches the component (a click that calls, then navigates to another
     * view) reaches the browser before the host is taken away: it was removed from the queue, but its script was bound
     * to the detached element, which Vaadin holds back (and sent, on a later attach, before the host was back).
     */
    @Test
    void aCommandSentJustBeforeADetachReachesTheWidget() {
        Div view = new Div();
        RingCentralEmbeddable main = new RingCentralEmbeddable(OWN);
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN);
        view.add(phone);
        UI.getCurrent().add(main, view);
        js();
        widgetSays(main, LOGIN); // the glue hands the one widget's message to each floating host
        widgetSays(phone, LOGIN);
        js();
        phone.call("+16505550101"); // the widget is ready and logged in: sent now
        UI.getCurrent().remove(view); // the same click navigates away
        List<String> sent = js();
        int post = indexOf(sent, "rc-adapter-new-call");
        assertThat(post).as("sent %s", sent).isNotNegative().isLessThan(indexOf(sent, "embeddable4j.detach"));
        UI.getCurrent().add(view); // back again: nothing held goes out a second time
        assertThat(js()).noneMatch(call -> call.contains("rc-adapter-new-call"));
    }

    private static int indexOf(List<String> calls, String text) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The cap of 200 unfetched answers is checked before the application's provider runs: a client that floods
     * call-outs without fetching kept the shared CRM threads busy with work whose answers were thrown away.
     */
    @Test
    void callOutsOverTheCapDoNotRunTheProvider() throws Exception {
        java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
        try (ThirdPartyService service = ThirdPartyService.builder("acme").queueCapacity(1000).contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest r, Caller c) {
                searches.incrementAndGet();
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest r, Caller c) {
                return Map.of();
            }
        }).build()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN, RingCentralEmbeddable.Mode.INLINE);
            phone.setThirdPartyService(service);
            UI.getCurrent().add(phone);
            for (int i = 0; i < 300; i++) { // a browser that never fetches
                widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r" + i
                        + "\",\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"a\"}}");
            }
            Thread.sleep(500);
            assertThat(searches.get()).as("provider runs for call-outs whose answers are discarded").isLessThanOrEqualTo(200);
        }
    }

    private static void rejected(RingCentralEmbeddable phone, String origin) {
        JsonObject data = Json.createObject();
        data.put("event.detail.origin", origin);
        ClientSide.pageSays(phone, "embeddable4j-frame-rejected", data);
    }
    /**
     * A command from a background thread without {@code ui.access} went out at some later round trip, unnoticed (a
     * trial's button started a thread that called): it is refused, naming the fix, as Vaadin refuses any change to a
     * component without the session's lock; inside {@code ui.access} it is sent.
     */
    @Test
    void aCommandFromAThreadWithoutTheLockIsRefusedNamingUiAccess() throws Exception {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN);
        UI ui = UI.getCurrent();
        ui.add(phone);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread background = new Thread(() -> {
            try {
                phone.call("+16505550100");
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        background.start();
        background.join();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("ui.access(")
                .hasMessageContaining("rc-adapter-new-call");
        assertThat(phone.getQueuedCommands()).isEmpty();

        Thread withAccess = new Thread(() -> ui.access(() -> phone.call("+16505550100")));
        withAccess.start();
        withAccess.join();
        MockVaadin.clientRoundtrip(); // the test thread holds the lock: the access runs when it lets go
        assertThat(phone.getQueuedCommands()).hasSize(1); // waits for the widget to report
    }
}

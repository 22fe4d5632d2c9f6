package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A phone Vaadin would cut off from the browser: in a disabled layout (Vaadin drops a disabled component's events and
 * calls unless they allow it), hidden (Vaadin holds a hidden element's scripts and ignores its events), or with an
 * application listener that throws. Each failed before: the widget worked on screen while the server heard nothing.
 * The messages go through Vaadin's own RPC handlers, which Karibu's event helpers bypass.
 */
class PhoneOutOfSightTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final String LOGIN = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";
    private static final String CALL_LOG = "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/callLogger\","
            + "\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s-1\"}}}";
    private static final Embeddable OWN_REDIRECT = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550100\"}}";
    private static final String CALL_END = "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550100\"}}";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private ThirdPartyService service;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = ThirdPartyService.builder("acme").callLogger((r, c) -> logged.add(r.call().sessionId())).build();
    }

    @AfterEach
    void tearDown() {
        service.close();
        MockVaadin.tearDown();
    }

    private static String answers(RingCentralEmbeddable phone, String until) throws InterruptedException {
        StringBuilder fetched = new StringBuilder();
        for (int i = 0; i < 100 && !fetched.toString().contains(until); i++) {
            String a = phone.serviceAnswers();
            fetched.append(a.equals("{\"replies\":[],\"pending\":0}") ? "" : a);
            Thread.sleep(20);
        }
        return fetched.toString();
    }

    /**
     * What Vaadin does with the glue's DOM event for a message, in a request of its own: its own RPC handler (not
     * Karibu's user checks).
     */
    private static void rpcSays(RingCentralEmbeddable phone, String json) {
        pageSays(json, null, phone);
    }

    /** The same, with the page's number of the message, which its glue gives every copy of one message. */
    private static void rpcSays(RingCentralEmbeddable phone, String json, @org.jspecify.annotations.Nullable Integer seq) {
        pageSays(json, seq, phone);
    }

    /** One message's copies, one per phone, as the page's glue sends them (see ClientSide#viaVaadinRpc). */
    private static void pageSays(String json, @org.jspecify.annotations.Nullable Integer seq, RingCentralEmbeddable... phones) {
        ClientSide.viaVaadinRpc(json, seq, phones);
    }

    private static void responded() {
        ClientSide.responded();
    }

    /** The page's glue asking for the phone's CRM answers, on the UI's element, through Vaadin's own RPC handler. */
    private static void fetchRpc(RingCentralEmbeddable phone) {
        ClientSide.pageAsks("answers", phone);
    }

    /**
     * The browser's fetch of CRM answers through Vaadin's own RPC handler while the component is disabled: Vaadin
     * refused the component's own $server call without settling its promise, so the glue's host.fetching stayed true
     * and no later answer of the page was fetched either.
     */
    @Test
    void theBrowsersFetchOfAnswersIsServedWhileDisabled() throws Exception {
        VerticalLayout card = new VerticalLayout();
        UI.getCurrent().add(card);
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        card.add(phone);
        js();
        widgetSays(phone, LOGIN);
        widgetSays(phone, CALL_LOG); // asked while enabled
        for (int i = 0; i < 100 && logged.isEmpty(); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        js();
        card.setEnabled(false); // then the view disables its content
        fetchRpc(phone);
        assertThat(ClientSide.allJs()).as("the page gets the answers")
                .anySatisfy(s -> assertThat(s).contains("answersArrived").contains("r1"));
    }

    /**
     * Worse with two floating phones: the first attached (here in a disabled card) is the one that applies the shared
     * widget's login and does the CRM work; the second, enabled, defers to it. Neither does anything.
     */
    @Test
    void anEnabledFloatingPhoneStillWorksWhenTheFirstOneIsDisabled() throws Exception {
        VerticalLayout card = new VerticalLayout();
        UI.getCurrent().add(card);
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        card.add(first);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        second.setThirdPartyService(service);
        UI.getCurrent().add(second);
        js();
        card.setEnabled(false);
        second.call("+16505550100");
        for (String message : List.of(LOGIN, CALL_LOG)) { // the glue hands each message to both hosts
            rpcSays(first, message);
            rpcSays(second, message);
        }
        assertThat(second.isWidgetReady()).as("the enabled phone knows the widget is ready").isTrue();
        assertThat(second.getQueuedCommands()).as("its call went out").isEmpty();
        Thread.sleep(300);
        assertThat(logged).as("the call was logged").containsExactly("s-1");
    }

    /** The control of the first: the same messages, the same Vaadin RPC handler, the layout enabled. */
    @Test
    void controlAPhoneInAnEnabledLayout() throws Exception {
        VerticalLayout card = new VerticalLayout();
        UI.getCurrent().add(card);
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        phone.setThirdPartyService(service);
        card.add(phone);
        js();
        List<String> heard = new ArrayList<>();
        phone.addCallEndListener(e -> heard.add("end"));
        phone.call("+16505550100");
        rpcSays(phone, LOGIN);
        rpcSays(phone, CALL_END);
        rpcSays(phone, CALL_LOG);
        assertThat(phone.isLoggedIn()).isTrue();
        assertThat(phone.getQueuedCommands()).isEmpty();
        assertThat(heard).containsExactly("end");
        assertThat(answers(phone, "\"responseId\":\"r1\"")).contains("\"responseId\":\"r1\"");
        assertThat(logged).containsExactly("s-1");
    }

    /**
     * A floating phone hidden with setVisible(false): the loader goes out (page-level script) and the phone floats as
     * ever, but its host is never registered in the page (an element's scripts wait while it is invisible) and Vaadin
     * ignores RPC of invisible nodes: the widget shows, nothing reaches the server, and commands say "sent".
     */
    @Test
    void aHiddenFloatingPhoneEitherHasNoWidgetOrWorks() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        phone.setVisible(false);
        UI.getCurrent().add(phone);
        List<String> out = ClientSide.js(); // the glue itself left out
        boolean loads = out.stream().anyMatch(s -> s.contains("loadAdapter"));
        boolean hostRegistered = out.stream().anyMatch(s -> s.contains("attachElement"));
        assertThat(hostRegistered).as("the host is registered when the widget is loaded; sent: " + out).isEqualTo(loads);
    }

    /** Shown later, the hidden phone's widget loads with its host (Vaadin then sends the element's scripts, in order). */
    @Test
    void aHiddenFloatingPhonesWidgetLoadsWhenItShows() {
        VerticalLayout tab = new VerticalLayout();
        tab.setVisible(false); // a phone in a tab page not shown yet
        UI.getCurrent().add(tab);
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        tab.add(phone);
        assertThat(js()).noneMatch(s -> s.contains("loadAdapter") || s.contains("attachElement"));
        tab.setVisible(true);
        List<String> out = js();
        assertThat(out).filteredOn(s -> s.contains("attachElement") || s.contains("loadAdapter")).hasSize(2)
                .first().asString().contains("attachElement");
    }

    /**
     * The first floating phone attached is hidden, the second shows: the second loads the widget at once and does the
     * shared work (the login, the CRM), which the first would do where Vaadin let it hear.
     */
    @Test
    void aShownFloatingPhoneWorksBesideAHiddenOneAttachedFirst() throws Exception {
        RingCentralEmbeddable hidden = new RingCentralEmbeddable(EMBEDDABLE);
        hidden.setThirdPartyService(service);
        hidden.setVisible(false);
        UI.getCurrent().add(hidden);
        RingCentralEmbeddable shown = new RingCentralEmbeddable(EMBEDDABLE);
        shown.setThirdPartyService(service);
        UI.getCurrent().add(shown);
        assertThat(js()).filteredOn(s -> s.contains("loadAdapter")).hasSize(1);
        shown.call("+16505550100");
        rpcSays(shown, LOGIN); // the glue hands it to the registered host only: the hidden one has none
        rpcSays(shown, CALL_LOG);
        assertThat(shown.isWidgetReady()).isTrue();
        assertThat(shown.getQueuedCommands()).as("its call went out").isEmpty();
        assertThat(answers(shown, "\"responseId\":\"r1\"")).contains("rc-adapter-register-third-party-service");
        assertThat(logged).containsExactly("s-1");
    }

    /** A throwing CommandSentEvent listener: the commands waiting behind the first still go, in order. */
    @Test
    void aThrowingSentListenerDoesNotHoldBackTheNextCommands() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.addCommandSentListener(e -> {
            throw new IllegalStateException("a bug in the application's audit");
        });
        UI.getCurrent().add(phone);
        phone.call("+16505550100");
        phone.call("+16505550101");
        js();
        assertThatThrownBy(() -> widgetSays(phone, LOGIN)).hasMessage("a bug in the application's audit")
                .satisfies(e -> assertThat(e.getSuppressed()).as("the second command's").hasSize(1));
        assertThat(phone.getQueuedCommands()).isEmpty();
        assertThat(js()).filteredOn(s -> s.contains("rc-adapter-new-call")).hasSize(2);
    }

    /**
     * Hidden after it showed (a tab switched away, a layout collapsed): the widget in it runs on (a call rings, ends, is
     * logged), but Vaadin drops every event of a hidden element, and every call of its $server, whatever they allow,
     * once a response has marked it (a trial lost a ring and a CRM call-out so; another's call log was answered only
     * when the panel showed again, after the widget's 15 s). The page's glue sends the messages and the requests for
     * answers to the UI, naming the host, and the answers come back through the page.
     */
    @Test
    void aPhoneInALayoutHiddenAfterItShowedHearsTheWidgetAndAnswersIt() throws Exception {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        VerticalLayout holder = new VerticalLayout(phone);
        UI.getCurrent().add(holder);
        js();
        rpcSays(phone, LOGIN);
        List<String> heard = new ArrayList<>();
        phone.addWidgetMessageListener(e -> heard.add(e.getType()));
        holder.setVisible(false);
        responded();
        assertThat(phone.getElement().getNode().isInactive()).as("Vaadin drops the hidden element's own events now").isTrue();
        rpcSays(phone, RING);
        rpcSays(phone, CALL_LOG);
        assertThat(heard).containsExactly("rc-call-ring-notify", "rc-post-message-request");
        assertThat(ClientSide.allJs()).as("the page is asked to fetch the answer, hidden or not")
                .anySatisfy(s -> assertThat(s).contains("fetchAnswers"));
        for (int i = 0; i < 100 && logged.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(logged).as("the call-out reached the CRM while hidden").containsExactly("s-1");
        Thread.sleep(100);
        fetchRpc(phone);
        assertThat(ClientSide.allJs()).as("the answer, while hidden")
                .anySatisfy(s -> assertThat(s).contains("answersArrived").contains("responseId").contains("r1"));
    }

    /**
     * A hidden phone's waiting command expires on time: the page's timer is set through the page and asks through the
     * UI (set with the element's scripts and answered through its $server, it waited until the phone showed).
     */
    @Test
    void aHiddenPhonesWaitingCommandExpiresOnTime() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        VerticalLayout holder = new VerticalLayout(phone);
        UI.getCurrent().add(holder);
        js();
        MutableClock clock = new MutableClock();
        phone.setClock(clock);
        List<String> dropped = new ArrayList<>();
        phone.addCommandDroppedListener(e -> dropped.add(e.getReason() + " " + e.getCommand().type()));
        holder.setVisible(false);
        responded();
        phone.call("+16505550101"); // waits for a login
        assertThat(ClientSide.allJs()).as("the timer is set now, not held with the hidden element")
                .anySatisfy(s -> assertThat(s).contains("wakeAfter"));
        clock.advance(java.time.Duration.ofMinutes(2));
        ClientSide.pageAsks("expire", phone);
        assertThat(dropped).containsExactly("EXPIRED rc-adapter-new-call");
    }

    /**
     * A phone moved to another layout in the request in which its timer asks: the page drops its host at the detach
     * and registers it again with the attach's element scripts; a timer set through the page before them found no host
     * and was lost (a review). It goes after the host's registration.
     */
    @Test
    void theTimerSetWhileAMovedPhoneReattachesReachesItsNewHost() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        VerticalLayout a = new VerticalLayout(phone);
        VerticalLayout b = new VerticalLayout();
        UI.getCurrent().add(a, b);
        MutableClock clock = new MutableClock();
        phone.setClock(clock);
        ClientSide.allJs();
        phone.call("+16505550101"); // waits for a login
        assertThat(ClientSide.allJs()).anySatisfy(s -> assertThat(s).contains("wakeAfter"));
        responded();
        b.add(phone); // one request: the move, then the timer's call
        clock.advance(java.time.Duration.ofSeconds(5));
        phone.expireWaiting();
        List<String> out = ClientSide.allJs();
        int attach = indexOf(out, "attachElement(");
        assertThat(attach).isNotNegative();
        assertThat(indexOf(out, "wakeAfter(")).as("the timer after the host's registration: %s", out).isGreaterThan(attach);
    }

    private static int indexOf(List<String> scripts, String part) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** A layout's floating phone in a panel hidden after it showed, and a view's that shows, with one service. */
    private RingCentralEmbeddable[] layoutPhoneHiddenBesideAViewPhone() {
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        layoutPhone.setThirdPartyService(service);
        VerticalLayout panel = new VerticalLayout(layoutPhone);
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
        viewPhone.setThirdPartyService(service);
        UI.getCurrent().add(panel, viewPhone);
        js();
        panel.setVisible(false);
        return new RingCentralEmbeddable[] {layoutPhone, viewPhone};
    }

    /**
     * Two floating phones with one service, the first in a panel hidden after it showed: its copy of each message comes
     * first, and it does the CRM's work, whose answers Vaadin held with its hidden element's scripts until the widget
     * gave up (a review). They are fetched through the phone that shows.
     */
    @Test
    void theShownFloatingPhoneAnswersTheCrmBesideAHiddenOne() throws Exception {
        RingCentralEmbeddable[] phones = layoutPhoneHiddenBesideAViewPhone();
        RingCentralEmbeddable layoutPhone = phones[0];
        RingCentralEmbeddable viewPhone = phones[1];
        pageSays(LOGIN, 1, layoutPhone, viewPhone);
        pageSays(CALL_LOG, 2, layoutPhone, viewPhone);
        for (int i = 0; i < 100 && logged.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(logged).containsExactly("s-1");
        assertThat(ClientSide.allJs()).as("the registration and the answer are fetched by the phone that shows")
                .anySatisfy(s -> assertThat(s).contains("fetchAnswers"));
    }

    /**
     * A layout's phone hidden after it showed (a collapsed panel); the user opens a view with its own floating phone
     * (request R0). While R0 is in flight the widget asks for a call log: the page has registered only the layout
     * phone's host (the view phone's attachElement comes with R0's response), so only that copy is queued, and Vaadin
     * sends it after R0's response. A hidden phone that left the work to the view phone, whose copy never comes, lost it (a review): the first
     * copy heard does it.
     */
    @Test
    void aCallOutHeardOnlyByTheHiddenPhoneWhileAShownOneIsBeingAttachedIsLogged() throws Exception {
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        layoutPhone.setThirdPartyService(service);
        VerticalLayout panel = new VerticalLayout(layoutPhone);
        UI.getCurrent().add(panel);
        js();
        pageSays(LOGIN, 1, layoutPhone);
        js();
        panel.setVisible(false);
        js();
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE); // request R0 attaches it
        viewPhone.setThirdPartyService(service);
        UI.getCurrent().add(new VerticalLayout(viewPhone));
        pageSays(CALL_LOG, 2, layoutPhone); // R0's response, then the copy the page queued meanwhile: the layout's only
        for (int i = 0; i < 50 && logged.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(logged).as("the call-out the widget made is logged in the CRM").containsExactly("s-1");
    }

    /** The same race for the widget's login (a review: no phone applied it, and the view's call waited). */
    @Test
    void aLoginHeardOnlyByTheHiddenPhoneWhileAShownOneIsBeingAttachedIsApplied() {
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        VerticalLayout panel = new VerticalLayout(layoutPhone);
        UI.getCurrent().add(panel);
        js();
        panel.setVisible(false);
        js();
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(new VerticalLayout(viewPhone));
        viewPhone.call("+16505550100");
        pageSays(LOGIN, 1, layoutPhone);
        assertThat(viewPhone.isLoggedIn()).as("the widget said it is logged in").isTrue();
    }

    /**
     * A hidden layout phone that left the login to the view's, then navigated on in its own login listener (the view,
     * and its phone, detached: the relay drops that copy), had nobody apply it (a review).
     */
    @Test
    void aLoginIsAppliedWhenTheHiddenPhonesListenerLeavesTheView() {
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        VerticalLayout panel = new VerticalLayout(layoutPhone);
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
        VerticalLayout view = new VerticalLayout(viewPhone);
        UI.getCurrent().add(panel, view);
        js();
        panel.setVisible(false); // collapsed after it showed: it keeps its host, and hears the page
        js();
        layoutPhone.addLoginStatusListener(e -> UI.getCurrent().remove(view)); // "signed in: on to the start view"
        pageSays(LOGIN, 1, layoutPhone, viewPhone);
        assertThat(layoutPhone.isLoggedIn()).as("the widget said it is logged in").isTrue();
    }

    /**
     * A layout's floating phone in a panel hidden at first gets the sign-in's handoff: the widget is loaded at once (a
     * page script), while Vaadin holds the phone's attachElement until it shows. The widget's login report finds no
     * host, and nothing asked again when it showed (a review). It now waits with the host, as a load without one.
     */
    @Test
    void aHandoffToAPhoneHiddenSinceItsAttachWaitsWithItsHost() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN_REDIRECT);
        phone.setLoginHandoff(io.github.embeddable4j.core.login.LoginHandoff.of("c0de", "v".repeat(43),
                "https://crm.example.com/ringcentral/redirect", "ext-1"));
        VerticalLayout panel = new VerticalLayout(phone);
        panel.setVisible(false);
        UI.getCurrent().add(panel);
        List<String> out = js();
        assertThat(out).as("the host is held").noneMatch(s -> s.contains("attachElement"));
        assertThat(out).as("so is the widget's load").noneMatch(s -> s.contains("Adapter"));
    }

    /** A floating phone hidden on its own, alone in its UI: the shared work (the login, the dispatcher) is still done. */
    @Test
    void aHiddenFloatingPhoneAloneStillFeedsTheDispatcher() throws Exception {
        List<io.github.embeddable4j.core.event.ReceivedWidgetEvent> got = new CopyOnWriteArrayList<>();
        try (var dispatcher = io.github.embeddable4j.core.event.WidgetEventDispatcher.builder().listener(got::add).build()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
            phone.setEventDispatcher(dispatcher);
            UI.getCurrent().add(phone);
            js();
            phone.setVisible(false);
            rpcSays(phone, LOGIN);
            rpcSays(phone, RING);
            assertThat(phone.isLoggedIn()).isTrue();
            for (int i = 0; i < 100 && got.size() < 2; i++) {
                Thread.sleep(20);
            }
            assertThat(got).extracting(e -> e.event().type()).containsExactly("rc-login-status-notify", "rc-call-ring-notify");
        }
    }

    /**
     * A @UIScope phone after a @PreserveOnRefresh refresh (a trial): the preserved layout holds the old UI's phone, a
     * view built later gets the new UI's bean, never attached, whose calls wait for an attach that never comes, with no
     * event. The component says so, once, where another floating phone of the UI is attached.
     */
    @Test
    void aCommandToAStrayFloatingPhoneIsSaidOnce() {
        RingCentralEmbeddable onPage = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(onPage);
        RingCentralEmbeddable stray = new RingCentralEmbeddable(EMBEDDABLE);
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE).call("+16505550100"); // not said
            stray.call("+16505550100");
            stray.call("+16505550101");
            RingCentralEmbeddable viewsOwn = new RingCentralEmbeddable(EMBEDDABLE); // made, sent to, then attached
            viewsOwn.call("+16505550102");
            UI.getCurrent().add(viewsOwn);
            js(); // the round trip ends
            assertThat(log.records).singleElement().satisfies(r -> assertThat(r.getMessage())
                    .contains("a rc-adapter-new-call command went to a floating phone that is not attached, while another"
                            + " floating phone of this UI is").contains("@PreserveOnRefresh"));
        }
        UI.getCurrent().remove(onPage);
        UI.getCurrent().getChildren().filter(RingCentralEmbeddable.class::isInstance).toList().forEach(UI.getCurrent()::remove);
        js();
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            new RingCentralEmbeddable(EMBEDDABLE).call("+16505550100"); // no floating phone attached: a phone not shown yet
            new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE).call("+16505550100");
            js();
            assertThat(log.records).isEmpty();
        }
    }

    /** No page delivers the widget's messages to a phone that is not attached: nor does the test helper. */
    @Test
    void theSimulatedWidgetRefusesAPhoneThatIsNotAttached() {
        RingCentralEmbeddable inATabNotSelected = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.github.embeddable4j.vaadin.testing.SimulatedWidget.says(
                inATabNotSelected, LOGIN)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not attached");
        assertThat(inATabNotSelected.isLoggedIn()).isFalse();
    }

    /**
     * Two floating phones; the first, hidden after it showed (its events still come), is shown again by its own
     * listener at the login. Chosen by visibility at each copy, neither applied the login (the first skipped it, not
     * showing; the second skipped it, the first now showing): the first copy heard now does it (a review).
     */
    @Test
    void aLoginIsAppliedWhenTheFirstPhonesListenerShowsIt() {
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(layoutPhone);
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(new VerticalLayout(viewPhone));
        js();
        layoutPhone.addLoginStatusListener(e -> layoutPhone.setVisible(e.isLoggedIn())); // "show the phone once signed in"
        layoutPhone.setVisible(false);
        js();
        viewPhone.call("+16505550100");
        pageSays(LOGIN, 7, layoutPhone, viewPhone); // the glue hands the one message to every registered host, in order
        assertThat(layoutPhone.isVisible()).as("the listener ran").isTrue();
        assertThat(viewPhone.isLoggedIn()).as("the widget said it is logged in").isTrue();
        assertThat(viewPhone.getQueuedCommands()).as("the call went out").isEmpty();
    }

    /**
     * The other way round: a listener hides the phone that did the work before the second copy's turn; the second
     * copy does not do it again.
     */
    @Test
    void aCallOutIsLoggedOnceWhenTheFirstPhonesListenerHidesIt() throws Exception {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        second.setThirdPartyService(service);
        UI.getCurrent().add(first, second);
        js();
        pageSays(LOGIN, 1, first, second);
        second.addWidgetMessageListener(e -> first.setVisible(false)); // "hide the layout's phone during a call"
        pageSays(CALL_LOG, 2, first, second);
        pageSays(CALL_END, 3, first, second);
        Thread.sleep(300);
        assertThat(logged).as("one call log for one call-out").containsExactly("s-1");
    }

    /**
     * Navigating from a view with a floating phone to one that sends a command as it is built: Vaadin builds the next
     * view while the last one's phone is attached, and the new phone attaches in the same round trip. No warning.
     */
    @Test
    void noStrayWarningForAViewBuiltWhileThePreviousViewsPhoneIsAttached() {
        MockVaadin.tearDown();
        MockVaadin.setup(new com.github.mvysny.kaributesting.v10.Routes(
                new java.util.HashSet<>(java.util.Set.of(CallsView.class, DialView.class)), new java.util.HashSet<>(), true));
        UI.getCurrent().navigate(CallsView.class);
        js();
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            UI.getCurrent().navigate(DialView.class, "+16505550100");
            js();
            DialView view = (DialView) UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
            assertThat(view.phone.isAttached()).isTrue();
            assertThat(log.records).noneMatch(r -> r.getMessage().contains("is not attached, while another floating phone"));
        }
    }

    /** A view's unit test whose listener has a bug fails with it, once the component has done its own work. */
    @Test
    void aBugInAListenerStillFailsTheViewsUnitTest() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        phone.addCallEndListener(e -> {
            throw new NullPointerException("the view's bug");
        });
        assertThatThrownBy(() -> io.github.embeddable4j.vaadin.testing.SimulatedWidget.says(phone, CALL_END))
                .isInstanceOf(NullPointerException.class);
    }

    @com.vaadin.flow.router.Route("calls")
    public static final class CallsView extends com.vaadin.flow.component.html.Div {
        public CallsView() {
            add(new RingCentralEmbeddable(EMBEDDABLE));
        }
    }

    @com.vaadin.flow.router.Route("dial")
    public static final class DialView extends com.vaadin.flow.component.html.Div
            implements com.vaadin.flow.router.HasUrlParameter<String> {
        final RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);

        public DialView() {
            add(phone);
        }

        @Override
        public void setParameter(com.vaadin.flow.router.BeforeEvent event, String number) {
            phone.call(number);
        }
    }

    /**
     * A layout's floating phone and a view's, one dispatcher: the view's call-end listener navigates on (its phone is
     * detached) before the component feeds the dispatcher. The detached copy fed it unclaimed, and the other copy
     * again: the call's end went to the application twice (a review).
     */
    @Test
    void aViewLeftByItsCallEndListenerFeedsTheDispatcherOnce() throws Exception {
        List<String> ends = new CopyOnWriteArrayList<>();
        try (io.github.embeddable4j.core.event.WidgetEventDispatcher dispatcher = io.github.embeddable4j.core.event
                .WidgetEventDispatcher.builder().threads(1).listener(new io.github.embeddable4j.core.event.WidgetEventListener() {
                    @Override
                    public void onWidgetEvent(io.github.embeddable4j.core.event.ReceivedWidgetEvent event) {
                        ends.add(event.event().json());
                    }

                    @Override
                    public java.util.Set<String> eventTypes() {
                        return java.util.Set.of("rc-call-end-notify");
                    }
                }).build()) {
            RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
            layoutPhone.setEventDispatcher(dispatcher);
            UI.getCurrent().add(layoutPhone);
            RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
            viewPhone.setEventDispatcher(dispatcher);
            VerticalLayout view = new VerticalLayout(viewPhone);
            UI.getCurrent().add(view);
            js();
            viewPhone.addCallEndListener(e -> UI.getCurrent().remove(view)); // "on to the wrap-up view"
            pageSays(LOGIN, 1, layoutPhone, viewPhone);
            pageSays(CALL_END, 2, viewPhone, layoutPhone); // the view's copy first (the glue's order is the hosts')
            Thread.sleep(500);
            assertThat(ends).as("the call's end handed to the application's listeners").hasSize(1);
        }
    }

    /**
     * A view made on navigation calls at once, and a CommandSentEvent listener has a bug: thrown from Vaadin's work
     * before the response, it failed the response ("Internal error", the view never shown; a review). It goes to the
     * session's error handler there.
     */
    @Test
    void aListenerBugBeforeTheResponseGoesToTheErrorHandler() {
        // Vaadin's default error handler: with it, Vaadin's StateTree throws what its work before a response threw
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(layoutPhone);
        js();
        widgetSays(layoutPhone, LOGIN);
        js();
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
        viewPhone.addCommandSentListener(e -> {
            throw new IllegalStateException("a bug in the application's audit");
        });
        UI.getCurrent().add(new VerticalLayout(viewPhone));
        viewPhone.call("+16505550100");
        boolean[] laterWorkRan = {false};
        UI.getCurrent().beforeClientResponse(UI.getCurrent(), ctx -> laterWorkRan[0] = true);
        org.assertj.core.api.Assertions.assertThatCode(() -> UI.getCurrent().getInternals().getStateTree()
                .runExecutionsBeforeClientResponse()).doesNotThrowAnyException();
        assertThat(laterWorkRan[0]).as("Vaadin's other work before the response").isTrue();
        assertThat(viewPhone.getQueuedCommands()).as("the call went").isEmpty();
    }

    /**
     * The page did not post the sign-out's logout, so the widget's login stands again and what waited goes: with a
     * CommandSentEvent listener's bug, only the first went (a review: this path was not guarded).
     */
    @Test
    void aLoginStandingAgainSendsEveryWaitingCommandDespiteAListenerBug() {
        var request = (com.github.mvysny.fakeservlet.FakeRequest) ((com.vaadin.flow.server.VaadinServletRequest)
                com.vaadin.flow.server.VaadinRequest.getCurrent()).getRequest();
        request.addCookie(new jakarta.servlet.http.Cookie(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, "1"));
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        com.vaadin.flow.server.VaadinSession.getCurrent().setErrorHandler(e -> handled.add(e.getThrowable()));
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        phone.call("+16505550101");
        phone.call("+16505550102");
        phone.addCommandSentListener(e -> {
            throw new IllegalStateException("a bug in the application's audit");
        });
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
        var signOut = ClientSide.pending().stream()
                .filter(p -> p.getInvocation().getExpression().contains("signOutLogout(")).findFirst().orElseThrow();
        signOut.complete(elemental.json.Json.create(false)); // the mark was gone in the browser
        assertThat(phone.getQueuedCommands()).as("commands still waiting for a login the widget has").isEmpty();
        assertThat(handled).isNotEmpty();
    }

    /**
     * SimulatedWidget hands a floating phone's message to every floating phone of the UI under one number, as the
     * page does: each fires its events, the CRM logs the call once.
     */
    @Test
    void theSimulatedWidgetHandsAFloatingMessageToEveryFloatingPhoneOnce() throws Exception {
        RingCentralEmbeddable layoutPhone = new RingCentralEmbeddable(EMBEDDABLE);
        layoutPhone.setThirdPartyService(service);
        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(EMBEDDABLE);
        viewPhone.setThirdPartyService(service);
        RingCentralEmbeddable otherWidget = new RingCentralEmbeddable(Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .prefix("second").build())); // another floating widget: its own frame, its own messages
        RingCentralEmbeddable inHiddenTab = new RingCentralEmbeddable(EMBEDDABLE);
        VerticalLayout hiddenTab = new VerticalLayout(inHiddenTab);
        hiddenTab.setVisible(false); // no host in the page: Vaadin holds its scripts
        UI.getCurrent().add(layoutPhone, new VerticalLayout(viewPhone), otherWidget, hiddenTab);
        js();
        List<String> heard = new CopyOnWriteArrayList<>();
        layoutPhone.addWidgetMessageListener(e -> heard.add("layout"));
        viewPhone.addWidgetMessageListener(e -> heard.add("view"));
        otherWidget.addWidgetMessageListener(e -> heard.add("other widget"));
        inHiddenTab.addWidgetMessageListener(e -> heard.add("hidden"));
        io.github.embeddable4j.vaadin.testing.SimulatedWidget.says(viewPhone, LOGIN);
        io.github.embeddable4j.vaadin.testing.SimulatedWidget.says(viewPhone, CALL_LOG);
        Thread.sleep(300);
        assertThat(heard).containsExactlyInAnyOrder("layout", "view", "layout", "view");
        assertThat(layoutPhone.isLoggedIn()).isTrue();
        assertThat(logged).as("call logs in the CRM").containsExactly("s-1");
    }

    /**
     * A floating phone hidden after it showed keeps its host in the page and hears the widget there: SimulatedWidget
     * hands it the message too (it left it out, as one hidden since its attach, a review), and the CRM's answers are
     * fetched through the phone that shows, whose scripts Vaadin does not hold.
     */
    @Test
    void theSimulatedWidgetHandsAMessageToAPhoneHiddenAfterItShowed() throws Exception {
        RingCentralEmbeddable[] phones = layoutPhoneHiddenBesideAViewPhone();
        RingCentralEmbeddable layoutPhone = phones[0];
        RingCentralEmbeddable viewPhone = phones[1];
        List<String> heard = new CopyOnWriteArrayList<>();
        layoutPhone.addWidgetMessageListener(e -> heard.add("layout"));
        viewPhone.addWidgetMessageListener(e -> heard.add("view"));
        io.github.embeddable4j.vaadin.testing.SimulatedWidget.says(viewPhone, LOGIN);
        io.github.embeddable4j.vaadin.testing.SimulatedWidget.says(layoutPhone, CALL_LOG);
        for (int i = 0; i < 100 && logged.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(heard).containsExactlyInAnyOrder("layout", "view", "layout", "view");
        assertThat(logged).containsExactly("s-1");
        assertThat(ClientSide.allJs()).as("answered by the phone that shows").anySatisfy(s -> assertThat(s).contains("fetchAnswers"));
    }

    /** The control: the same request while enabled gets the call log's answer. */
    @Test
    void controlTheBrowsersFetchOfAnswersWhileEnabled() throws Exception {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        UI.getCurrent().add(phone);
        js();
        rpcSays(phone, LOGIN);
        rpcSays(phone, CALL_LOG);
        for (int i = 0; i < 100 && logged.isEmpty(); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        js();
        fetchRpc(phone);
        assertThat(ClientSide.allJs()).anySatisfy(s -> assertThat(s).contains("answersArrived").contains("r1"));
    }

    /**
     * The application's UI listener throws (a bug in a label update): the component's own server-side work for that
     * message (registering the CRM, answering a call-out, feeding the dispatcher) runs after the listeners and is
     * skipped. Here the CRM is never registered with the widget: no contacts, no call logging for the page's life.
     */
    @Test
    void aThrowingLoginListenerDoesNotKeepTheCrmFromBeingRegistered() throws Exception {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        phone.addLoginStatusListener(e -> {
            throw new IllegalStateException("a bug in the application's status label");
        });
        UI.getCurrent().add(phone);
        js();
        assertThatThrownBy(() -> widgetSays(phone, LOGIN)).as("thrown once the component's work is done")
                .hasMessage("a bug in the application's status label");
        assertThat(answers(phone, "rc-adapter-register-third-party-service"))
                .as("the widget gets the CRM's registration").contains("rc-adapter-register-third-party-service");
    }

    /** The same for a call-out: a throwing WidgetMessageEvent listener (a log line) leaves the call log unwritten. */
    @Test
    void aThrowingMessageListenerDoesNotKeepACallOutFromBeingAnswered() throws Exception {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        UI.getCurrent().add(phone);
        js();
        widgetSays(phone, LOGIN);
        phone.addWidgetMessageListener(e -> {
            if (e.getType().equals("rc-post-message-request")) {
                throw new IllegalStateException("a bug in the application's event log");
            }
        });
        assertThatThrownBy(() -> widgetSays(phone, CALL_LOG)).hasMessage("a bug in the application's event log");
        assertThat(answers(phone, "\"responseId\":\"r1\"")).as("the widget is answered").contains("\"responseId\":\"r1\"");
        assertThat(logged).containsExactly("s-1");
    }
}

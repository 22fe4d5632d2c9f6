package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import elemental.json.Json;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.login.LoginHandoff;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CRM's answers and sign in once's reload of a UI's floating phones when some are hidden or go (a review's
 * findings, each lost before): answers left by a phone that went are fetched by the next; a phone of another prefix
 * does not take them; a reload for a hidden phone goes at once where a phone of the widget shows, and a phone that
 * shows while it is held loads the widget with the login.
 */
class HiddenPhoneAnswersTest {
    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final Embeddable OTHER = Embeddable.of(EmbeddableConfig.builder().clientId("xyz").prefix("other").build());
    private static final Embeddable OWN_REDIRECT = Embeddable.of(EmbeddableConfig.builder().clientId("abc")
            .redirectUri("https://crm.example.com/ringcentral/redirect").build());
    private static final String LOGIN = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";
    private static final String CALL_LOG = "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/callLogger\","
            + "\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s-1\"}}}";

    private final CountDownLatch slow = new CountDownLatch(1);
    private ThirdPartyService service;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = ThirdPartyService.builder("acme").callLogger((r, c) -> {
            try { slow.await(5, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }).build();
    }

    @AfterEach
    void tearDown() {
        slow.countDown();
        service.close();
        MockVaadin.tearDown();
    }

    private static void pageSays(String json, Integer seq, RingCentralEmbeddable... phones) {
        ClientSide.viaVaadinRpc(json, seq, phones);
    }

    /** Drains the registration's answer so that only the slow call-out's stays pending. */
    private static void drainRegistration(RingCentralEmbeddable phone) throws InterruptedException {
        for (int i = 0; i < 100 && !phone.serviceAnswers().contains("register"); i++) {
            Thread.sleep(20);
        }
    }

    /** The widget logged in at {@code phone}, whose call log is being worked on (the CRM is slow): its answer pends. */
    private static void callLogPendingAt(RingCentralEmbeddable phone) throws InterruptedException {
        pageSays(LOGIN, 1, phone);
        drainRegistration(phone);
        pageSays(CALL_LOG, 2, phone);
        js();
    }

    /**
     * A view change (one view's floating phone detached, the next one's attached) while a call-out is being answered:
     * the first's fetch went with its host, and nobody asked the browser to fetch the answer.
     */
    @Test
    void anAnswerBeingWorkedOnAtAViewChangeIsFetchedByTheNextView() throws Exception {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        VerticalLayout view1 = new VerticalLayout(first);
        UI.getCurrent().add(view1);
        js();
        callLogPendingAt(first);
        UI.getCurrent().remove(view1);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        second.setThirdPartyService(service);
        UI.getCurrent().add(new VerticalLayout(second));
        slow.countDown();
        List<String> out = js();
        Thread.sleep(200);
        assertThat(second.serviceAnswers()).as("the answer waits in the shared list").contains("\"responseId\":\"r1\"");
        assertThat(out).as("someone asks the browser to fetch it (the first's host and poll are gone)")
                .anySatisfy(s -> assertThat(s).contains("fetchAnswers"));
    }

    /** A showing phone of another widget (another prefix) would post a detached phone's answers nowhere. */
    @Test
    void aDetachedPhonesAnswersAreNotHandedToAPhoneOfAnotherPrefix() throws Exception {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        RingCentralEmbeddable other = new RingCentralEmbeddable(OTHER);
        UI.getCurrent().add(first, other);
        js();
        callLogPendingAt(first);
        UI.getCurrent().remove(first);
        List<String> out = js();
        assertThat(out).filteredOn(s -> s.contains("fetchAnswers"))
                .as("handed to the other prefix's host").noneMatch(s -> s.contains(other.hostId()));
    }

    /** A handoff set on a hidden phone while another floating phone of the same widget shows, which hears its login. */
    @Test
    void aHandoffToAHiddenPhoneGoesAtOnceWhileAnotherShows() {
        RingCentralEmbeddable shown = new RingCentralEmbeddable(OWN_REDIRECT);
        RingCentralEmbeddable hidden = new RingCentralEmbeddable(OWN_REDIRECT);
        VerticalLayout panel = new VerticalLayout(hidden);
        UI.getCurrent().add(shown, panel);
        js();
        pageSays(LOGIN, 1, shown, hidden);
        panel.setVisible(false);
        js();
        hidden.setLoginHandoff(LoginHandoff.of("c0de", "v".repeat(43), "https://crm.example.com/ringcentral/redirect", "ext-1"));
        assertThat(js()).as("the widget reloads with the login (the shown phone's host hears it)")
                .anySatisfy(s -> assertThat(s).contains("reloadAdapter", "c0de"));
    }

    /** A hidden phone's held handoff reload; then a phone that shows is attached: it loaded the widget without the login. */
    @Test
    void aShownPhoneAttachedWhileAHandoffIsHeldLoadsTheWidgetWithTheLogin() {
        RingCentralEmbeddable hidden = new RingCentralEmbeddable(OWN_REDIRECT);
        hidden.setLoginHandoff(LoginHandoff.of("c0de", "v".repeat(43), "https://crm.example.com/ringcentral/redirect", "ext-1"));
        VerticalLayout panel = new VerticalLayout(hidden);
        panel.setVisible(false);
        UI.getCurrent().add(panel);
        js();
        RingCentralEmbeddable shown = new RingCentralEmbeddable(OWN_REDIRECT);
        UI.getCurrent().add(shown);
        List<String> out = js();
        assertThat(out).filteredOn(s -> s.contains("Adapter")).as("the page's widget carries the login handoff")
                .anySatisfy(s -> assertThat(s).contains("c0de"));
    }

    private static LoginHandoff handoff(String code) {
        return LoginHandoff.of(code, "v".repeat(43), "https://crm.example.com/ringcentral/redirect", "ext-1");
    }

    /**
     * What the browser does when a hidden phone shows: it runs the scripts Vaadin held for its element, and answers
     * the one whose result the server waits for (the held reload's "return true").
     */
    private static List<String> browserShowsThePhone() {
        List<String> out = new java.util.ArrayList<>();
        for (var p : ClientSide.pending()) {
            out.add(p.getInvocation().getExpression() + " " + p.getInvocation().getParameters().stream()
                    .filter(o -> !(o instanceof com.vaadin.flow.dom.Element)).toList());
            if (p.getInvocation().getExpression().contains("return true")) {
                p.complete(Json.create(true));
            }
        }
        out.addAll(js());
        return out;
    }

    /** A hidden phone's held reload runs when it shows, with the login the UI holds then. */
    @Test
    void aHeldReloadGoesWhenTheHiddenPhoneShows() {
        RingCentralEmbeddable hidden = new RingCentralEmbeddable(OWN_REDIRECT);
        VerticalLayout panel = new VerticalLayout(hidden);
        panel.setVisible(false);
        UI.getCurrent().add(panel);
        js();
        hidden.setLoginHandoff(handoff("c0de"));
        assertThat(js()).noneMatch(s -> s.contains("Adapter"));
        panel.setVisible(true);
        assertThat(browserShowsThePhone()).filteredOn(s -> s.contains("reloadAdapter")).singleElement().asString()
                .contains("c0de");
    }

    /** A dispose forgets a held reload: a later phone does not replay the gone widget's one-time code (a review). */
    @Test
    void aDisposeForgetsTheHeldReload() {
        RingCentralEmbeddable hidden = new RingCentralEmbeddable(OWN_REDIRECT);
        VerticalLayout panel = new VerticalLayout(hidden);
        panel.setVisible(false);
        UI.getCurrent().add(panel);
        js();
        hidden.setLoginHandoff(handoff("0ldc0de"));
        js();
        UI.getCurrent().remove(panel); // the only phone goes: the widget is disposed at the response
        js();
        VerticalLayout panel2 = new VerticalLayout(new RingCentralEmbeddable(OWN_REDIRECT));
        panel2.setVisible(false);
        UI.getCurrent().add(panel2);
        js();
        UI.getCurrent().add(new RingCentralEmbeddable(OWN_REDIRECT));
        assertThat(js()).filteredOn(s -> s.contains("Adapter")).noneMatch(s -> s.contains("0ldc0de"));
    }

    /** A held reload done by a phone that showed, then a second login: the hidden phone shows, nothing replays the first. */
    @Test
    void aHeldReloadIsNotReplayedAfterASecondHandoff() {
        RingCentralEmbeddable hidden = new RingCentralEmbeddable(OWN_REDIRECT);
        VerticalLayout panel = new VerticalLayout(hidden);
        panel.setVisible(false);
        UI.getCurrent().add(panel);
        js();
        hidden.setLoginHandoff(handoff("firstc0de"));
        js();
        RingCentralEmbeddable shown = new RingCentralEmbeddable(OWN_REDIRECT);
        UI.getCurrent().add(shown);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("reloadAdapter", "firstc0de"));
        shown.setLoginHandoff(handoff("secondc0de"));
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("reloadAdapter", "secondc0de"));
        panel.setVisible(true);
        assertThat(browserShowsThePhone()).filteredOn(s -> s.contains("Adapter")).noneMatch(s -> s.contains("firstc0de"));
    }

    /** A held reload of one widget, its phone leaving in the round trip a phone of another widget comes (a review). */
    @Test
    void anotherWidgetsPhoneDoesNotReloadTheFirstWidgetsLogin() {
        VerticalLayout view1 = new VerticalLayout(new RingCentralEmbeddable(OWN_REDIRECT));
        view1.setVisible(false);
        UI.getCurrent().add(view1);
        js();
        ((RingCentralEmbeddable) view1.getComponentAt(0)).setLoginHandoff(handoff("c0de"));
        js();
        UI.getCurrent().remove(view1);
        UI.getCurrent().add(new VerticalLayout(new RingCentralEmbeddable(OTHER)));
        assertThat(js()).filteredOn(s -> s.contains("Adapter")).noneMatch(s -> s.contains("c0de"))
                .anySatisfy(s -> assertThat(s).contains("xyz"));
    }

    /** A phone of another prefix attaching does not take the answers left pending: it has no frame to post them to. */
    @Test
    void aShownPhoneOfAnotherPrefixAttachingDoesNotFetchTheAnswers() throws Exception {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        UI.getCurrent().add(first);
        js();
        callLogPendingAt(first);
        RingCentralEmbeddable other = new RingCentralEmbeddable(OTHER);
        UI.getCurrent().add(other);
        assertThat(js()).filteredOn(s -> s.contains("fetchAnswers")).noneMatch(s -> s.contains(other.hostId()));
    }

    /**
     * A showing phone goes (a view change) while its call-out is answered; the UI's other phone, collapsed after it
     * showed, keeps the widget and its host in the page: the page asks through it (a review: nobody asked).
     */
    @Test
    void answersLeftByAGonePhoneAreFetchedThroughAPhoneHiddenAfterItShowed() throws Exception {
        RingCentralEmbeddable keeper = new RingCentralEmbeddable(EMBEDDABLE);
        keeper.setThirdPartyService(service);
        VerticalLayout panel = new VerticalLayout(keeper);
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        VerticalLayout view1 = new VerticalLayout(first);
        UI.getCurrent().add(panel, view1);
        js();
        pageSays(LOGIN, 1, first, keeper);
        drainRegistration(first);
        panel.setVisible(false); // collapsed after it showed: its host stays in the page, and hears the widget
        js();
        pageSays(CALL_LOG, 2, first, keeper);
        js();
        UI.getCurrent().remove(view1);
        slow.countDown();
        List<String> out = js();
        Thread.sleep(200);
        assertThat(keeper.serviceAnswers()).as("the answer waits in the shared list").contains("\"responseId\":\"r1\"");
        assertThat(out).as("someone asks the browser to fetch it").anySatisfy(s -> assertThat(s).contains("fetchAnswers"));
    }

    /**
     * A view change replaces the widget with another prefix's: the gone widget's answers are not handed to the new
     * one (a review: they were, and posted into the other widget).
     */
    @Test
    void aReplacedWidgetsAnswersAreNotHandedToTheNewWidget() throws Exception {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        first.setThirdPartyService(service);
        VerticalLayout view1 = new VerticalLayout(first);
        UI.getCurrent().add(view1);
        js();
        callLogPendingAt(first);
        UI.getCurrent().remove(view1);
        RingCentralEmbeddable other = new RingCentralEmbeddable(OTHER);
        UI.getCurrent().add(new VerticalLayout(other));
        slow.countDown();
        List<String> out = js();
        Thread.sleep(200);
        assertThat(out).as("the new widget loads").anySatisfy(s -> assertThat(s).contains("loadAdapter", "other"));
        assertThat(out).filteredOn(s -> s.contains("fetchAnswers"))
                .as("handed to the other prefix's host").noneMatch(s -> s.contains(other.hostId()));
        assertThat(other.serviceAnswers()).as("the first widget's reply, taken by the other prefix's host")
                .doesNotContain("\"responseId\":\"r1\"");
    }
}

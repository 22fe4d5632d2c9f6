package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a review found of messages a page can forge and of a component attached again (each fails without its fix). */
class ForgedAndReattachedTest {

    private static final Embeddable OWN = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /**
     * The application's dispatcher is shared, its queue bounded by count, not size: an event larger than the HTTP
     * bridge takes (32 KiB) is not handed to it from the component either (a review: 400 forged messages of 256 KiB
     * held 105 MB behind a slow listener). The component's own listeners still hear it.
     */
    @Test
    void anEventLargerThanTheBridgeTakesIsNotHandedToTheDispatcher() throws Exception {
        List<String> dispatched = new java.util.concurrent.CopyOnWriteArrayList<>();
        WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder()
                .listener(received -> dispatched.add(received.event().json().contains("\"big\"") ? "big" : "small")).build();
        try {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN, RingCentralEmbeddable.Mode.INLINE);
            phone.setEventDispatcher(dispatcher);
            List<String> heard = new java.util.ArrayList<>();
            phone.addCallEndListener(e -> heard.add(e.getCall().id()));
            UI.getCurrent().add(phone);
            String pad = "x".repeat(RingCentralEmbeddable.MAX_DISPATCHED_CHARS);
            widgetSays(phone, "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"big\",\"x\":\"" + pad + "\"}}");
            widgetSays(phone, "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"small\"}}");
            assertThat(heard).as("the component's own listeners").containsExactly("big", "small");
            long end = System.nanoTime() + 5_000_000_000L;
            while (!dispatched.contains("small") && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(dispatched).as("the dispatcher's (in order: the small one came after)").containsExactly("small");
        } finally {
            dispatcher.close();
        }
    }

    /**
     * The sign-out mark's logout waits for a restored login; the phone is detached and attached again by a request that
     * still carries the mark. One guarded logout stays queued, not a second: the first one went out through a plain
     * post, without the page's check that the mark is still set (which keeps another tab's new login) (a review).
     */
    @Test
    void theSignOutMarkTakenAgainAfterAReattachQueuesOneGuardedLogout() {
        var request = (com.github.mvysny.fakeservlet.FakeRequest) ((com.vaadin.flow.server.VaadinServletRequest)
                com.vaadin.flow.server.VaadinRequest.getCurrent()).getRequest();
        request.addCookie(new jakarta.servlet.http.Cookie(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, "1"));
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN);
        Div layout = new Div(phone);
        UI.getCurrent().add(layout);
        js();
        UI.getCurrent().remove(layout); // a view outside the layout
        js();
        request.setAttribute(io.github.embeddable4j.core.login.WidgetLogoutCookie.NAME, null); // the next request
        UI.getCurrent().add(layout); // back; the browser still has the mark
        assertThat(phone.getQueuedCommands()).as("one logout waits").hasSize(1);
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":false}");
        List<String> out = js();
        assertThat(out).as("sent %s", out).noneMatch(s -> s.startsWith("window.embeddable4j.post(") && s.contains("rc-adapter-logout"))
                .anyMatch(s -> s.contains("signOutLogout"));
    }
}

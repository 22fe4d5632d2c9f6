package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.vaadin.event.CallEndEvent;
import io.github.embeddable4j.vaadin.event.CallRingEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A modal Dialog (Vaadin's Dialog is modal by default) makes every component outside it inert: Vaadin ignores the DOM
 * events and @ClientCallable calls of inert components unless they allow it. The phone in the main layout is outside
 * any dialog the application opens, e.g. "who is calling" on a CallRingEvent, or "log the call" on CallEndEvent.
 */
class ModalDialogTest {

    private static final Embeddable OWN = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void theWidgetsEventsStillArriveWhileAModalDialogIsOpen() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN);
        UI.getCurrent().add(phone);
        js();
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        List<String> heard = new ArrayList<>();
        phone.addCallRingListener(e -> {
            heard.add("ring");
            Dialog who = new Dialog("Call from " + e.getCall().from()); // modal by default
            who.open();
        });
        phone.addCallEndListener(e -> heard.add("end"));
        widgetSays(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550100\"}}");
        MockVaadin.clientRoundtrip(); // the dialog opens
        UI.getCurrent().getInternals().getStateTree().collectChanges(c -> { }); // as the response is written
        assertThat(phone.getElement().getNode().isInert()).as("the phone is inert behind the dialog").isTrue();
        widgetSays(phone, "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550100\"}}");
        assertThat(heard).containsExactly("ring", "end");
    }

    /** The page's timer asks through the UI, which a modal dialog makes inert: a waiting command still expires. */
    @Test
    void theBrowsersTimerStillExpiresCommandsWhileAModalDialogIsOpen() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        js();
        MutableClock clock = new MutableClock();
        phone.setClock(clock);
        List<String> dropped = new ArrayList<>();
        phone.addCommandDroppedListener(e -> dropped.add(e.getReason() + " " + e.getCommand().type()));
        phone.call("+16505550101"); // waits for a login that does not come
        new Dialog("Call from +16505550100").open(); // modal by default
        MockVaadin.clientRoundtrip();
        UI.getCurrent().getInternals().getStateTree().collectChanges(c -> { }); // as the response is written
        assertThat(UI.getCurrent().getElement().getNode().isInert()).as("the UI is inert behind the dialog").isTrue();
        clock.advance(java.time.Duration.ofMinutes(2));
        ClientSide.pageAsks("expire", phone);
        assertThat(dropped).containsExactly("EXPIRED rc-adapter-new-call");
    }

    /** The page's request for the CRM's answers goes to the UI, which a modal dialog makes inert: it is served. */
    @Test
    void thePagesRequestForAnswersIsServedWhileAModalDialogIsOpen() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(OWN);
        UI.getCurrent().add(phone);
        js();
        new Dialog("Call from +16505550100").open(); // modal by default
        MockVaadin.clientRoundtrip();
        UI.getCurrent().getInternals().getStateTree().collectChanges(c -> { }); // as the response is written
        assertThat(UI.getCurrent().getElement().getNode().isInert()).as("the UI is inert behind the dialog").isTrue();
        ClientSide.pageAsks("answers", phone);
        assertThat(ClientSide.allJs()).anySatisfy(s -> assertThat(s).contains("answersArrived", "\"pending\":0"));
    }
}

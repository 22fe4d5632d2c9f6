package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.allJs;
import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.event.CommandSentEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A floating phone attached to a UI whose widget is already logged in: its host is registered in the browser by the
 * element's script, which Vaadin sends just before the response, so a command posted through the page at the attach
 * reached the browser first and found no host; the server said it was sent (a review). What waits now goes after it.
 */
class FloatingAttachOrderTest {

    private static final Embeddable OWN = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final String LOGIN = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
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
     * The layout's floating phone runs the widget, logged in. A view with a floating phone of its own dials in its
     * constructor (a number from the URL). The command is queued, flushed at attach through Page.executeJs, which
     * Vaadin sends BEFORE the element's attachElement (an element's executeJs is added at beforeClientResponse): the
     * glue's post() finds no host and returns false; the server fires CommandSentEvent anyway.
     */
    @Test
    void aSecondFloatingPhonesCommandGoesOutAfterItsHostIsRegistered() {
        RingCentralEmbeddable main = new RingCentralEmbeddable(OWN);
        UI.getCurrent().add(main);
        js();
        widgetSays(main, LOGIN);
        js();

        RingCentralEmbeddable viewPhone = new RingCentralEmbeddable(OWN);
        List<WidgetCommand> sent = new ArrayList<>();
        viewPhone.addCommandSentListener(e -> sent.add(e.getCommand()));
        viewPhone.call("+16505550101"); // in the view's constructor
        UI.getCurrent().add(new Div(viewPhone));
        List<String> out = allJs();
        assertThat(sent).hasSize(1);
        int post = indexOf(out, "rc-adapter-new-call");
        int attach = indexOf(out, "attachElement");
        assertThat(post).as("%s", out).isNotNegative();
        assertThat(attach).as("post(host) must come after attachElement(host), or the glue finds no host: %s", out)
                .isLessThan(post);
    }

    /** The same for a phone moved between views: detached, a command queued, attached again. */
    @Test
    void aReattachedFloatingPhonesQueuedCommandGoesOutAfterItsHostIsBack() {
        RingCentralEmbeddable main = new RingCentralEmbeddable(OWN);
        RingCentralEmbeddable moved = new RingCentralEmbeddable(OWN);
        Div viewA = new Div(moved);
        UI.getCurrent().add(main, viewA);
        js();
        widgetSays(main, LOGIN);
        widgetSays(moved, LOGIN);
        js();
        viewA.remove(moved);
        js();
        moved.call("+16505550101"); // detached: waits
        Div viewB = new Div(moved);
        UI.getCurrent().add(viewB);
        List<String> out = allJs();
        int post = indexOf(out, "rc-adapter-new-call");
        int attach = indexOf(out, "attachElement");
        assertThat(post).as("%s", out).isNotNegative();
        assertThat(attach).as("post(host) must come after attachElement(host): %s", out).isLessThan(post);
    }
}

package io.github.embeddable4j.vaadin.testing;

import com.vaadin.flow.component.ComponentUtil;
import io.github.embeddable4j.vaadin.ClientMessage;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import java.util.Objects;

/**
 * The widget's messages, delivered to a component in a unit test, where no browser runs the widget: the component
 * takes each as it takes one from the page (checked and parsed; its state, such as {@code isLoggedIn()}, updated;
 * then its typed listeners, its {@code WidgetMessageEvent} listeners, its event dispatcher and a CRM call-out's
 * service), so the view under test reacts as it would in a browser. Call it on the UI's thread (as Karibu-Testing runs
 * tests) or inside {@code ui.access(...)}.
 *
 * <pre>{@code SimulatedWidget.says(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");}</pre>
 *
 * <p>Until the widget has said it is logged in, the commands the view sends wait in
 * {@link RingCentralEmbeddable#getQueuedCommands()}, where a test can compare them with the {@code WidgetCommand} it
 * expects; once logged in, they go to the browser.
 */
public final class SimulatedWidget {

    /** The messages' numbers, as the page numbers them (below zero: apart from a page's). */
    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    private SimulatedWidget() {
    }

    /**
     * Delivers one message of the widget, as JSON (the widget's own message types, such as
     * {@code {"type":"rc-call-end-notify","call":{...}}}); a message that is not a widget message is dropped, as from a
     * page.
     *
     * @throws IllegalStateException when the phone is not attached (no page delivers to it)
     */
    public static void says(RingCentralEmbeddable phone, String json) {
        Objects.requireNonNull(json, "json");
        if (!Objects.requireNonNull(phone, "phone").isAttached()) {
            // no page can: a test that delivers anyway passes where the browser would not (a trial's phone in a tab
            // not yet selected, which Vaadin's TabSheet attaches only then, was "logged in")
            throw new IllegalStateException("The phone is not attached, so no page can deliver the widget's messages to"
                    + " it: attach it first (a TabSheet attaches a tab's content when the tab is first selected).");
        }
        // A widget speaks from a page that got the server's response: what Vaadin does just before one (such as the
        // component registering its host, after which its commands go) is done first, as in the browser.
        phone.getUI().ifPresent(ui -> ui.getInternals().getStateTree().runExecutionsBeforeClientResponse());
        ComponentUtil.fireEvent(Objects.requireNonNull(phone, "phone"), new ClientMessage(phone, true, json, false, false,
                NUMBERS.decrementAndGet()));
    }
}

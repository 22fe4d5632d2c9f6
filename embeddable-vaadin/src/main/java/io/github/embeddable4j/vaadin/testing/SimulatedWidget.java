package io.github.embeddable4j.vaadin.testing;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.vaadin.ClientMessage;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import java.util.ArrayList;
import java.util.List;
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
     * page. To a floating phone, the message goes also to every other floating phone of its UI with the same widget
     * prefix whose host the page has (one that shows, or showed when it was attached, or heard the page since: a phone
     * hidden after it showed still hears it), as the page hands them the one floating widget's messages (each fires
     * its own events; the work they share is done once).
     *
     * @throws IllegalStateException when the phone is not attached (no page delivers to it)
     */
    public static void says(RingCentralEmbeddable phone, String json) {
        Objects.requireNonNull(json, "json");
        if (!Objects.requireNonNull(phone, "phone").isAttached()) {
            // no page can: a test that delivers anyway passes where the browser would not (a trial's phone in a tab
            // not yet selected, which Vaadin's TabSheet attaches only then, was "logged in")
            throw new IllegalStateException("The phone is not attached, so no page can deliver the widget's messages to"
                    + " it: attach it first (a TabSheet attaches a tab's content when the tab is first selected, in that"
                    + " round trip: in Karibu-Testing, MockVaadin.clientRoundtrip() after selecting it).");
        }
        // A widget speaks from a page that got the server's response: what Vaadin does just before one (such as the
        // component registering its host, after which its commands go) is done first, as in the browser.
        UI ui = phone.getUI().orElseThrow();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        // The page hands a floating widget's message to every floating phone of the UI, under one number: the first
        // copy does the work they share (a test that handed it to each itself had the call logged twice).
        int number = NUMBERS.decrementAndGet();
        List<RingCentralEmbeddable> phones = new ArrayList<>(List.of(phone));
        if (phone.getMode() == RingCentralEmbeddable.Mode.FLOATING) {
            floatingPhones(ui, phone.getEmbeddable().config().prefix(), phones);
        }
        for (RingCentralEmbeddable each : phones) {
            if (each.isAttached()) { // a listener of an earlier copy may have detached it
                ComponentUtil.fireEvent(each, new ClientMessage(each, true, json, false, false, number));
            }
        }
    }

    /** The floating phones of the one floating widget whose frame carries {@code prefix} (another prefix, another widget). */
    private static void floatingPhones(Component parent, String prefix, List<RingCentralEmbeddable> into) {
        parent.getChildren().forEach(child -> {
            if (child instanceof RingCentralEmbeddable phone && phone.getMode() == RingCentralEmbeddable.Mode.FLOATING) {
                // one hidden since its attach (itself or a parent) has no host in the page until it shows: Vaadin
                // holds its scripts; one hidden after it showed keeps its host, and hears the page
                if (!into.contains(phone) && phone.getEmbeddable().config().prefix().equals(prefix)
                        && ClientMessage.hostInPage(phone)) {
                    into.add(phone);
                }
            } else {
                floatingPhones(child, prefix, into);
            }
        });
    }
}

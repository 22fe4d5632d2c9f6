package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.DisabledUpdateMode;
import com.vaadin.flow.dom.DomListenerRegistration;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hands each component of a UI what the page's glue says for its host: its widget's messages, its frame's rejections,
 * its requests for the CRM's answers and its expiry timer's calls, which the glue dispatches on the UI's element,
 * naming the host. Not on the component's own element: Vaadin drops every client event of an element it hid, its own {@code setVisible(false)} or an ancestor's (a tab
 * switched away, a collapsed panel), whatever the listener allows, while the widget in it runs on (a trial lost a ring
 * and a CRM call-out so), and the page cannot tell which elements those are (a dialog's content sits in an overlay
 * elsewhere in the page). The component checks what it is handed as from anyone, as before. One per UI.
 */
final class PageMessageRelay implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Map<String, RingCentralEmbeddable> byHost = new HashMap<>();

    private PageMessageRelay() {
    }

    /** The UI's relay, listening from the first call on (its listeners go out with the UI's next response). */
    static PageMessageRelay of(UI ui) {
        PageMessageRelay relay = ComponentUtil.getData(ui, PageMessageRelay.class);
        if (relay == null) {
            relay = new PageMessageRelay();
            ComponentUtil.setData(ui, PageMessageRelay.class, relay);
            PageMessageRelay listening = relay;
            // the UI is inert while a modal dialog is open, and the widget must still be heard then
            ComponentUtil.addListener(ui, PageMessage.class, listening::message, PageMessageRelay::always);
            ComponentUtil.addListener(ui, PageFrameRejected.class, listening::rejected, PageMessageRelay::always);
            ComponentUtil.addListener(ui, PageHostRequest.class, listening::asked, PageMessageRelay::always);
        }
        return relay;
    }

    private static void always(DomListenerRegistration registration) {
        registration.allowInert().setDisabledUpdateMode(DisabledUpdateMode.ALWAYS);
    }

    void add(String hostId, RingCentralEmbeddable component) {
        byHost.put(hostId, component);
    }

    void remove(String hostId) {
        byHost.remove(hostId);
    }

    private void message(PageMessage event) {
        RingCentralEmbeddable component = host(event.host());
        if (component == null) {
            return;
        }
        ClientMessage message = event.toClientMessage(component);
        if (message != null) {
            ComponentUtil.fireEvent(component, message);
        }
    }

    private void rejected(PageFrameRejected event) {
        RingCentralEmbeddable component = host(event.host());
        String origin = event.origin();
        if (component != null && origin != null) {
            ComponentUtil.fireEvent(component, new ClientFrameRejected(component, event.isFromClient(), origin));
        }
    }

    private void asked(PageHostRequest event) {
        RingCentralEmbeddable component = host(event.host());
        if (component == null) {
            return;
        }
        if ("answers".equals(event.kind())) {
            component.answersAsked();
        } else if ("expire".equals(event.kind())) {
            component.expireWaiting();
        } else if ("filtered-page".equals(event.kind())) {
            RingCentralEmbeddable.sayFilteredPage();
        }
    }

    /** An attached component of this UI, by the id its host has in the page; from the browser, so only looked up. */
    private @Nullable RingCentralEmbeddable host(@Nullable String id) {
        return id == null ? null : byHost.get(id);
    }
}

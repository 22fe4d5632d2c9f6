package io.github.embeddable4j.vaadin;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.DisabledUpdateMode;
import com.vaadin.flow.dom.DomEvent;
import elemental.json.JsonObject;
import elemental.json.JsonType;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hands each component of a UI what the page's glue says for its host: its widget's messages and its frame's
 * rejections, which the glue dispatches on the UI's element, naming the host. Not on the component's own element:
 * Vaadin drops every client event of an element it hid, its own {@code setVisible(false)} or an ancestor's (a tab
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
            ui.getElement().addEventListener("embeddable4j-message", listening::message)
                    .addEventData("event.detail.host").addEventData("event.detail.json")
                    .addEventData("event.detail.keptForHandoff").addEventData("event.detail.tooLarge")
                    .addEventData("event.detail.seq")
                    .allowInert().setDisabledUpdateMode(DisabledUpdateMode.ALWAYS);
            ui.getElement().addEventListener("embeddable4j-frame-rejected", listening::rejected)
                    .addEventData("event.detail.host").addEventData("event.detail.origin")
                    .allowInert().setDisabledUpdateMode(DisabledUpdateMode.ALWAYS);
        }
        return relay;
    }

    void add(String hostId, RingCentralEmbeddable component) {
        byHost.put(hostId, component);
    }

    void remove(String hostId) {
        byHost.remove(hostId);
    }

    private void message(DomEvent event) {
        JsonObject data = event.getEventData();
        RingCentralEmbeddable component = host(data);
        String json = string(data, "event.detail.json");
        if (component != null && json != null) {
            ComponentUtil.fireEvent(component, new ClientMessage(component, true, json,
                    flag(data, "event.detail.keptForHandoff"), flag(data, "event.detail.tooLarge"), seq(data)));
        }
    }

    private void rejected(DomEvent event) {
        JsonObject data = event.getEventData();
        RingCentralEmbeddable component = host(data);
        String origin = string(data, "event.detail.origin");
        if (component != null && origin != null) {
            ComponentUtil.fireEvent(component, new ClientFrameRejected(component, true, origin));
        }
    }

    /** An attached component of this UI, by the id its glue host has; from the browser, so only a string is looked up. */
    private @Nullable RingCentralEmbeddable host(JsonObject data) {
        String id = string(data, "event.detail.host");
        return id == null ? null : byHost.get(id);
    }

    private static @Nullable String string(JsonObject data, String key) {
        return data.hasKey(key) && data.get(key).getType() == JsonType.STRING ? data.getString(key) : null;
    }

    private static boolean flag(JsonObject data, String key) {
        return data.hasKey(key) && data.get(key).getType() == JsonType.BOOLEAN && data.getBoolean(key);
    }

    private static @Nullable Integer seq(JsonObject data) {
        String key = "event.detail.seq";
        if (!data.hasKey(key) || data.get(key).getType() != JsonType.NUMBER) {
            return null;
        }
        double n = data.getNumber(key);
        return n == Math.rint(n) && Math.abs(n) <= Integer.MAX_VALUE ? (int) n : null;
    }
}

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
 * Hands a hidden phone what its widget says. Vaadin drops every client event of an element it hid, its own
 * {@code setVisible(false)} or an ancestor's (a tab switched away, a collapsed panel), whatever the listener allows; the
 * widget in it keeps running (a ring, a call's end, a CRM call-out), and its messages were lost. The page's glue sends a
 * hidden host's messages to the UI's element instead, naming the host, and this relay, listening there, passes them to
 * the component as its own listener would: the same checks follow. One per UI.
 */
final class HiddenPhoneRelay implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Map<String, RingCentralEmbeddable> byHost = new HashMap<>();

    private HiddenPhoneRelay() {
    }

    /** The UI's relay, listening from the first call on (its listeners go out with the UI's next response). */
    static HiddenPhoneRelay of(UI ui) {
        HiddenPhoneRelay relay = ComponentUtil.getData(ui, HiddenPhoneRelay.class);
        if (relay == null) {
            relay = new HiddenPhoneRelay();
            ComponentUtil.setData(ui, HiddenPhoneRelay.class, relay);
            HiddenPhoneRelay listening = relay;
            ui.getElement().addEventListener("rc-message-hidden", listening::message)
                    .addEventData("event.detail.host").addEventData("event.detail.json")
                    .addEventData("event.detail.keptForHandoff").addEventData("event.detail.tooLarge")
                    .addEventData("event.detail.seq")
                    .allowInert().setDisabledUpdateMode(DisabledUpdateMode.ALWAYS);
            ui.getElement().addEventListener("rc-frame-rejected-hidden", listening::rejected)
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

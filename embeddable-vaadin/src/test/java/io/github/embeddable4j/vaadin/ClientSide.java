package io.github.embeddable4j.vaadin;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.dom.Element;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The browser's side of the component in Karibu's mocked UI: what the server sends it, and what its glue sends back. */
final class ClientSide {

    private ClientSide() {
    }

    /** The JavaScript the server would send in the next response, but the glue and the expiry timers (see allJs()). */
    static List<String> js() {
        return allJs().stream().filter(s -> !s.contains("wakeAfter") && !isGlue(s)).toList();
    }

    static boolean isGlue(String js) {
        return js.contains("//# sourceURL=embeddable4j.js");
    }

    /** The JavaScript the server would send in the next response (elements left out of the parameters). */
    /** The page's pending calls themselves, to answer one as the browser would ({@code complete}). */
    static List<PendingJavaScriptInvocation> pending() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return ui.getInternals().dumpPendingJavaScriptInvocations();
    }

    static List<String> allJs() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<String> calls = new ArrayList<>();
        for (PendingJavaScriptInvocation p : ui.getInternals().dumpPendingJavaScriptInvocations()) {
            calls.add(p.getInvocation().getExpression() + " " + p.getInvocation().getParameters().stream()
                    .filter(o -> !(o instanceof Element)).toList());
        }
        return calls;
    }

    /**
     * What the page's glue dispatches for the phone's host: an event on the UI's element naming the host (the
     * component's own element would lose it while Vaadin holds it hidden), here through Karibu's DOM event.
     */
    static void pageSays(RingCentralEmbeddable phone, String event, JsonObject data) {
        data.put("event.detail.host", phone.hostId());
        BasicUtilsKt._fireDomEvent(UI.getCurrent(), event, data);
    }

    /**
     * One widget message's copies, one per phone, in one request after the last response, as the page's glue sends
     * them: on the UI's element, naming each phone's host, through Vaadin's own RPC handler (not Karibu's user checks,
     * which skip Vaadin's checks of hidden, inert and disabled nodes).
     */
    static void viaVaadinRpc(String json, @org.jspecify.annotations.Nullable Integer seq, RingCentralEmbeddable... phones) {
        responded();
        for (RingCentralEmbeddable phone : phones) {
            JsonObject data = Json.createObject();
            if (seq != null) {
                data.put("event.detail.seq", seq);
            }
            data.put("event.detail.host", phone.hostId());
            data.put("event.detail.json", json);
            data.put("event.detail.keptForHandoff", false);
            data.put("event.detail.tooLarge", false);
            onUiElement("embeddable4j-message", data);
        }
    }

    /**
     * A request the page's glue dispatches for the phone's host on the UI's element (kind 'answers' for the CRM's
     * answers, 'expire' from its timer, 'filtered-page' at an attach beside the filter's widget), after the last
     * response, through Vaadin's own RPC handler.
     */
    static void pageAsks(String kind, RingCentralEmbeddable phone) {
        responded();
        JsonObject data = Json.createObject();
        data.put("event.detail.host", phone.hostId());
        data.put("event.detail.kind", kind);
        onUiElement("embeddable4j-request", data);
    }

    /** A DOM event on the UI's element as the browser sends it, through Vaadin's own RPC handler. */
    private static void onUiElement(String event, JsonObject data) {
        JsonObject rpc = Json.createObject();
        rpc.put("node", UI.getCurrent().getElement().getNode().getId());
        rpc.put("event", event);
        rpc.put("data", data);
        new com.vaadin.flow.server.communication.rpc.EventRpcHandler().handle(UI.getCurrent(), rpc);
    }

    /**
     * What a response does before the browser can answer it: Vaadin runs what waits for it and collects the changes,
     * which marks a hidden element (its own or an ancestor's setVisible(false)) inactive: Vaadin drops its events from
     * then on, whatever its listeners allow.
     */
    static void responded() {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        UI.getCurrent().getInternals().getStateTree().collectChanges(change -> { });
    }

    /** What the client glue sends when the widget's frame posts a message. */
    static void widgetSays(RingCentralEmbeddable phone, String json) {
        JsonObject data = Json.createObject();
        data.put("event.detail.json", json);
        pageSays(phone, "embeddable4j-message", data);
    }

    /**
     * The same, for a login status the page's glue found kept by the widget for the handoff its frame carries (the
     * login restored was made with that handoff's externalAuthId: a frame loaded again).
     */
    static void widgetSaysKeptForHandoff(RingCentralEmbeddable phone, String json) {
        JsonObject data = Json.createObject();
        data.put("event.detail.json", json);
        data.put("event.detail.keptForHandoff", true);
        pageSays(phone, "embeddable4j-message", data);
    }

    /**
     * A login status the page heard before the phone's host was there, handed to it late: {@code told}, the page's
     * bridge (the servlet filter's script) had told the server; {@code registered}, it had registered its CRM service.
     */
    static void pageHandsLate(RingCentralEmbeddable phone, String json, boolean told, boolean registered) {
        JsonObject data = Json.createObject();
        data.put("event.detail.json", json);
        data.put("event.detail.pageTold", told);
        data.put("event.detail.pageRegistered", registered);
        pageSays(phone, "embeddable4j-message", data);
    }

    /** What the page's glue sends for a message over the component's limit: flagged, a call-out shrunk to its head. */
    static void widgetSaysTooLarge(RingCentralEmbeddable phone, String json) {
        JsonObject data = Json.createObject();
        data.put("event.detail.json", json);
        data.put("event.detail.tooLarge", true);
        pageSays(phone, "embeddable4j-message", data);
    }

    /** The component's log records while open, as a JUL handler on its logger. */
    static final class ComponentLog extends Handler implements AutoCloseable {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger jul;

        ComponentLog() {
            this(RingCentralEmbeddable.class);
        }

        /** What {@code logging} logs (core's classes log through {@code System.Logger}, JUL here). */
        ComponentLog(Class<?> logging) {
            jul = Logger.getLogger(logging.getName());
            jul.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            jul.removeHandler(this);
        }
    }
}

package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Vaadin component's host joining a page that already runs the filter's widget and event script, as an exported
 * Vaadin web component on a page the filter decorates does (a trial): the widget had said its login before the
 * component was there, and says it only when it changes, so the component waited for it for ever and dropped every
 * call after a minute; and the page's script and the component both told the server every event (a call logged twice
 * in the CRM). The glue now hands the component's UI the login status the page heard, and the page's script leaves
 * the frame's events to the component while it hears them. The component's host is made here as the Vaadin component
 * makes it (the glue's attachElement, its events on a UI element); the component's side is the Vaadin tests'.
 */
class ComponentOnAFilteredPageBrowserTest {

    private static final String FRAME = "document.getElementById('rc-widget-adapter-frame')";
    /** A UI element as the Vaadin component gives the glue: what the glue tells the component's host comes on it. */
    private static final String LISTEN = "window.__ui = document.createElement('div'); window.__heard = [];"
            + " window.__ui.addEventListener('embeddable4j-message', function (e) {"
            + "   window.__heard.push({host: e.detail.host, m: JSON.parse(e.detail.json), told: e.detail.pageTold,"
            + "     registered: e.detail.pageRegistered}); });";

    @TempDir
    Path dir;

    @Test
    void theComponentGetsTheLoginHeardBeforeItAndThePagesScriptLeavesItTheEvents() throws Exception {
        run(c -> {
            HeadlessChromium chromium = c.chromium();
            // A component's host arrives: its UI element hears what the glue tells it
            chromium.script(LISTEN + " window.__asked = [];"
                    + " window.__ui.addEventListener('embeddable4j-request', function (e) { window.__asked.push(e.detail.kind); });"
                    + " var host = document.createElement('div'); document.body.appendChild(host);"
                    + " window.embeddable4j.attachElement(host, 'component-host', 'floating', [arguments[0]],"
                    + "   'rc-widget', 0, window.__ui);", c.widget().frameOrigin());
            assertThat(chromium.script("return window.__asked.join(',')"))
                    .as("the component is told the page has the filter's widget").isEqualTo("filtered-page");
            chromium.await(d -> chromium.script("return window.__heard.some(function (h) {"
                    + " return h.m.type === 'rc-login-status-notify' && h.m.loggedIn === true; })"));
            assertThat(chromium.script("return window.__heard.filter(function (h) {"
                    + " return h.m.type === 'rc-login-status-notify'; }).length")).as("handed once").isEqualTo(1L);
            // The page's script told the server that status (the example's tracker wants logins) and has no CRM service
            // to register: the component is told so, and tells its listeners only (PageToldStatusTest)
            assertThat(chromium.script("var h = window.__heard[0]; return [h.told, h.registered].join(',')"))
                    .as("what the page's script did with the status").isEqualTo("true,false");
            emit(chromium, "{type: 'rc-login-status-notify', loggedIn: true, loginNumber: '+16505550100*101',"
                    + " admin: false, features: {call: true}, isFreshLogin: true}");
            chromium.await(d -> chromium.script("return window.__heard.some(function (h) { return h.m.isFreshLogin; })"));
            assertThat(chromium.script("return window.__heard.filter(function (h) { return h.m.isFreshLogin; })"
                    + ".map(function (h) { return h.told; }).join(',')")).as("a status said to the component itself")
                    .isEqualTo("false");

            // What the frame says now goes to the component only
            emit(chromium, "{type: 'rc-message-updated-notify', message: {id: 'while-component', type: 'SMS',"
                    + " direction: 'Outbound', readStatus: 'Read'}}");
            chromium.await(d -> chromium.script("return window.__heard.some(function (h) {"
                    + " return h.m.message && h.m.message.id === 'while-component'; })"));
            // Detached, the page's script tells the server again, and whatever it had queued would go with this
            chromium.script("window.embeddable4j.detach('component-host')");
            emitUntilCounted(chromium, c.counts(), "after-component");
            assertThat(Files.readString(c.counts())).as("the page's script left the component's event to it")
                    .contains("before-component", "after-component").doesNotContain("while-component");
        });
    }

    /**
     * The page keeps a login status per frame: an inline phone's frame, heard after the floating one, took its place, and
     * a floating component that came later was handed nothing (a review).
     */
    @Test
    void aFloatingComponentAfterAnInlinePhoneStillGetsTheFloatingFramesLogin() throws Exception {
        run(c -> {
            HeadlessChromium chromium = c.chromium();
            chromium.script(LISTEN + " var box = document.createElement('div'); var f = document.createElement('iframe');"
                    + " f.src = arguments[0] + '/app.html'; box.appendChild(f); document.body.appendChild(box);"
                    + " window.embeddable4j.attachElement(box, 'inline-host', 'inline', [arguments[0]], 'rc-widget', 0, window.__ui);",
                    c.widget().frameOrigin());
            chromium.await(d -> chromium.script("return window.__heard.some(function (h) {"
                    + " return h.host === 'inline-host' && h.m.type === 'rc-login-status-notify'; })"));
            // a floating phone comes later (another exported component, or one shown later)
            chromium.script("window.embeddable4j.attachElement(document.createElement('div'), 'floating-host', 'floating',"
                    + " [arguments[0]], 'rc-widget', 0, window.__ui);", c.widget().frameOrigin());
            waitUntil(() -> Long.valueOf(1).equals(chromium.script("return window.__heard.filter(function (h) {"
                    + " return h.host === 'floating-host' && h.m.type === 'rc-login-status-notify'; }).length")));
            assertThat(chromium.script("return window.__heard.filter(function (h) {"
                    + " return h.host === 'floating-host' && h.m.type === 'rc-login-status-notify'; }).length"))
                    .as("the floating component is handed the floating widget's login (else it waits for ever)").isEqualTo(1L);
        });
    }

    /**
     * The page's script leaves the frame's events only to a component that takes them: one that rejects the frame's
     * origin (another widget's settings) hears nothing, and the server must still be told (a review).
     */
    @Test
    void theBridgeDoesNotLeaveEventsToAComponentThatRejectsTheFrame() throws Exception {
        run(c -> {
            HeadlessChromium chromium = c.chromium();
            chromium.script(LISTEN + " window.__rejected = 0; window.__ui.addEventListener('embeddable4j-frame-rejected',"
                    + " function () { window.__rejected++; });"
                    + " window.embeddable4j.attachElement(document.createElement('div'), 'floating-host', 'floating',"
                    + " ['https://other-widget.example'], 'rc-widget', 0, window.__ui);");
            emit(chromium, "{type: 'rc-message-updated-notify', message: {id: 'while-rejecting-component', type: 'SMS',"
                    + " direction: 'Outbound', readStatus: 'Read'}}");
            chromium.await(d -> chromium.script("return window.__rejected > 0"));
            waitUntil(() -> Files.readString(c.counts()).contains("while-rejecting-component"));
            assertThat(chromium.script("return window.__heard.length")).as("the component heard nothing").isEqualTo(0L);
            assertThat(Files.readString(c.counts())).as("somebody tells the server the event")
                    .contains("while-rejecting-component");
        });
    }

    private record Ctx(HeadlessChromium chromium, StandInWidget widget, Path counts) {
    }

    private void run(ThrowingConsumer body) throws Exception {
        Path counts = dir.resolve("graduation.json");
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("filtered-page-app")
                    .appServer(AppServer.SANDBOX).hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server app = ServletExampleApp.start(0, embeddable, counts);
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                chromium.driver().get("http://localhost:" + ServletExampleApp.port(app) + "/");
                chromium.await(d -> chromium.script("return " + FRAME + " && " + FRAME + ".src.indexOf(arguments[0]) === 0",
                        widget.frameOrigin()));
                emit(chromium, "{type: 'rc-login-status-notify', loggedIn: true, loginNumber: '+16505550100*101',"
                        + " admin: false, features: {call: true}, isFreshLogin: false}");
                emitUntilCounted(chromium, counts, "before-component");
                body.accept(new Ctx(chromium, widget, counts));
            } finally {
                app.stop();
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(Ctx c) throws Exception;
    }

    /** Polls for up to 10 s (the bridge sends every 500 ms); the assertion after it says what was missing. */
    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.call() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static void emit(HeadlessChromium chromium, String event) {
        chromium.script(FRAME + ".contentWindow.postMessage({type: 'standin-emit', event: " + event + "}, '*')");
    }

    private static void emitUntilCounted(HeadlessChromium chromium, Path counts, String id) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!(Files.exists(counts) && Files.readString(counts).contains(id)) && System.nanoTime() < end) {
            emit(chromium, "{type: 'rc-message-updated-notify', message: {id: '" + id + "', type: 'SMS',"
                    + " direction: 'Outbound', readStatus: 'Read'}}");
            Thread.sleep(300);
        }
        assertThat(Files.exists(counts) ? Files.readString(counts) : "").as("the server counted " + id).contains(id);
    }
}

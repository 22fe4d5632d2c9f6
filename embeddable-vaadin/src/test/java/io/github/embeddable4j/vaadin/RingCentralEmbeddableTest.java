package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.dom.Element;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.message.CallAction;
import io.github.embeddable4j.core.message.DndStatus;
import io.github.embeddable4j.core.message.UserStatus;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.event.CallEndEvent;
import io.github.embeddable4j.vaadin.event.CallRingEvent;
import io.github.embeddable4j.vaadin.event.DialerReadyEvent;
import io.github.embeddable4j.vaadin.event.InboundMessageEvent;
import io.github.embeddable4j.vaadin.event.LoginStatusEvent;
import io.github.embeddable4j.vaadin.event.PresenceEvent;
import io.github.embeddable4j.vaadin.event.RouteChangedEvent;
import io.github.embeddable4j.vaadin.event.WidgetMessageEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component in a mocked Vaadin UI (Karibu-Testing): what it sends to the browser and what it fires. */
class RingCentralEmbeddableTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** The JavaScript the server would send in the next response. */
    private static List<String> js() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<String> calls = new ArrayList<>();
        for (PendingJavaScriptInvocation p : ui.getInternals().dumpPendingJavaScriptInvocations()) {
            calls.add(p.getInvocation().getExpression() + " " + p.getInvocation().getParameters().stream()
                    .filter(o -> !(o instanceof Element)).toList());
        }
        return calls;
    }

    private static void widgetSays(RingCentralEmbeddable phone, String json) {
        JsonObject data = Json.createObject();
        data.put("event.detail.type", json.replaceFirst("^\\{\"type\":\"([^\"]+)\".*", "$1"));
        data.put("event.detail.json", json);
        BasicUtilsKt._fireDomEvent(phone, "rc-message", data);
    }

    @Test
    void floatingLoadsTheLoaderOncePerUiWhateverTheNumberOfInstances() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(first, second);
        List<String> js = js();
        assertThat(js).filteredOn(s -> s.contains("window.embeddable4j.loadAdapter")).singleElement().asString()
                .contains(EMBEDDABLE.adapterUrl());
        assertThat(js).filteredOn(s -> s.contains("window.embeddable4j.attach")).hasSize(2)
                .allSatisfy(s -> assertThat(s).contains("floating", "https://apps.ringcentral.com", "rc-widget"));
        UI.getCurrent().remove(second);
        UI.getCurrent().add(new RingCentralEmbeddable(EMBEDDABLE));
        assertThat(js()).noneMatch(s -> s.contains("window.embeddable4j.loadAdapter"));
        assertThat(first.getElement().getStyle().get("display")).isEqualTo("none");
    }

    @Test
    void inlineIsAnIframeOfTheAppUrlAndLoadsNoLoader() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setHeight("600px");
        UI.getCurrent().add(phone);
        Element frame = phone.getElement().getChild(0);
        assertThat(frame.getTag()).isEqualTo("iframe");
        assertThat(frame.getAttribute("src")).isEqualTo(EMBEDDABLE.appUrl());
        assertThat(frame.getAttribute("allow")).isEqualTo("microphone; autoplay");
        assertThat(phone.getHeight()).isEqualTo("600px");
        assertThat(js()).noneMatch(s -> s.contains("loadAdapter")).anyMatch(s -> s.contains("inline"));
    }

    @Test
    void commandsWaitForTheWidgetThenGoAsParameters() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        js();
        phone.call("+16505550101");
        phone.sms("+16505550102", "Hi \"'</script>");
        assertThat(phone.isWidgetReady()).isFalse();
        assertThat(phone.getQueuedCommands()).extracting(WidgetCommand::type).containsExactly("rc-adapter-new-call", "rc-adapter-new-sms");
        assertThat(js()).noneMatch(s -> s.contains("post"));

        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(phone.isWidgetReady()).isTrue();
        assertThat(phone.getQueuedCommands()).isEmpty();
        List<String> posted = js();
        assertThat(posted).hasSize(2).allSatisfy(s -> assertThat(s).contains("window.embeddable4j.post($0, $1)"));
        assertThat(posted.get(0)).contains(WidgetCommand.newCall("+16505550101", false).toJson());
        assertThat(posted.get(1)).contains(WidgetCommand.newSms("+16505550102", "Hi \"'</script>").toJson());

        phone.navigateTo("/messages");
        phone.controlCall(CallAction.HANGUP, "s1");
        phone.setPresence(UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS);
        phone.setMinimized(true);
        phone.logout();
        assertThat(js()).hasSize(5).anySatisfy(s -> assertThat(s).contains("rc-adapter-navigate-to"))
                .anySatisfy(s -> assertThat(s).contains("rc-adapter-logout"));
    }

    @Test
    void floatingInstancesShareTheUisReadiness() {
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(first, second);
        js();
        widgetSays(first, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false}");
        assertThat(second.isWidgetReady()).isTrue();
        second.call("+1");
        assertThat(js()).singleElement().asString().contains("rc-adapter-new-call");
    }

    @Test
    void widgetMessagesBecomeTypedServerEvents() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        List<Object> seen = new ArrayList<>();
        phone.addWidgetMessageListener(e -> seen.add("message " + e.getType()));
        phone.addLoginStatusListener(e -> seen.add("login " + e.isLoggedIn() + " " + e.getLoginNumber()));
        phone.addCallRingListener(e -> seen.add("ring " + e.getCall().from()));
        phone.addCallEndListener(e -> seen.add("end " + e.getCall().endTime()));
        phone.addInboundMessageListener(e -> seen.add("sms " + e.getMessage().subject()));
        phone.addPresenceListener(e -> seen.add("presence " + e.getUserStatus()));
        phone.addRouteChangedListener(e -> seen.add("route " + e.getPath()));
        phone.addDialerReadyListener(e -> seen.add("dialer " + e.isReady()));

        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"loginNumber\":\"+16505550100*101\"}");
        widgetSays(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"from\":\"+16505550101\",\"direction\":\"Inbound\"}}");
        widgetSays(phone, "{\"type\":\"rc-call-end-notify\",\"call\":{\"endTime\":1700000060000}}");
        widgetSays(phone, "{\"type\":\"rc-inbound-message-notify\",\"message\":{\"type\":\"SMS\",\"subject\":\"Call me\"}}");
        widgetSays(phone, "{\"type\":\"rc-adapter-syncPresence\",\"userStatus\":\"Busy\"}");
        widgetSays(phone, "{\"type\":\"rc-route-changed-notify\",\"path\":\"/dialer\"}");
        widgetSays(phone, "{\"type\":\"rc-dialer-status-notify\",\"ready\":true}");
        widgetSays(phone, "{\"type\":\"rc-brand-assets-notify\",\"logoUri\":\"x\"}");

        assertThat(seen).containsExactly(
                "login true +16505550100*101", "message rc-login-status-notify",
                "ring +16505550101", "message rc-call-ring-notify",
                "end 1700000060000", "message rc-call-end-notify",
                "sms Call me", "message rc-inbound-message-notify",
                "presence Busy", "message rc-adapter-syncPresence",
                "route /dialer", "message rc-route-changed-notify",
                "dialer true", "message rc-dialer-status-notify",
                "message rc-brand-assets-notify");
    }

    @Test
    void somethingThatIsNotAWidgetMessageFiresNothingTyped() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE);
        UI.getCurrent().add(phone);
        List<Object> typed = new ArrayList<>();
        phone.addLoginStatusListener(typed::add);
        JsonObject data = Json.createObject();
        data.put("event.detail.type", "rc-login-status-notify");
        data.put("event.detail.json", "not json");
        BasicUtilsKt._fireDomEvent(phone, "rc-message", data);
        assertThat(typed).isEmpty();
        assertThat(phone.isWidgetReady()).isFalse();
    }

    @Test
    void detachUnregistersTheHostAndAnInlineFrameStartsOver() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        js();
        UI.getCurrent().remove(phone);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("window.embeddable4j.detach"));
        assertThat(phone.isWidgetReady()).isFalse();
        phone.call("+1");
        assertThat(phone.getQueuedCommands()).hasSize(1);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("rc-adapter-new-call"));
    }

    @Test
    void publicApiHasNoJacksonOrElementalTypes() throws Exception {
        List<Class<?>> api = List.of(RingCentralEmbeddable.class, WidgetMessageEvent.class, LoginStatusEvent.class,
                CallRingEvent.class, CallEndEvent.class, InboundMessageEvent.class, PresenceEvent.class,
                RouteChangedEvent.class, DialerReadyEvent.class);
        for (Class<?> type : api) {
            for (var m : type.getMethods()) {
                assertThat(typesOf(m.getReturnType(), m.getParameterTypes())).as(m.toString()).noneMatch(this::isJson);
            }
            for (var c : type.getConstructors()) {
                assertThat(typesOf(void.class, c.getParameterTypes())).as(c.toString()).noneMatch(this::isJson);
            }
        }
    }

    private List<String> typesOf(Class<?> returned, Class<?>[] params) {
        List<String> names = new ArrayList<>();
        names.add(returned.getName());
        for (Class<?> p : params) {
            names.add(p.getName());
        }
        return names;
    }

    private boolean isJson(String name) {
        return name.startsWith("elemental.") || name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.");
    }
}

package io.github.embeddable4j.vaadin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import io.github.embeddable4j.vaadin.event.WidgetMessageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A view's unit test as an application writes it (Karibu-Testing, public API only): a button that dials through the
 * component, and a label the widget's call events update. A Vaadin trial could fire typed events at the component
 * with Karibu, but they reached only the listeners (no state, no dispatcher), and the component's own path was an
 * internal class.
 */
class SimulatedWidgetTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final String CALL_END = "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"c-1\","
            + "\"direction\":\"Outbound\",\"from\":\"+16505550100\",\"to\":\"+16505550102\",\"endTime\":1700000060000}}";

    private RingCentralEmbeddable phone;
    private Button call;
    private Span lastCall;

    @BeforeEach
    void view() {
        MockVaadin.setup();
        phone = new RingCentralEmbeddable(EMBEDDABLE);
        call = new Button("Call Grace", e -> phone.call("+16505550102", true));
        lastCall = new Span("no calls yet");
        phone.addCallEndListener(e -> lastCall.setText("ended: " + e.getCall().to()));
        UI.getCurrent().add(phone, call, lastCall);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /**
     * A call-out to a component that found no ThirdPartyService (a Karibu test whose Spring beans were published in
     * another servlet context than Karibu's) goes unanswered: said once in the log, not silently (a testing trial).
     */
    @Test
    void aCallOutWithoutAServiceIsSaidOnce() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(RingCentralEmbeddable.class.getName());
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            String callOut = "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/contacts/search\","
                    + "\"body\":{\"searchString\":\"Ada\"}}";
            SimulatedWidget.says(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
            SimulatedWidget.says(phone, callOut);
            SimulatedWidget.says(phone, callOut);
        } finally {
            jul.removeHandler(handler);
        }
        assertThat(warnings).filteredOn(m -> m.contains("without a ThirdPartyService")).singleElement()
                .satisfies(m -> assertThat(m).contains("setThirdPartyService").contains("Karibu"));
    }

    @Test
    void aCommandWaitsInTheQueueUntilTheWidgetSaysItIsLoggedIn() {
        call.click();
        assertThat(phone.getQueuedCommands()).containsExactly(WidgetCommand.newCall("+16505550102", true));
        assertThat(phone.isLoggedIn()).isFalse();

        List<WidgetCommand> sent = new ArrayList<>();
        phone.addCommandSentListener(e -> sent.add(e.getCommand()));
        SimulatedWidget.says(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"loginNumber\":\"+16505550100\"}");
        assertThat(phone.isWidgetReady()).isTrue();
        assertThat(phone.isLoggedIn()).isTrue();
        assertThat(phone.getQueuedCommands()).isEmpty();
        assertThat(sent).as("sent to the widget").containsExactly(WidgetCommand.newCall("+16505550102", true));
        call.click();
        assertThat(sent).as("logged in: sent at once").hasSize(2);
        assertThat(phone.getQueuedCommands()).isEmpty();
    }

    @Test
    void aCallEventReachesTheViewTheGenericListenersAndTheDispatcher() throws Exception {
        List<WidgetMessageEvent> messages = new ArrayList<>();
        phone.addWidgetMessageListener(messages::add);
        List<ReceivedWidgetEvent> dispatched = new CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(dispatched::add).build()) {
            phone.setEventDispatcher(dispatcher);
            SimulatedWidget.says(phone, CALL_END);

            assertThat(lastCall.getText()).isEqualTo("ended: +16505550102");
            assertThat(messages).singleElement().satisfies(m -> assertThat(m.getEvent().type()).isEqualTo("rc-call-end-notify"));
            long end = System.nanoTime() + 5_000_000_000L;
            while (dispatched.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(dispatched).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("rc-call-end-notify"));
        }
    }

    @Test
    void whatIsNoWidgetMessageIsDroppedAsFromAPage() {
        List<WidgetMessageEvent> messages = new ArrayList<>();
        phone.addWidgetMessageListener(messages::add);
        SimulatedWidget.says(phone, "not json");
        SimulatedWidget.says(phone, "{\"loggedIn\":true}");
        assertThat(messages).isEmpty();
        assertThat(lastCall.getText()).isEqualTo("no calls yet");
        assertThat(phone.isLoggedIn()).isFalse();
        SimulatedWidget.says(phone, CALL_END); // the same channel, with a widget message: taken
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.getEvent().type()).isEqualTo("rc-call-end-notify"));
    }

    /** The docs' lines, as written there. */
    @Test
    void theReadmesLines() {
        call.click();
        assertThat(phone.getQueuedCommands()).containsExactly(WidgetCommand.newCall("+16505550102", true));
        SimulatedWidget.says(phone, "{\"type\":\"rc-call-end-notify\",\"call\":{\"to\":\"+16505550102\"}}");
        assertThat(lastCall.getText()).isEqualTo("ended: +16505550102");
    }
}

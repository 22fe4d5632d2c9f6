package io.github.embeddable4j.examples.vaadin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import io.github.embeddable4j.vaadin.testing.SimulatedWidget;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The Contacts view without a browser (Karibu-Testing in the application's Spring context), as docs/vaadin.md's
 * "Testing views that use the component" shows it: a button queues its command, the simulated widget's events reach
 * the view and the application's listeners, and its call-outs reach the example's CRM. Karibu's servlet has a servlet
 * context of its own, where the starter did not publish its dispatcher and CRM service: the test publishes them
 * (without that, a trial's events and call-outs went nowhere, silently).
 */
@SpringBootTest(properties = {"ringcentral.embeddable.client-id=test-client"})
class ContactsViewTest {

    /** An application's listener of every widget event, as a bean. */
    @TestConfiguration
    static class Listener {
        final List<String> types = new CopyOnWriteArrayList<>();

        @Bean
        WidgetEventListener recordingListener() {
            return event -> types.add(event.type() + " by " + userOf(event));
        }

        private static String userOf(ReceivedWidgetEvent event) {
            return event.user() == null ? "nobody" : event.user().getName();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    WidgetEventDispatcher dispatcher;
    @Autowired
    ThirdPartyService crm;
    @Autowired
    Listener listener;
    @Autowired
    CallLog callLog;

    @BeforeEach
    void openTheApplication() {
        Routes routes = new Routes().autoDiscoverViews("io.github.embeddable4j.examples.vaadin");
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new) {
            @Override
            protected void servletInitialized() throws ServletException {
                super.servletInitialized();
                // what the starter does for the real servlet context at start-up
                getServletContext().setAttribute(WidgetEventDispatcher.class.getName(), dispatcher);
                getServletContext().setAttribute(ThirdPartyService.class.getName(), crm);
            }
        });
        UI.getCurrent().navigate(ContactsView.class);
    }

    @AfterEach
    void close() {
        MockVaadin.tearDown();
    }

    @Test
    void aCallButtonQueuesItsCommandUntilTheWidgetIsLoggedIn() {
        RingCentralEmbeddable phone = _get(RingCentralEmbeddable.class);
        List<String> dropped = new CopyOnWriteArrayList<>();
        phone.addCommandDroppedListener(e -> dropped.add(e.getCommand().type()));
        List<WidgetCommand> sent = new CopyOnWriteArrayList<>();
        phone.addCommandSentListener(e -> sent.add(e.getCommand()));
        @SuppressWarnings("unchecked")
        Grid<Customer> contacts = _get(Grid.class, spec -> spec.withId("contacts")); // Grace Hopper's row: her Call button
        _click(_get(GridKt._getCellComponent(contacts, 1, "actions"), Button.class, spec -> spec.withId("call-16505550102")));
        assertThat(phone.getQueuedCommands()).containsExactly(WidgetCommand.newCall("+16505550102", false));
        SimulatedWidget.says(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        assertThat(phone.isLoggedIn()).isTrue();
        assertThat(phone.getQueuedCommands()).isEmpty();
        assertThat(sent).as("sent to the widget").containsExactly(WidgetCommand.newCall("+16505550102", false));
        assertThat(dropped).as("sent, not dropped").isEmpty();
    }

    @Test
    void theWidgetsEventsReachTheViewAndTheApplicationsListeners() throws Exception {
        listener.types.clear();
        RingCentralEmbeddable phone = _get(RingCentralEmbeddable.class);
        SimulatedWidget.says(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"k1\",\"direction\":\"Inbound\","
                + "\"from\":\"+16505550101\",\"to\":\"+16505550199\"}}");
        assertThat(_get(EventLog.class).getElement().getTextRecursively()).contains("call from +16505550101");
        await(() -> !listener.types.isEmpty());
        assertThat(listener.types).containsExactly("rc-call-ring-notify by nobody");
    }

    @Test
    void theWidgetsCallOutsReachTheExamplesCrm() throws Exception {
        RingCentralEmbeddable phone = _get(RingCentralEmbeddable.class);
        SimulatedWidget.says(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        SimulatedWidget.says(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/callLogger\","
                + "\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"karibu-1\",\"direction\":\"Outbound\","
                + "\"to\":{\"phoneNumber\":\"+16505550103\"}}}}");
        await(() -> callLog.calls().stream().anyMatch(c -> c.sessionId().equals("karibu-1")));
        assertThat(callLog.calls()).filteredOn(c -> c.sessionId().equals("karibu-1")).singleElement()
                .satisfies(c -> assertThat(c.contactName()).isEqualTo("Alan Turing"));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }
}

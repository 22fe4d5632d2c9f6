package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.server.VaadinServlet;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.event.CallRingEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The component goes with its Vaadin session wherever the session is written: Tomcat's session persistence across a
 * restart, session replication. Before, writing it failed (NotSerializableException), which loses the whole session.
 */
class ComponentSerializationTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final String LOGIN = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";
    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\","
            + "\"callStatus\":\"Setup\"}}";

    private static final String SEARCH_ADA_R1 = "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\","
            + "\"path\":\"/contacts/search\",\"body\":{\"searchString\":\"Ada\"}}";

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        Logger.getLogger(RingCentralEmbeddable.class.getName()).addHandler(handler);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger(RingCentralEmbeddable.class.getName()).removeHandler(handler);
        MockVaadin.tearDown();
    }

    /** A listener the application would write (Vaadin's listener types are serializable). */
    static final class RingRecorder implements ComponentEventListener<CallRingEvent> {
        final List<String> ids = new ArrayList<>();

        @Override
        public void onComponentEvent(CallRingEvent event) {
            ids.add(event.getCall().id());
        }
    }

    @Test
    void waitingCommandsAndListenersComeBackWithTheComponent() throws Exception {
        List<ReceivedWidgetEvent> dispatched = new CopyOnWriteArrayList<>();
        List<String> searched = new CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(dispatched::add).build();
             ThirdPartyService service = ThirdPartyService.builder("acme").contacts(recording(searched)).build()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
            phone.setEventDispatcher(dispatcher);
            phone.setThirdPartyService(service);
            RingRecorder rings = new RingRecorder();
            phone.addCallRingListener(rings);
            phone.call("+16505550101");
            phone.sms("+16505550102", "later");

            RingCentralEmbeddable back = roundTrip(phone);

            assertThat(back.getQueuedCommands()).extracting(WidgetCommand::toJson)
                    .containsExactlyElementsOf(phone.getQueuedCommands().stream().map(WidgetCommand::toJson).toList());
            assertThat(back.getEmbeddable().config()).isEqualTo(EMBEDDABLE.config());
            UI.getCurrent().add(back);
            js();
            widgetSays(back, LOGIN);
            assertThat(back.getQueuedCommands()).isEmpty();
            widgetSays(back, RING);
            widgetSays(back, RING.replace("c1", "c2"));

            // The listener came back with the component (a copy of it: the restored component's own).
            assertThat(ComponentUtil.getListeners(back, CallRingEvent.class)).singleElement()
                    .isInstanceOfSatisfying(RingRecorder.class, r -> assertThat(r.ids).containsExactly("c1", "c2"));
            assertThat(rings.ids).isEmpty();
            // The application's services did not: each says so once, at the first event that needed it.
            assertThat(warnings).extracting(LogRecord::getMessage)
                    .filteredOn(m -> m.contains("event dispatcher")).singleElement().asString()
                    .contains("setEventDispatcher", "read back from a serialized session");
            assertThat(warnings).extracting(LogRecord::getMessage)
                    .filteredOn(m -> m.contains("third-party service")).singleElement().asString()
                    .contains("setThirdPartyService");
            Thread.sleep(200);
            assertThat(dispatched).isEmpty();
            assertThat(back.serviceAnswers()).isEqualTo("{\"replies\":[],\"pending\":0}");

            // Set again, they serve the restored component, and nothing more is logged.
            back.setEventDispatcher(dispatcher);
            widgetSays(back, RING.replace("c1", "c3"));
            long end = System.nanoTime() + 5_000_000_000L;
            while (dispatched.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(dispatched).extracting(ReceivedWidgetEvent::type).containsExactly("rc-call-ring-notify");
            assertThat(warnings).hasSize(2);
        }
    }

    /**
     * The application's own dispatcher and service, published in the servlet context (the Spring starter publishes
     * its beans there), are found again: events and call-outs go on after the read-back, and nothing is logged.
     */
    @Test
    void theApplicationsPublishedServicesAreFoundAgain() throws Exception {
        List<ReceivedWidgetEvent> dispatched = new CopyOnWriteArrayList<>();
        List<String> searched = new CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(dispatched::add).build();
             ThirdPartyService service = ThirdPartyService.builder("acme").contacts(recording(searched)).build()) {
            jakarta.servlet.ServletContext context = VaadinServlet.getCurrent().getServletContext();
            // Itself, or a supplier of it (as the Spring starter publishes its beans: the dispatcher is lazy).
            context.setAttribute(WidgetEventDispatcher.class.getName(), (java.util.function.Supplier<?>) () -> dispatcher);
            context.setAttribute(ThirdPartyService.class.getName(), service);
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
            phone.setEventDispatcher(dispatcher);
            phone.setThirdPartyService(service);

            RingCentralEmbeddable back = roundTrip(phone);

            UI.getCurrent().add(back);
            js();
            widgetSays(back, LOGIN);
            widgetSays(back, RING);
            widgetSays(back, SEARCH_ADA_R1);
            String answers = twoEventsAndAnswerR1(back, dispatched);
            assertThat(dispatched).extracting(ReceivedWidgetEvent::type)
                    .containsExactly("rc-login-status-notify", "rc-call-ring-notify");
            assertThat(searched).containsExactly("Ada");
            assertThat(answers).contains("rc-adapter-register-third-party-service", "\"responseId\":\"r1\"");
            assertThat(warnings).isEmpty();
        }
    }

    /**
     * A component never given a dispatcher or service takes the application's published ones (a Vaadin 25 trial left
     * {@code setEventDispatcher} out, and its {@code @EventListener} got nothing), before and after a read-back; one
     * given null takes none, though the same events reach the published dispatcher from the other.
     */
    @Test
    void aComponentNeverGivenServicesTakesThePublishedOnesAndNullTakesNone() throws Exception {
        List<ReceivedWidgetEvent> dispatched = new CopyOnWriteArrayList<>();
        List<String> searched = new CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(dispatched::add).build();
             ThirdPartyService service = ThirdPartyService.builder("acme").contacts(recording(searched)).build()) {
            jakarta.servlet.ServletContext context = VaadinServlet.getCurrent().getServletContext();
            context.setAttribute(WidgetEventDispatcher.class.getName(), (java.util.function.Supplier<?>) () -> dispatcher);
            context.setAttribute(ThirdPartyService.class.getName(), (java.util.function.Supplier<?>) () -> service);
            RingCentralEmbeddable back = roundTrip(new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE));
            RingCentralEmbeddable unset = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
            RingCentralEmbeddable none = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
            none.setEventDispatcher(null);
            none.setThirdPartyService(null);
            UI.getCurrent().add(unset, none);
            js();
            widgetSays(none, LOGIN);
            widgetSays(none, RING);
            widgetSays(none, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r0\",\"path\":\"/contacts/search\","
                    + "\"body\":{\"searchString\":\"Nobody\"}}");
            widgetSays(unset, RING);
            for (long until = System.nanoTime() + 5_000_000_000L; dispatched.isEmpty() && System.nanoTime() < until; ) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertThat(dispatched).as("the component given null fed nothing").singleElement()
                    .extracting(ReceivedWidgetEvent::type).isEqualTo("rc-call-ring-notify");
            assertThat(none.serviceAnswers()).isEqualTo("{\"replies\":[],\"pending\":0}");
            assertThat(searched).isEmpty();

            UI.getCurrent().remove(unset, none);
            UI.getCurrent().add(back);
            js();
            widgetSays(back, LOGIN);
            widgetSays(back, SEARCH_ADA_R1);
            String answers = twoEventsAndAnswerR1(back, dispatched);
            assertThat(dispatched).extracting(ReceivedWidgetEvent::type)
                    .containsExactly("rc-call-ring-notify", "rc-login-status-notify");
            assertThat(searched).containsExactly("Ada");
            assertThat(answers).contains("rc-adapter-register-third-party-service", "\"responseId\":\"r1\"");
            assertThat(warnings).isEmpty();
        }
    }

    /** Another object than the published one is not swapped for it: the component says it lost what it had. */
    @Test
    void aServiceThatWasNotThePublishedOneIsNotReplacedByIt() throws Exception {
        List<ReceivedWidgetEvent> published = new CopyOnWriteArrayList<>();
        try (WidgetEventDispatcher application = WidgetEventDispatcher.builder().listener(published::add).build();
             WidgetEventDispatcher own = WidgetEventDispatcher.builder().listener(e -> { }).build()) {
            VaadinServlet.getCurrent().getServletContext().setAttribute(WidgetEventDispatcher.class.getName(), application);
            RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
            phone.setEventDispatcher(own);

            RingCentralEmbeddable back = roundTrip(phone);
            UI.getCurrent().add(back);
            widgetSays(back, RING);

            Thread.sleep(200);
            assertThat(published).isEmpty();
            assertThat(warnings).extracting(LogRecord::getMessage).singleElement().asString().contains("event dispatcher");
        }
    }

    @Test
    void aUiWithAFloatingWidgetIsWrittenWholeAndKeepsItsState() throws Exception {
        UI ui = UI.getCurrent();
        RingCentralEmbeddable first = new RingCentralEmbeddable(EMBEDDABLE);
        RingCentralEmbeddable second = new RingCentralEmbeddable(EMBEDDABLE);
        ui.add(first, second);
        js();
        widgetSays(first, LOGIN);
        first.call("+16505550103");
        js();
        second.navigateTo("/history");
        assertThat(first.isLoggedIn()).isTrue();

        UI back = roundTrip(ui);

        List<RingCentralEmbeddable> phones = back.getChildren().filter(RingCentralEmbeddable.class::isInstance)
                .map(RingCentralEmbeddable.class::cast).toList();
        assertThat(phones).hasSize(2);
        // The UI's shared floating state (loaded, ready, logged in, who is attached) came with it.
        assertThat(phones).allSatisfy(p -> assertThat(p.isWidgetReady()).isTrue())
                .allSatisfy(p -> assertThat(p.isLoggedIn()).isTrue());
    }

    /** The answers the browser fetched until two events were dispatched and the answer to call-out r1 came. */
    private static String twoEventsAndAnswerR1(RingCentralEmbeddable back, List<ReceivedWidgetEvent> dispatched)
            throws InterruptedException {
        StringBuilder answers = new StringBuilder();
        long end = System.nanoTime() + 5_000_000_000L;
        while ((dispatched.size() < 2 || !answers.toString().contains("\"responseId\":\"r1\"")) && System.nanoTime() < end) {
            answers.append(back.serviceAnswers());
            Thread.sleep(20);
        }
        return answers.toString();
    }

    private static ContactProvider recording(List<String> searched) {
        return new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest r, Caller c) {
                searched.add(r.searchString());
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest r, Caller c) {
                return Map.of();
            }
        };
    }

    private static void widgetSays(RingCentralEmbeddable phone, String json) {
        JsonObject data = Json.createObject();
        data.put("event.detail.json", json);
        ClientSide.pageSays(phone, "embeddable4j-message", data);
    }

    private static List<String> js() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<String> calls = new ArrayList<>();
        for (PendingJavaScriptInvocation p : ui.getInternals().dumpPendingJavaScriptInvocations()) {
            if (!p.getInvocation().getExpression().contains("//# sourceURL=embeddable4j.js")) { // the glue
                calls.add(p.getInvocation().getExpression());
            }
        }
        return calls;
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}

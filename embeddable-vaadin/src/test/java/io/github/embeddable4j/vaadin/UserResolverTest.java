package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SessionUserReader;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who events and call-outs name. A trial's plain Vaadin app named its user with a filter that wraps the request; with
 * {@code @Push(WEBSOCKET)} on Jetty, a UI event's request is the websocket's, which no filter of the application saw,
 * so events and call-outs named nobody and its CRM refused to log calls. Here the request has no principal, as that
 * websocket's had, while the session holds the user as the app's own sign-in kept it.
 */
class UserResolverTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final String RING = "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}";

    private final List<ReceivedWidgetEvent> events = new CopyOnWriteArrayList<>();
    private final List<Optional<String>> callers = new CopyOnWriteArrayList<>();
    private WidgetEventDispatcher dispatcher;
    private ThirdPartyService service;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        dispatcher = WidgetEventDispatcher.builder().listener(events::add).build();
        service = ThirdPartyService.builder("acme").callLogger((r, c) -> callers.add(c.userName())).build();
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        service.close();
        VaadinServlet.getCurrent().getServletContext().removeAttribute(SessionUserReader.class.getName());
        MockVaadin.tearDown();
    }

    private RingCentralEmbeddable phone() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setEventDispatcher(dispatcher);
        phone.setThirdPartyService(service);
        UI.getCurrent().add(phone);
        return phone;
    }

    /** A ring and a "log call" from the widget; returns who the event and the call-out named. */
    private List<Optional<String>> ringAndLog(RingCentralEmbeddable phone) throws InterruptedException {
        int before = events.size();
        int logged = callers.size();
        widgetSays(phone, RING);
        widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r" + logged + "\",\"path\":\"/callLogger\","
                + "\"body\":{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s\"}}}");
        long end = System.nanoTime() + 5_000_000_000L;
        while ((events.size() == before || callers.size() == logged) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        ReceivedWidgetEvent event = events.get(events.size() - 1);
        return List.of(Optional.ofNullable(event.user()).map(Principal::getName), callers.get(callers.size() - 1));
    }

    @Test
    void byDefaultTheRequestsPrincipalAndNobodyWhenTheRequestHasNone() throws Exception {
        VaadinSession.getCurrent().getSession().setAttribute("user", "ada");
        RingCentralEmbeddable phone = phone();
        assertThat(ringAndLog(phone)).containsExactly(Optional.empty(), Optional.empty()); // the trial's failure
        request().setUserPrincipalInt(() -> "grace");
        assertThat(ringAndLog(phone)).containsExactly(Optional.of("grace"), Optional.of("grace"));
    }

    /**
     * A Vaadin-on-Spring trial: alice's tab kept its websocket while bob signed in over the same session in another
     * tab; the websocket's request still named alice (Atmosphere copies the handshake's principal), so alice's next
     * event and "log call" were credited to her. The session names bob, as the starter reads it from Spring Security's
     * context; here a stand-in reader in its place.
     */
    @Test
    void byDefaultTheSessionsUserAsTheStarterPublishesItGoesBeforeTheRequestsStalePrincipal() throws Exception {
        request().setUserPrincipalInt(() -> "alice");
        RingCentralEmbeddable phone = phone();
        assertThat(ringAndLog(phone)).as("nothing published: the request's principal")
                .containsExactly(Optional.of("alice"), Optional.of("alice"));
        SessionUserReader reader = attributes -> attributes.apply("security-context") instanceof String name
                ? io.github.embeddable4j.core.SessionUserAttributes.principal(name) : null;
        VaadinServlet.getCurrent().getServletContext().setAttribute(SessionUserReader.class.getName(), reader);
        assertThat(ringAndLog(phone)).as("the session names nobody to the reader: the request's principal")
                .containsExactly(Optional.of("alice"), Optional.of("alice"));
        VaadinSession.getCurrent().getSession().setAttribute("security-context", "bob");
        assertThat(ringAndLog(phone)).containsExactly(Optional.of("bob"), Optional.of("bob")); // alice before the fix
        phone.setUserResolver(UserResolver.requestPrincipal());
        assertThat(ringAndLog(phone)).as("the trial's failure, kept by the request's principal alone")
                .containsExactly(Optional.of("alice"), Optional.of("alice"));
    }

    @Test
    void theSessionAttributeNamesTheUserWhereTheRequestDoesNot() throws Exception {
        RingCentralEmbeddable phone = phone();
        phone.setUserResolver(UserResolver.sessionAttribute("user"));
        assertThat(ringAndLog(phone)).containsExactly(Optional.empty(), Optional.empty()); // nobody signed in yet
        VaadinSession.getCurrent().getSession().setAttribute("user", "ada");
        assertThat(ringAndLog(phone)).containsExactly(Optional.of("ada"), Optional.of("ada"));
        Principal grace = () -> "grace";
        VaadinSession.getCurrent().getSession().setAttribute("user", grace);
        assertThat(ringAndLog(phone)).containsExactly(Optional.of("grace"), Optional.of("grace"));
        VaadinSession.getCurrent().getSession().setAttribute("user", 42); // not a user the resolver knows
        assertThat(ringAndLog(phone)).containsExactly(Optional.empty(), Optional.empty());
    }

    @Test
    void aResolverThatThrowsNamesNobodyAndTheWidgetIsStillAnswered() throws Exception {
        RingCentralEmbeddable phone = phone();
        phone.setUserResolver(request -> {
            throw new IllegalStateException("user store down");
        });
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            assertThat(ringAndLog(phone)).containsExactly(Optional.empty(), Optional.empty());
            assertThat(ringAndLog(phone)).containsExactly(Optional.empty(), Optional.empty());
            assertThat(log.records).as("a warning with its stack trace once; four failures")
                    .filteredOn(r -> r.getMessage().contains("the user resolver threw")).singleElement()
                    .satisfies(r -> assertThat(r.getThrown()).hasMessage("user store down"));
        }
    }

    @Test
    void theResolversAreSerializableWithTheComponent() throws Exception {
        UserResolver resolver = UserResolver.sessionAttribute("user");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(resolver);
            out.writeObject(UserResolver.requestPrincipal());
            out.writeObject(UserResolver.standard());
        }
        UserResolver back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (UserResolver) in.readObject();
        }
        VaadinSession.getCurrent().getSession().setAttribute("user", "ada");
        assertThat(back.user(VaadinRequest.getCurrent())).isEqualTo(io.github.embeddable4j.core.SessionUserAttributes.principal("ada"));
    }

    private static FakeRequest request() {
        return (FakeRequest) ((VaadinServletRequest) VaadinRequest.getCurrent()).getRequest();
    }
}

package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.pageHandsLate;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.vaadin.event.LoginStatusEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A login status the page heard before the component's host was there (an exported web component on a page the
 * servlet filter also gave its widget and event script), handed to the component late: the page's script had told the
 * server and registered its CRM service, so the component's listeners hear it and the application's dispatcher and
 * the widget do not get it again (a trial: the status reached the dispatcher twice, under two page keys, and the
 * widget got two registrations). The glue's side is {@code ComponentOnAFilteredPageBrowserTest}'s.
 */
class PageToldStatusTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private static final String LOGGED_IN = "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}";
    private static final String REGISTRATION = "rc-adapter-register-third-party-service";

    private final List<ReceivedWidgetEvent> dispatched = new CopyOnWriteArrayList<>();
    private WidgetEventDispatcher dispatcher;
    private ThirdPartyService service;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        dispatcher = WidgetEventDispatcher.builder().listener(dispatched::add).build();
        service = ThirdPartyService.builder("acme").contacts(new ContactProvider() {
            @Override
            public List<io.github.embeddable4j.core.crm.Contact> search(
                    io.github.embeddable4j.core.crm.ContactSearchRequest request, io.github.embeddable4j.core.crm.Caller caller) {
                return List.of();
            }

            @Override
            public Map<String, List<io.github.embeddable4j.core.crm.Contact>> match(
                    io.github.embeddable4j.core.crm.ContactMatchRequest request, io.github.embeddable4j.core.crm.Caller caller) {
                return Map.of();
            }
        }).build();
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        service.close();
        MockVaadin.tearDown();
    }

    private RingCentralEmbeddable phone(List<LoginStatusEvent> heard) {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setEventDispatcher(dispatcher);
        phone.setThirdPartyService(service);
        phone.addLoginStatusListener(heard::add);
        UI.getCurrent().add(phone);
        return phone;
    }

    /**
     * What the browser fetches of the component's CRM answers within half a second (the registration is one, made
     * without a provider: it is there at once when it is made).
     */
    private static String answers(RingCentralEmbeddable phone) throws InterruptedException {
        StringBuilder fetched = new StringBuilder();
        for (int i = 0; i < 10 && !fetched.toString().contains(REGISTRATION); i++) {
            fetched.append(phone.serviceAnswers());
            Thread.sleep(50);
        }
        return fetched.toString();
    }

    private void awaitDispatched(int count) throws InterruptedException {
        long end = System.nanoTime() + 2_000_000_000L;
        while (dispatched.size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // and nothing more
    }

    @Test
    void aStatusThePageToldIsHeardByTheComponentOnly() throws Exception {
        List<LoginStatusEvent> heard = new CopyOnWriteArrayList<>();
        RingCentralEmbeddable phone = phone(heard);
        pageHandsLate(phone, LOGGED_IN, true, true);
        assertThat(heard).as("the component's own listeners hear it").hasSize(1);
        assertThat(phone.isLoggedIn()).isTrue();
        assertThat(answers(phone)).as("no second registration").doesNotContain(REGISTRATION);
        awaitDispatched(1);
        assertThat(dispatched).as("the page's script told the dispatcher already").isEmpty();

        // the next status the widget says is the component's alone: the dispatcher gets it; the widget has the page's
        // registration already, so none comes at this status either (a review: the second was only postponed)
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true,\"isFreshLogin\":true}");
        assertThat(answers(phone)).doesNotContain(REGISTRATION);
        awaitDispatched(1);
        assertThat(dispatched).singleElement().satisfies(e -> assertThat(e.event().json()).contains("isFreshLogin"));
    }

    /** A status the page heard but did not tell (its script wants no such event, or has no CRM): the component does. */
    @Test
    void aStatusThePageDidNotTellGoesOnFromTheComponent() throws Exception {
        List<LoginStatusEvent> heard = new CopyOnWriteArrayList<>();
        RingCentralEmbeddable phone = phone(heard);
        pageHandsLate(phone, LOGGED_IN, false, false);
        assertThat(heard).hasSize(1);
        assertThat(answers(phone)).contains(REGISTRATION);
        awaitDispatched(1);
        assertThat(dispatched).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("rc-login-status-notify"));
    }
}

package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * More call-outs than the component keeps unfetched answers for. A trial posted 250 at once: 200 were answered and 50
 * got nothing, so the widget would have waited out its own timeout for each. Past the limit the widget now gets a
 * "busy" answer at once, without the provider being run. So is a call-out over the component's message limit, which
 * a trial's got no answer to at all: "too-large".
 */
class CalloutBurstTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger searches = new AtomicInteger();
    private ThirdPartyService service;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        service = ThirdPartyService.builder("acme").displayName("Acme CRM").threads(4).queueCapacity(1000)
                .contacts(new ContactProvider() {
                    @Override
                    public List<Contact> search(ContactSearchRequest request, Caller caller) {
                        searches.incrementAndGet();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return List.of();
                    }

                    @Override
                    public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                        return Map.of();
                    }
                }).build();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        service.close();
        MockVaadin.tearDown();
    }

    private static String search(int i) {
        return "{\"type\":\"rc-post-message-request\",\"requestId\":\"r" + i + "\",\"path\":\"/contacts/search\","
                + "\"body\":{\"searchString\":\"a\"}}";
    }

    @Test
    void pastTheLimitOfUnfetchedAnswersTheWidgetIsAnsweredBusyAtOnce() throws Exception {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}"); // the registration: 1 pending
        for (int i = 1; i < RingCentralEmbeddable.MAX_UNFETCHED_ANSWERS; i++) {
            widgetSays(phone, search(i));
        }
        js();
        widgetSays(phone, search(200));
        widgetSays(phone, search(201));

        List<String> sent = js().stream().filter(s -> s.startsWith("window.embeddable4j.post(")).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).contains("\"responseId\":\"r200\"").contains("\"code\":\"busy\"")
                .contains("Could not search contacts in Acme CRM: the server is busy; try again shortly.");
        assertThat(sent.get(1)).contains("\"responseId\":\"r201\"");
        assertThat(service.stats().rejected()).isEqualTo(2);

        // The 199 waiting are answered as usual once their provider returns; the two busy ones never ran it.
        release.countDown();
        StringBuilder fetched = new StringBuilder();
        String last = "";
        // each answer as it completes, in any order: polled until none is pending
        for (int i = 0; i < 500 && !last.endsWith("\"pending\":0}"); i++) {
            last = phone.serviceAnswers();
            fetched.append(last);
            Thread.sleep(20);
        }
        for (int i = 1; i < RingCentralEmbeddable.MAX_UNFETCHED_ANSWERS; i++) {
            assertThat(fetched.toString()).contains("\"responseId\":\"r" + i + "\"");
        }
        assertThat(fetched.toString()).doesNotContain("\"responseId\":\"r200\"");
        assertThat(searches).hasValue(199);
        assertThat(phone.serviceAnswers()).isEqualTo("{\"replies\":[],\"pending\":0}");
    }

    @Test
    void aCallOutOverTheMessageLimitIsAnsweredTooLargeAtOnceAndFiresNoEvent() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        List<String> events = new java.util.ArrayList<>();
        phone.addWidgetMessageListener(e -> events.add(e.getType()));
        UI.getCurrent().add(phone);
        js();
        // what the page's glue sends in place of a call log of 300 Ki chars: its id, path and trigger
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog(ThirdPartyService.class)) {
            ClientSide.widgetSaysTooLarge(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"log-1\","
                    + "\"path\":\"/contacts/search\",\"tooLarge\":true,\"body\":null}");
            // naming the limit reached (a Vaadin 25 trial's operator could not tell which from the log)
            assertThat(log.records).singleElement().satisfies(r -> assertThat(r.getMessage()).contains("/contacts/search",
                    "the Vaadin component's message limit, 262,144 characters"));
        }

        List<String> sent = js().stream().filter(s -> s.startsWith("window.embeddable4j.post(")).toList();
        assertThat(sent).singleElement().satisfies(s -> assertThat(s).contains("\"responseId\":\"log-1\"")
                .contains("\"code\":\"too-large\"").contains("the request was too large"));
        assertThat(searches).hasValue(0);
        assertThat(service.stats().rejected()).isEqualTo(1);
        assertThat(events).as("a shrunk call-out is no widget message").isEmpty();

        // Any other message over the limit is dropped, as before.
        ClientSide.widgetSaysTooLarge(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\"},\"pad\":\""
                + "x".repeat(RingCentralEmbeddable.MAX_MESSAGE_CHARS) + "\"}");
        assertThat(js()).noneMatch(s -> s.startsWith("window.embeddable4j.post("));
        assertThat(events).isEmpty();
    }

    /**
     * A message over the limit that is no call-out: the glue sends its type only, and the server says once per type
     * that it dropped one (a Vaadin trial found the loss nowhere in the log). A type not of the widget's shape (from
     * the browser, so from anyone) is not logged.
     */
    @Test
    void anEventOverTheMessageLimitIsDroppedAndSaidOncePerType() {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        List<String> events = new java.util.ArrayList<>();
        phone.addWidgetMessageListener(e -> events.add(e.getType()));
        UI.getCurrent().add(phone);
        String type = "rc-call-end-notify-" + System.nanoTime(); // the warning is once per JVM and type
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            ClientSide.widgetSaysTooLarge(phone, "{\"type\":\"" + type + "\"}");
            ClientSide.widgetSaysTooLarge(phone, "{\"type\":\"" + type + "\"}");
            ClientSide.widgetSaysTooLarge(phone, "{\"type\":\"forged\\nWARNING: line\"}");
            assertThat(log.records).filteredOn(r -> r.getMessage().contains("dropped")).singleElement()
                    .satisfies(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING))
                    .satisfies(r -> assertThat(r.getMessage()).contains(type, "262,144 characters"));
        }
        assertThat(events).as("no listener gets it").isEmpty();
    }
}

package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.DoNotContactDecision;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The component's CRM channel, as a review found it (each fails without its fix): an answer is fetched as soon as it
 * is done, not behind a slower one; and the page a provider returns travels with its reply, which the client glue
 * opens as it does the HTTP bridge's (the widget itself ignores it).
 */
class CrmChannelTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
    private final CountDownLatch release = new CountDownLatch(1);
    private ThirdPartyService service;

    private final ContactProvider slowSearch = new ContactProvider() {
        @Override
        public List<Contact> search(ContactSearchRequest request, Caller caller) {
            try {
                release.await(); // a slow CRM search (up to its 27 s deadline)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
            return Map.of();
        }
    };

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        if (service != null) {
            service.close();
        }
        MockVaadin.tearDown();
    }

    /** The Do Not Contact check's answer (the widget gives it 3 s) does not wait behind a slow search's (27 s). */
    @Test
    void aDoNotContactAnswerIsNotHeldBehindASlowSearch() throws Exception {
        service = ThirdPartyService.builder("acme").contacts(slowSearch)
                .doNotContact((r, c) -> DoNotContactDecision.block("Opted out on 2 May.")).build();
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"s1\",\"path\":\"/contacts/search\","
                + "\"body\":{\"searchString\":\"a\"}}");
        widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"dnc1\",\"path\":\"/doNotContact\","
                + "\"body\":{\"actionType\":\"call\",\"phoneNumber\":\"+16505550100\"}}");
        js();
        StringBuilder fetched = new StringBuilder();
        long end = System.nanoTime() + 2_500_000_000L; // what the widget gives the check: 3 s
        while (System.nanoTime() < end && !fetched.toString().contains("dnc1")) {
            fetched.append(phone.serviceAnswers()); // the browser's poll, every 200 ms
            Thread.sleep(200);
        }
        assertThat(service.stats().answered()).as("the check's provider answered at once").isEqualTo(1);
        assertThat(fetched.toString()).as("what the browser fetched in 2.5 s").contains("\"responseId\":\"dnc1\"");
    }

    /** "View contact details": the viewer's page goes with the reply, as over HTTP. */
    @Test
    void theViewersPageIsOpened() throws Exception {
        service = ThirdPartyService.builder("acme").contacts(slowSearch)
                .contactViewer((contact, caller) -> Optional.of(URI.create("/crm/contacts/" + contact.id()))).build();
        RingCentralEmbeddable phone = new RingCentralEmbeddable(EMBEDDABLE, RingCentralEmbeddable.Mode.INLINE);
        phone.setThirdPartyService(service);
        UI.getCurrent().add(phone);
        widgetSays(phone, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");
        widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"v1\",\"path\":\"/contacts/view\","
                + "\"body\":{\"id\":\"42\",\"name\":\"Ada\",\"type\":\"acme\"}}");
        String withAnswer = "";
        for (int i = 0; i < 250 && !withAnswer.contains("v1"); i++) {
            withAnswer = phone.serviceAnswers();
            Thread.sleep(20);
        }
        var fetched = new com.fasterxml.jackson.databind.ObjectMapper().readTree(withAnswer);
        com.fasterxml.jackson.databind.JsonNode reply = null;
        for (var r : fetched.path("replies")) { // the registration's comes first
            if (r.path("messages").get(0).path("responseId").asText().equals("v1")) {
                reply = r;
            }
        }
        assertThat(reply).as(withAnswer).isNotNull();
        assertThat(reply.path("openUrl").asText()).as("the page to open, with the reply the glue delivers: " + withAnswer)
                .isEqualTo("/crm/contacts/42");
    }
}

package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.LoggedRecords;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's own borders, where a transport hands it what the browser sent: request ids, paths shown back, and
 * the answer after a proxy's 502 or 504.
 */
class ThirdPartyServiceBordersTest {

    private final List<ThirdPartyService> services = new ArrayList<>();

    @AfterEach
    void closeAll() {
        services.forEach(ThirdPartyService::close);
    }

    private ThirdPartyService logger() {
        ThirdPartyService s = ThirdPartyService.builder("acme").displayName("Acme CRM").callLogger((r, c) -> { }).build();
        services.add(s);
        return s;
    }

    private static WidgetEvent.PostMessageRequest request(String requestId) {
        return new WidgetEvent.PostMessageRequest("rc-post-message-request", "{}", requestId, "/callLogger",
                json("{'call':{'sessionId':'1'},'triggerType':'createLog'}"));
    }

    @Test
    void aRequestIdIsAnsweredUpTo200Characters() {
        ThirdPartyService s = logger();
        String longest = "r".repeat(200);
        assertThat(tree(await(s.respond(request(longest), ADA)).toJson()).get("responseId").asText()).isEqualTo(longest);
        // without an id the widget cannot match an answer; an id that long is not one it made (it sends UUIDs)
        for (String id : new String[] {null, "", "r".repeat(201)}) {
            assertThat(await(s.respond(request(id), ADA))).as("id %s", id).isNull();
        }
    }

    @Test
    void anUnknownPathIsShownBackShortenedAndWithoutControlCharacters() {
        ThirdPartyService s = logger();
        String hundred = "/" + "p".repeat(99);
        assertThat(await(s.answer(hundred, "{}", ADA)).error().message()).contains("'" + hundred + "';");
        assertThat(await(s.answer(hundred + "q", "{}", ADA)).error().message()).contains("'" + hundred + "…';")
                .doesNotContain("q");
        assertThat(await(s.answer("/x", "{}", ADA)).error().message())
                .isEqualTo("No call-out of Acme CRM is registered at '/x'; it serves /callLogger.");
        ThirdPartyService empty = ThirdPartyService.builder("none").build();
        services.add(empty);
        assertThat(await(empty.answer("/x", "{}", ADA)).error().message()).endsWith("; it serves none.");
    }

    @Test
    void aCallOutAProxyGaveUpOnIsAnsweredMaybeDoneAndLoggedOncePerPath() {
        ThirdPartyService s = logger();
        assertThatThrownBy(() -> s.unanswered("/callLogger", "{}", 500))
                .hasMessage("A call-out is unanswered after a 502 or 504, or a failed connection (0), not 500");
        try (LoggedRecords log = new LoggedRecords(ThirdPartyService.class)) {
            String pressed = json("{'call':{'sessionId':'1'},'triggerType':'createLog'}");
            ServiceAnswer first = s.unanswered("/callLogger", pressed, 502);
            ServiceAnswer second = s.unanswered("/callLogger", pressed, 504);
            assertThat(first.error().code()).isEqualTo(ServiceError.Code.UNANSWERED);
            assertThat(second.error().message()).isEqualTo("Could not log the call in Acme CRM: the server did not answer"
                    + " (504 from a proxy), so it may have been done all the same; look before trying again.");
            assertThat(tree(second.responseJson()).get("error").get("code").asText()).isEqualTo("unanswered");
            assertThat(second.followUps()).as("the user pressed Log").hasSize(1);
            assertThat(s.unanswered("/nowhere", "{}", 502).error().code()).isEqualTo(ServiceError.Code.UNKNOWN_PATH);
            assertThat(log.messagesWithTraces(Level.WARNING)).singleElement().asString()
                    .contains("answered 502 to a call-out to /callLogger");
            assertThat(s.stats().rejected()).isEqualTo(2);
        }
    }

    /**
     * A connection that failed before the answer reached the page (a restart, a reset after the server had logged the
     * call) is no word that nothing was done: the page sent a call log again after one, and the CRM had it twice.
     * The page now asks for this answer instead (status 0), which says why without a proxy.
     */
    @Test
    void aCallOutWhoseConnectionFailedIsAnsweredMaybeDoneWithoutNamingAProxy() {
        ThirdPartyService s = logger();
        try (LoggedRecords log = new LoggedRecords(ThirdPartyService.class)) {
            ServiceAnswer lost = s.unanswered("/callLogger", json("{'triggerType':'createLog'}"), 0);
            assertThat(lost.error().code()).isEqualTo(ServiceError.Code.UNANSWERED);
            assertThat(lost.error().message()).isEqualTo("Could not log the call in Acme CRM: no answer reached the page"
                    + " (its connection failed), so it may have been done all the same; look before trying again.");
            assertThat(log.messagesWithTraces(Level.WARNING)).singleElement().asString()
                    .contains("the page's connection failed during a call-out to /callLogger").doesNotContain("proxy");
        }
    }
}

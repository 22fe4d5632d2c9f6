package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A call-out the application refuses before the bridge sees it (its security's 403 once the session ended, a
 * redirect to a sign-in page) reaches no provider, so no server answers it: the widget waited out its own timeout
 * (15 s for a call log) and told the user nothing. The page tells the widget itself, from the answers it got with the
 * registration: the same shapes as the server's own failures, and an alert only where the user asked.
 */
class PageRefusalsTest {

    @Test
    void everyServedPathHasTheServersOwnFailureShapeWithARefusedCode() throws Exception {
        try (ThirdPartyService service = ThirdPartyService.builder("Acme CRM")
                .contacts(CrmTestSupport.matching(Map.of()))
                .contactDirectory((request, caller) -> ContactPage.last(List.of()))
                .contactViewer((contact, caller) -> Optional.empty())
                .callLogger((request, caller) -> {
                    throw new IllegalStateException("down");
                })
                .messageLogger((request, caller) -> { })
                .build()) {
            JsonNode refusals = tree(service.pageRefusals());
            List<String> paths = new ArrayList<>();
            refusals.fieldNames().forEachRemaining(paths::add);
            assertThat(paths).containsExactlyInAnyOrderElementsOf(service.descriptor().paths().values());

            // a match: {data: {}}, which the widget takes for its own failure (it keeps nothing, asks again later)
            JsonNode match = refusals.get("/contacts/match");
            assertThat(match.get("response").get("data").isObject()).isTrue();
            assertThat(match.get("response").get("data").size()).isZero();
            assertThat(match.get("response").get("error").get("code").asText()).isEqualTo("refused");
            assertThat(match.get("asked").asBoolean()).as("the widget matches on its own: no alert").isFalse();
            // the contact list: JSON null, so the widget keeps the contacts it has (an empty list would wipe them)
            assertThat(refusals.get("/contacts").get("response").isNull()).isTrue();

            // a call log: the same response as the server's when the logger fails, but for the code and sentence
            JsonNode log = refusals.get("/callLogger");
            ServiceAnswer failed = await(service.answer("/callLogger",
                    "{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s1\"}}", ADA));
            JsonNode server = tree(failed.responseJson());
            assertThat(server.get("error").get("code").asText()).isEqualTo("failed");
            assertThat(fieldsOf(log.get("response"))).isEqualTo(fieldsOf(server));
            assertThat(log.get("response").get("error").get("message").asText())
                    .isEqualTo("Could not log the call in Acme CRM: the application did not take the request. Reload"
                            + " the page (signing in again if asked) and try again.");
            assertThat(log.get("alert").get("type").asText()).isEqualTo("rc-adapter-message-request");
            assertThat(log.get("alert").get("alertLevel").asText()).isEqualTo("danger");
            assertThat(log.get("alert").get("alertMessage").asText())
                    .isEqualTo(log.get("response").get("error").get("message").asText());
            List<String> asked = new ArrayList<>();
            log.get("asked").forEach(t -> asked.add(t.asText()));
            assertThat(asked).as("the triggers of a person's press, as the server's own failures count them")
                    .containsExactlyInAnyOrder("createLog", "editLog", "viewLog", "logForm", "manual");
            for (CallLogTrigger trigger : CallLogTrigger.values()) {
                boolean serverAlerts = !await(service.answer("/callLogger", "{\"triggerType\":\"" + trigger.wireValue()
                        + "\",\"call\":{\"sessionId\":\"s1\"}}", ADA)).followUps().isEmpty();
                assertThat(asked.contains(trigger.wireValue())).as(trigger.name()).isEqualTo(serverAlerts);
            }
            List<String> messageAsked = new ArrayList<>();
            refusals.get("/messageLogger").get("asked").forEach(t -> messageAsked.add(t.asText()));
            assertThat(messageAsked).containsExactlyInAnyOrder("manual", "logForm", "selectedLog", "openLog");
            assertThat(refusals.get("/contacts/view").get("asked").asBoolean()).as("a press on a contact").isTrue();
        }
    }

    private static List<String> fieldsOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

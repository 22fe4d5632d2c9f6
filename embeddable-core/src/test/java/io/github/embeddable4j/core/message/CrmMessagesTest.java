package io.github.embeddable4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The third-party service messages: the call-out request the widget posts, and the commands sent back. */
class CrmMessagesTest {

    private static JsonNode tree(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void parsesACallOutRequest() throws Exception {
        String json = "{\"type\":\"rc-post-message-request\",\"requestId\":\"5d8e1c3a-1\",\"path\":\"/contacts/match\","
                + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}";
        WidgetEvent.PostMessageRequest request = (WidgetEvent.PostMessageRequest) WidgetEvents.parse(json);
        assertThat(request.requestId()).isEqualTo("5d8e1c3a-1");
        assertThat(request.path()).isEqualTo("/contacts/match");
        assertThat(tree(request.body())).isEqualTo(tree("{\"phoneNumbers\":[\"+16505550101\"]}"));
        assertThat(request.json()).isEqualTo(json);
        WidgetEvent.PostMessageRequest noBody = (WidgetEvent.PostMessageRequest) WidgetEvents.parse(
                "{\"type\":\"rc-post-message-request\",\"requestId\":\"r\",\"path\":\"/meetings/upcoming\"}");
        assertThat(noBody.body()).isNull();
    }

    @Test
    void theResponseEnvelopeCarriesTheRequestIdAndTheResponseAsJson() throws Exception {
        assertThat(tree(WidgetCommand.postMessageResponse("5d8e1c3a-1", "{\"data\":\"ok\"}").toJson())).isEqualTo(tree(
                "{\"type\":\"rc-post-message-response\",\"responseId\":\"5d8e1c3a-1\",\"response\":{\"data\":\"ok\"}}"));
        assertThat(tree(WidgetCommand.postMessageResponse("r", "null").toJson()).get("response").isNull()).isTrue();
        assertThatThrownBy(() -> WidgetCommand.postMessageResponse("r", "{")).hasMessageContaining("responseJson is not JSON");
        assertThatThrownBy(() -> WidgetCommand.postMessageResponse("r", "")).hasMessageContaining("responseJson is empty");
        assertThatThrownBy(() -> WidgetCommand.postMessageResponse("", "{}")).hasMessageContaining("requestId");
    }

    @Test
    void followUpCommands() throws Exception {
        assertThat(tree(WidgetCommand.syncThirdPartyContacts().toJson()))
                .isEqualTo(tree("{\"type\":\"rc-adapter-sync-third-party-contacts\"}"));
        assertThat(tree(WidgetCommand.triggerContactMatch(List.of("+16505550101", "+16505550102")).toJson())).isEqualTo(tree(
                "{\"type\":\"rc-adapter-trigger-contact-match\",\"phoneNumbers\":[\"+16505550101\",\"+16505550102\"]}"));
        assertThat(tree(WidgetCommand.triggerCallLoggerMatch(List.of("214705503020")).toJson())).isEqualTo(tree(
                "{\"type\":\"rc-adapter-trigger-call-logger-match\",\"sessionIds\":[\"214705503020\"]}"));
        assertThat(tree(WidgetCommand.updateAuthorizationStatus(true, "ada@example.com").toJson())).isEqualTo(tree(
                "{\"type\":\"rc-adapter-update-authorization-status\",\"authorized\":true,\"authorizedAccount\":\"ada@example.com\"}"));
        assertThat(tree(WidgetCommand.updateAuthorizationStatus(false, null).toJson())).isEqualTo(tree(
                "{\"type\":\"rc-adapter-update-authorization-status\",\"authorized\":false}"));
        assertThatThrownBy(() -> WidgetCommand.triggerContactMatch(List.of())).hasMessageContaining("phoneNumbers");
        for (WidgetCommand c : List.of(WidgetCommand.syncThirdPartyContacts(),
                WidgetCommand.updateAuthorizationStatus(true, null))) {
            assertThat(c.requiresLogin()).isFalse();
        }
    }

    @Test
    void anAlertInTheFormEveryWidgetVersionReads() throws Exception {
        JsonNode alert = tree(WidgetCommand.showAlert("Could not log the call in Acme CRM.", "danger", Duration.ofSeconds(10)).toJson());
        assertThat(alert.get("type").asText()).isEqualTo("rc-adapter-message-request");
        assertThat(alert.get("requestId").asText()).isNotBlank();
        assertThat(alert.get("path").asText()).isEqualTo("/custom-alert-message");
        assertThat(alert.get("alertMessage").asText()).isEqualTo("Could not log the call in Acme CRM.");
        assertThat(alert.get("alertLevel").asText()).isEqualTo("danger");
        assertThat(alert.get("ttl").asLong()).isEqualTo(10_000);
        assertThat(alert.get("body").toString()).isEqualTo(
                "{\"message\":\"Could not log the call in Acme CRM.\",\"level\":\"danger\",\"ttl\":10000}");
        // Widget 2.x reads `ttl: data.ttl || data.body && data.body.ttl`: a top-level 0 is falsy, so only the body's 0
        // reaches its alert module as "until dismissed" (without one, its default 5 s applies: an audit of its source)
        JsonNode untilDismissed = tree(WidgetCommand.showAlert("Sign in to Acme CRM.", "warning", Duration.ZERO).toJson());
        assertThat(untilDismissed.get("ttl").asLong()).isZero();
        assertThat(untilDismissed.at("/body/ttl").isNumber()).isTrue();
        assertThat(untilDismissed.at("/body/ttl").asLong()).isZero();
        assertThatThrownBy(() -> WidgetCommand.showAlert("x", "error", Duration.ZERO)).hasMessageContaining("info, warning or danger");
        assertThatThrownBy(() -> WidgetCommand.showAlert(" ", "info", Duration.ZERO)).hasMessageContaining("message");
    }
}

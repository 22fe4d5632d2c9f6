package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRM end to end, as the widget uses it: the stand-in frame registers nothing itself; the page's glue registers
 * the CRM with it after the widget's first login status, and relays real-shaped call-outs ({@code
 * rc-post-message-request} with requestId, path and body) to the server, whose answers come back to the frame as
 * {@code rc-post-message-response} with the request's id. The paths are the ones the registration announced.
 */
class CrmBrowserTest extends RunningCrm {

    @Test
    @SuppressWarnings("unchecked")
    void theWidgetLoadsSearchesMatchesAndLogsCallsThroughTheCrm() {
        HeadlessChromium chromium = chromium();
        open("/");
        StandInFrame frame = new StandInFrame(chromium).awaitFrame();

        // The registration, from the page's glue (the frame only posted its start-up messages and a login).
        Map<String, Object> service = (Map<String, Object>) awaitRegistration(frame).get("service");
        assertThat(service).containsEntry("name", "crm").containsEntry("displayName", "Example CRM")
                .containsKeys("contactsPath", "contactSearchPath", "contactMatchPath", "callLoggerPath", "callLogEntityMatcherPath");
        assertThat(frame.received()).filteredOn(r -> "rc-adapter-register-third-party-service".equals(
                ((Map<String, Object>) r.get("command")).get("type"))).singleElement()
                .satisfies(r -> assertThat(r.get("origin")).isEqualTo(url("")));

        // The Contacts tab: pages of 100 until nextPage is null, every contact once, with one sync token.
        List<String> ids = new ArrayList<>();
        Object page = 1L;
        Object token = null; // a number: the widget's docs write the sync timestamp as epoch milliseconds
        for (int n = 0; page != null; n++) {
            String body = page instanceof Long ? "{\"page\":1}" : "{\"page\":\"" + page + "\"}";
            Map<String, Object> response = call(frame, "contacts-" + n, (String) service.get("contactsPath"), body);
            List<Map<String, Object>> data = (List<Map<String, Object>>) response.get("data");
            data.forEach(c -> ids.add((String) c.get("id")));
            assertThat(data).allSatisfy(c -> assertThat(c).containsEntry("type", "crm"));
            token = token == null ? response.get("syncTimestamp") : token;
            assertThat(response.get("syncTimestamp")).isInstanceOf(Long.class).isEqualTo(token);
            page = response.get("nextPage");
        }
        assertThat(ids).hasSize(SeedContacts.COUNT);
        assertThat(new HashSet<>(ids)).hasSize(SeedContacts.COUNT);

        // Dialer search.
        List<Map<String, Object>> found = (List<Map<String, Object>>) call(frame, "search-1",
                (String) service.get("contactSearchPath"), "{\"searchString\":\"lovelace\"}").get("data");
        assertThat(found).extracting(c -> c.get("name")).contains("Ada Lovelace");

        // Caller names: the widget sends E.164; Ada is stored as "+1 (650) 555-0101".
        Map<String, Object> matched = (Map<String, Object>) call(frame, "match-1", (String) service.get("contactMatchPath"),
                "{\"phoneNumbers\":[\"+16505550101\",\"+19995550000\"],\"callerIds\":{},\"triggerFrom\":\"auto\"}").get("data");
        assertThat(matched).containsOnlyKeys("+16505550101", "+19995550000");
        assertThat((List<Map<String, Object>>) matched.get("+16505550101")).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("name", "Ada Lovelace").containsEntry("id", "1");
            assertThat((List<Map<String, Object>>) c.get("phoneNumbers")).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("phoneNumber", "+1 (650) 555-0101").containsEntry("phoneType", "mobile"));
        });
        assertThat((List<Object>) matched.get("+19995550000")).isEmpty();

        // Log a call with Grace (stored as 650-555-0102), then ask which calls are logged.
        Map<String, Object> logged = call(frame, "log-1", (String) service.get("callLoggerPath"),
                "{\"triggerType\":\"createLog\",\"note\":\"Talked about COBOL\",\"call\":{\"sessionId\":\"s-e2e-1\","
                + "\"telephonySessionId\":\"t-e2e-1\",\"direction\":\"Outbound\",\"from\":{\"phoneNumber\":\"+16505550100\"},"
                + "\"to\":{\"phoneNumber\":\"+16505550102\",\"name\":\"Grace Hopper\"},\"startTime\":1764237600000,"
                + "\"duration\":42,\"result\":\"Call connected\"}}");
        assertThat(logged).containsEntry("data", "ok");
        Map<String, Object> logs = (Map<String, Object>) call(frame, "log-match-1",
                (String) service.get("callLogEntityMatcherPath"), "{\"sessionIds\":[\"s-e2e-1\",\"s-e2e-unknown\"]}").get("data");
        assertThat((List<Map<String, Object>>) logs.get("s-e2e-1")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("note", "Talked about COBOL").containsKey("id"));
        assertThat((List<Object>) logs.get("s-e2e-unknown")).isEmpty();

        // The call log page shows the call, with Grace found by her number; so does her page.
        open("/calls");
        String row = "#calls tr[data-session='s-e2e-1']";
        assertThat(chromium.script("var r = document.querySelector(arguments[0]); return r && r.textContent", row))
                .asString().contains("Grace Hopper").contains("Talked about COBOL").contains("42 s").contains("ada");
        chromium.script("document.querySelector(arguments[0] + ' a.contact').click()", row);
        chromium.await(d -> d.getCurrentUrl().equals(url("/contacts/2")));
        assertThat(chromium.script("return document.querySelector(\"#calls tr[data-session='s-e2e-1']\") !== null")).isEqualTo(true);
    }

    /**
     * A call log over the endpoint's body limit: the endpoint answers 413, and the page's glue then sends the call-out's
     * id, path and trigger only, so the widget is answered "too-large" at once, with an alert (the user pressed "Log"),
     * instead of waiting out its own timeout.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCallLogOverTheBodyLimitIsAnsweredTooLarge() {
        HeadlessChromium chromium = chromium();
        open("/");
        StandInFrame frame = new StandInFrame(chromium).awaitFrame();
        Map<String, Object> service = (Map<String, Object>) awaitRegistration(frame).get("service");
        String note = "n".repeat(600 * 1024);
        Map<String, Object> answer = call(frame, "log-huge", (String) service.get("callLoggerPath"),
                "{\"triggerType\":\"createLog\",\"note\":\"" + note + "\",\"call\":{\"sessionId\":\"s-huge\"}}");
        assertThat((Map<String, Object>) answer.get("error")).containsEntry("code", "too-large");
        chromium.await(d -> frame.received().stream().map(r -> String.valueOf(r.get("command")))
                .anyMatch(c -> c.contains("rc-adapter-message-request") && c.contains("too large")) ? true : null);
        Map<String, Object> logs = (Map<String, Object>) call(frame, "log-match-huge",
                (String) service.get("callLogEntityMatcherPath"), "{\"sessionIds\":[\"s-huge\"]}").get("data");
        assertThat((List<Object>) logs.get("s-huge")).as("the provider never ran").isEmpty();
    }

    /** Posts a call-out from the frame and returns the response it got back for it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(StandInFrame frame, String requestId, String path, String body) {
        frame.emit("{\"type\":\"rc-post-message-request\",\"requestId\":\"" + requestId + "\",\"path\":\"" + path
                + "\",\"body\":" + body + "}");
        Map<String, Object> answer = frame.awaitResponse(requestId);
        assertThat(answer).containsEntry("type", "rc-post-message-response");
        return (Map<String, Object>) answer.get("response");
    }
}

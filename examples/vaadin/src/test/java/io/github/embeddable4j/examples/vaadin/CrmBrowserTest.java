package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.FRAME;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.awaitReceived;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.emit;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RecordingStandInWidget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The example's CRM as the widget's third-party service, end to end in a real browser: the app registers it with the
 * widget's frame once the widget reports its first login status (the stand-in frame registers nothing itself), and
 * answers the frame's call-outs, shaped as the real widget sends them ({@code rc-post-message-request} with
 * {@code requestId}, the registered {@code path} and a {@code body}), through the Vaadin component's own channel; the
 * call the widget logged then shows in the "Call log" grid.
 */
class CrmBrowserTest extends StandInWidgetContext {

    private static final String REGISTER = "rc-adapter-register-third-party-service";
    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    @SuppressWarnings("unchecked")
    void theWidgetsCallOutsAreAnsweredByTheExampleCrm() {
        chromium.driver().get(appUrl("/"));
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));

        // Registered by the app, with exactly what its providers serve.
        Map<String, Object> registration = command(awaitReceived(chromium, REGISTER).get(0));
        Map<String, Object> service = (Map<String, Object>) registration.get("service");
        assertThat(service).containsEntry("name", "vaadin-example").containsEntry("displayName", "Example CRM")
                .containsEntry("contactsPath", "/contacts").containsEntry("contactSearchPath", "/contacts/search")
                .containsEntry("contactMatchPath", "/contacts/match").containsEntry("callLoggerPath", "/callLogger")
                .containsEntry("callLogEntityMatcherPath", "/callLogger/match");
        assertThat(service.keySet()).noneMatch(k -> k.startsWith("messageLogger") || k.startsWith("doNotContact"));

        // Search: by name, and by digits written another way.
        Map<String, Object> byName = callOut("search-1", (String) service.get("contactSearchPath"), "{\"searchString\":\"grace\"}");
        assertThat((List<Map<String, Object>>) byName.get("data")).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("id", "c-2").containsEntry("name", "Grace Hopper")
                    .containsEntry("type", "vaadin-example").containsEntry("company", "COBOL Works");
            assertThat((List<Map<String, Object>>) c.get("phoneNumbers")).singleElement().satisfies(p -> assertThat(p)
                    .containsEntry("phoneNumber", "+16505550102").containsEntry("phoneType", "business"));
        });
        Map<String, Object> byDigits = callOut("search-2", (String) service.get("contactSearchPath"), "{\"searchString\":\"555-0103\"}");
        assertThat((List<Map<String, Object>>) byDigits.get("data")).extracting(c -> c.get("name")).containsExactly("Alan Turing");

        // Match: a number in another format than the CRM's finds its contact, keyed as the widget wrote it.
        Map<String, Object> match = callOut("match-1", (String) service.get("contactMatchPath"),
                "{\"phoneNumbers\":[\"(650) 555-0101\",\"+16505550199\"],\"callerIds\":{},\"triggerFrom\":\"auto\"}");
        Map<String, Object> matched = (Map<String, Object>) match.get("data");
        assertThat(matched).containsOnlyKeys("(650) 555-0101", "+16505550199");
        assertThat((List<Map<String, Object>>) matched.get("(650) 555-0101")).extracting(c -> c.get("name"))
                .containsExactly("Ada Lovelace");
        assertThat((List<Object>) matched.get("+16505550199")).isEmpty();

        // Log a call, as the widget's "Log" button does, then ask which calls are logged.
        Map<String, Object> logged = callOut("log-1", (String) service.get("callLoggerPath"), """
                {"triggerType":"createLog","redirect":false,"note":"Asked about the Enigma contract",
                 "call":{"sessionId":"s-1001","telephonySessionId":"t-1001","direction":"Outbound",
                         "from":{"phoneNumber":"+16505550100","extensionNumber":"101"},"to":{"phoneNumber":"+16505550103"},
                         "startTime":1764300000000,"duration":42,"result":"Call connected"}}""");
        assertThat(logged).containsEntry("data", "ok");
        Map<String, Object> logs = (Map<String, Object>) callOut("log-match-1", (String) service.get("callLogEntityMatcherPath"),
                "{\"sessionIds\":[\"s-1001\",\"s-unknown\"],\"activeSessionIds\":[]}").get("data");
        assertThat(logs).containsOnlyKeys("s-1001", "s-unknown");
        assertThat((List<Map<String, Object>>) logs.get("s-1001")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("note", "Asked about the Enigma contract").containsKey("id"));
        assertThat((List<Object>) logs.get("s-unknown")).isEmpty();

        // The grid reads the log when it is shown and on Refresh (no @Push): not yet, then after Refresh.
        chromium.await(d -> callLogCells().contains("Contact"));
        assertThat(callLogCells()).doesNotContain("Alan Turing");

        // Every answer went to the widget's frame from the app's origin, and the service was registered only once,
        // although the widget reported two login statuses (logged out, then logged in).
        assertThat(received(chromium)).allSatisfy(r -> assertThat(r.get("origin")).isEqualTo(appUrl("")));
        assertThat(received(chromium, REGISTER)).hasSize(1);

        chromium.driver().findElement(By.id("refresh-call-log")).click();
        chromium.await(d -> callLogCells().contains("Alan Turing"));
        assertThat(callLogCells()).contains("Outbound", "+16505550103", "42 s", "Asked about the Enigma contract");
        // A view opened later reads it too.
        chromium.driver().findElement(By.linkText("About")).click();
        chromium.await(d -> d.getTitle().startsWith("About"));
        chromium.driver().findElement(By.linkText("Contacts")).click();
        chromium.await(d -> callLogCells().contains("Alan Turing"));
    }

    /**
     * A call log over the component's message limit (a Vaadin trial's got no answer: the widget would wait out its
     * own timeout): the page's glue sends its id, path and trigger only, and the widget is answered "too-large" at
     * once, with an alert, as the user pressed "Log".
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCallLogOverTheMessageLimitIsAnsweredTooLarge() {
        chromium.driver().get(appUrl("/"));
        awaitReceived(chromium, REGISTER);
        String note = "n".repeat(300 * 1024);
        Map<String, Object> answer = callOut("log-huge", "/callLogger", "{\"triggerType\":\"createLog\",\"note\":\""
                + note + "\",\"call\":{\"sessionId\":\"s-huge\"}}");
        assertThat((Map<String, Object>) answer.get("error")).containsEntry("code", "too-large");
        chromium.await(d -> received(chromium, "rc-adapter-message-request").stream().map(CrmBrowserTest::command)
                .anyMatch(c -> String.valueOf(c).contains("too large")) ? true : null);
        Map<String, Object> logs = (Map<String, Object>) callOut("log-match-huge", "/callLogger/match",
                "{\"sessionIds\":[\"s-huge\"],\"activeSessionIds\":[]}").get("data");
        assertThat((List<Object>) logs.get("s-huge")).as("the provider never ran").isEmpty();
    }

    /**
     * Any other message over the component's limit: the glue sends its type only (not 300 Ki chars over the
     * connection), no listener gets it, and the server log says so once per type (a Vaadin trial found the loss
     * nowhere). A small message right after is taken as ever.
     */
    @Test
    void anEventOverTheMessageLimitIsDroppedAndLogged() throws Exception {
        chromium.driver().get(appUrl("/"));
        awaitReceived(chromium, REGISTER);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.github.embeddable4j.vaadin.RingCentralEmbeddable");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(handler);
        try {
            emit(chromium, "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"huge\",\"from\":\"+16505550177\","
                    + "\"to\":\"+16505550100\",\"pad\":\"" + "p".repeat(300 * 1024) + "\"}}");
            emit(chromium, "{\"type\":\"rc-call-end-notify\",\"call\":{\"id\":\"small\",\"from\":\"+16505550188\","
                    + "\"to\":\"+16505550100\"}}");
            chromium.await(d -> logContains(chromium, "+16505550188") ? true : null);
            chromium.await(d -> records.stream().anyMatch(r -> r.getMessage().contains("rc-call-end-notify message from"
                    + " the widget was over the Vaadin component's message limit, 262,144 characters")) ? true : null);
        } finally {
            jul.removeHandler(handler);
        }
        assertThat(logContains(chromium, "+16505550177")).as("no listener got the large one").isFalse();
    }

    /** The registration came from the app after the widget's first login status; the frame posted none itself. */
    @Test
    void theServiceIsRegisteredAfterTheFirstLoginStatus() {
        chromium.driver().get(appUrl("/"));
        awaitReceived(chromium, REGISTER);
        List<Map<String, Object>> timeline = RecordingStandInWidget.timeline(chromium, FRAME);
        int firstLoginStatus = indexOf(timeline, "out", "rc-login-status-notify");
        int registration = indexOf(timeline, "in", REGISTER);
        assertThat(firstLoginStatus).isNotNegative();
        assertThat(registration).isGreaterThan(firstLoginStatus);
        assertThat(timeline).noneMatch(e -> "out".equals(e.get("dir")) && REGISTER.equals(e.get("type")));
    }

    /** Posts a call-out from the widget's frame and waits for its answer; returns the answer's {@code response}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> callOut(String requestId, String path, String bodyJson) {
        emit(chromium, "{\"type\":\"rc-post-message-request\",\"requestId\":\"" + requestId + "\",\"path\":\"" + path
                + "\",\"body\":" + bodyJson + "}");
        Map<String, Object> answer = chromium.await(d -> received(chromium, "rc-post-message-response").stream()
                .map(CrmBrowserTest::command).filter(c -> requestId.equals(c.get("responseId"))).findFirst().orElse(null));
        return (Map<String, Object>) answer.get("response");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> command(Map<String, Object> record) {
        return (Map<String, Object>) record.get("command");
    }

    private static List<String> callLogCells() {
        return chromium.driver().findElements(By.cssSelector("#call-log vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).toList();
    }

    private static int indexOf(List<Map<String, Object>> timeline, String dir, String type) {
        for (int i = 0; i < timeline.size(); i++) {
            if (dir.equals(timeline.get(i).get("dir")) && type.equals(timeline.get(i).get("type"))) {
                return i;
            }
        }
        return -1;
    }
}

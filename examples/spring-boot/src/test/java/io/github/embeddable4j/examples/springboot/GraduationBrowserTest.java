package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.graduation.GraduationCriterion;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationStore;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.core.graduation.JdbcGraduationStore;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Widget events, from the stand-in frame through the page's bridge to the server: the events that complete every
 * graduation criterion the widget can show (shaped as the widget posts them) reach the graduation tracker, which
 * counts them into the application's database; the live event log page shows them without being reloaded, and the
 * CRM's events page and the starter's setup page show every observable criterion done.
 */
class GraduationBrowserTest extends RunningCrm {

    @Autowired
    GraduationTracker tracker;

    @Autowired
    GraduationStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventLog eventLog;

    @Test
    void eventsCompleteEveryObservableCriterionAndShowInTheEventLog() {
        assertThat(store).isInstanceOf(JdbcGraduationStore.class); // the app has a DataSource
        HeadlessChromium chromium = chromium();
        open("/"); // signed in before the clock starts
        Instant opened = Instant.now();
        open("/events");
        StandInFrame frame = new StandInFrame(chromium).awaitFrame();
        awaitRegistration(frame); // the glue is listening to the frame
        // The stand-in restores its login just after start-up, as the widget does: our logouts and logins come after.
        chromium.await(d -> eventLog.latest().stream().anyMatch(e -> e.receivedAt().isAfter(opened)
                && e.type().equals("rc-login-status-notify") && e.json().contains("\"loggedIn\":true")));
        chromium.script("window.__notReloaded = true");

        for (String event : criteriaEvents()) {
            frame.emit(event);
        }

        GraduationProgress progress = chromium.await(d -> {
            GraduationProgress p = tracker.progress();
            return p.readyForProduction() ? p : null;
        });
        assertThat(progress.scope().clientId()).isEqualTo(CLIENT_ID);
        for (GraduationProgress.Item item : progress.items()) {
            if (item.criterion().counted()) {
                assertThat(item.done()).as(item.criterion().name()).isTrue();
            }
        }
        assertThat(progress.item(GraduationCriterion.SMS_SENT).count()).isEqualTo(6);
        assertThat(progress.item(GraduationCriterion.PRESENCE_CHANGES).count()).isEqualTo(6);
        assertThat(progress.item(GraduationCriterion.RINGOUT_CALLS).count()).isEqualTo(5);
        assertThat(progress.checkByHand()).containsExactlyInAnyOrder(GraduationCriterion.CONTACTS_REFRESHES,
                GraduationCriterion.RINGOUT_CALL_CONTROLS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM embeddable4j_graduation WHERE client_id = ?").param(CLIENT_ID)
                .query(Long.class).single()).isGreaterThanOrEqualTo(6 * 6 + 3 * 5);

        // The event log page refreshed itself (no reload: the marker is still there) with the events, as ada's.
        chromium.await(d -> chromium.script("return Array.from(document.querySelectorAll('#events tbody tr'))"
                + ".some(function (r) { return r.textContent.indexOf('rc-ringout-call-notify') >= 0"
                + " && r.textContent.indexOf('ada') >= 0; })"));
        assertThat(chromium.script("return window.__notReloaded === true")).isEqualTo(true);
        assertThat(eventLog.latest()).hasSizeLessThanOrEqualTo(EventLog.CAPACITY)
                .anyMatch(e -> e.type().equals("rc-message-updated-notify") && e.user().equals("ada"));

        // Loaded again, the page shows the graduation progress.
        open("/events");
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            String status = (String) chromium.script("var r = document.querySelector(\"#graduation tr[data-criterion='\""
                    + " + arguments[0] + \"']\"); return r && r.lastElementChild.textContent.trim()", criterion.name());
            assertThat(status).as(criterion.name()).isEqualTo(criterion.counted() ? "done" : "check by hand");
        }

        // So does the starter's setup page (on here, for this machine only), with the step to production.
        open("/embeddable4j/setup");
        long counted = List.of(GraduationCriterion.values()).stream().filter(GraduationCriterion::counted).count();
        assertThat(chromium.script("return document.querySelectorAll('table.graduation tr.done').length")).isEqualTo(counted);
        assertThat(chromium.script("return document.querySelectorAll('table.graduation tr.by-hand').length"))
                .isEqualTo((long) GraduationCriterion.values().length - counted);
        assertThat(chromium.script("return document.getElementById('next-step').className")).isEqualTo("next ready");
        assertThat((String) chromium.script("return document.body.textContent")).contains(CLIENT_ID);
    }

    /** The widget's events for every counted criterion, as it posts them, after its start-up login was restored. */
    private static List<String> criteriaEvents() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(login(false, null));
            events.add(login(true, true));
            events.add(presence(i % 2 == 0 ? "Busy" : "Available"));
            events.add(message("sms-" + i, "SMS", "Outbound", "Read"));
            events.add(message("pager-" + i, "Pager", "Outbound", "Read"));
            events.add(message("in-" + i, "SMS", "Inbound", "Read"));
        }
        for (int i = 0; i < 5; i++) {
            events.add(call("rc-call-init-notify", "out-" + i, "Outbound"));
            events.add(call("rc-call-ring-notify", "in-" + i, "Inbound"));
            events.add("{\"type\":\"rc-ringout-call-notify\",\"call\":{\"sessionId\":\"ro-" + i + "\",\"telephonySessionId\":\"t-ro-" + i
                    + "\",\"partyId\":\"p-ro-" + i + "\",\"direction\":\"Outbound\",\"from\":{\"phoneNumber\":\"+16505550100\"},"
                    + "\"to\":{\"phoneNumber\":\"+16505550102\"},\"telephonyStatus\":\"CallConnected\","
                    + "\"startTime\":\"2026-11-27T10:00:00.000Z\"}}");
        }
        return events;
    }

    private static String login(boolean loggedIn, Boolean fresh) {
        return "{\"type\":\"rc-login-status-notify\",\"loggedIn\":" + loggedIn + ",\"loginNumber\":\"+16505550100*101\","
                + "\"contractedCountryCode\":\"US\",\"admin\":false,\"features\":{\"sms\":true,\"call\":true},\"isFreshLogin\":" + fresh + "}";
    }

    private static String presence(String userStatus) {
        return "{\"type\":\"rc-adapter-syncPresence\",\"telephonyStatus\":\"NoCall\",\"userStatus\":\"" + userStatus
                + "\",\"dndStatus\":\"TakeAllCalls\",\"presenceOption\":\"" + userStatus.toLowerCase() + "\"}";
    }

    private static String message(String id, String type, String direction, String readStatus) {
        boolean pager = "Pager".equals(type);
        boolean inbound = "Inbound".equals(direction);
        String me = pager ? "{\"extensionNumber\":\"101\"}" : "{\"phoneNumber\":\"+16505550100\"}";
        String them = pager ? "{\"extensionNumber\":\"102\"}" : "{\"phoneNumber\":\"+16505550102\"}";
        return "{\"type\":\"rc-message-updated-notify\",\"message\":{\"id\":\"" + id + "\",\"conversationId\":\"c-" + id + "\","
                + "\"type\":\"" + type + "\",\"direction\":\"" + direction + "\",\"from\":" + (inbound ? them : me)
                + ",\"to\":[" + (inbound ? me : them) + "],\"subject\":\"Hello\",\"readStatus\":\"" + readStatus + "\","
                + "\"messageStatus\":\"" + (inbound ? "Received" : "Sent") + "\",\"availability\":\"Alive\","
                + "\"creationTime\":\"2026-11-27T10:00:00.000Z\",\"lastModifiedTime\":\"2026-11-27T10:00:01.000Z\"}}";
    }

    private static String call(String type, String id, String direction) {
        return "{\"type\":\"" + type + "\",\"call\":{\"id\":\"" + id + "\",\"callId\":\"sip-" + id + "\",\"direction\":\""
                + direction + "\",\"callStatus\":\"webphone-session-connecting\",\"to\":\"+16505550102\",\"toUserName\":\"Grace\","
                + "\"from\":\"+16505550100\",\"fromUserName\":\"Ada\",\"startTime\":1764237600000,\"creationTime\":1764237600000,"
                + "\"isOnHold\":false,\"isOnMute\":false,\"partyData\":{\"partyId\":\"p-" + id + "\",\"sessionId\":\"t-" + id + "\"}}}";
    }
}

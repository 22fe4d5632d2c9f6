package io.github.embeddable4j.core.graduation;

import static io.github.embeddable4j.core.graduation.GraduationCriterion.*;
import static io.github.embeddable4j.core.graduation.WidgetJson.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.event.WidgetEventTypes;
import io.github.embeddable4j.core.graduation.GraduationProgress.Status;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Counting from events shaped as the widget posts them, including the events that must not count. */
class GraduationTrackerTest {

    private static final String TAB = "session-a";
    private final MemoryGraduationStore store = new MemoryGraduationStore();
    private final GraduationTracker tracker = new GraduationTracker(
            EmbeddableConfig.builder().clientId("sandboxApp1").appServer(AppServer.SANDBOX).build(), store);

    private void send(String json) {
        send(json, TAB);
    }

    private void send(String json, String session) {
        if (tracker.eventTypes().contains(WidgetEvents.parse(json).type())) { // the dispatcher delivers only these
            tracker.onWidgetEvent(received(json, session));
        }
    }

    private int count(GraduationCriterion criterion) {
        return tracker.progress().item(criterion).count();
    }

    @Test
    void theStartUpSequenceCountsNothing() {
        for (int tab = 0; tab < 2; tab++) { // the page loads, then a second tab of the same session
            STARTUP.forEach(json -> tracker.onWidgetEvent(received(json, TAB)));
        }
        assertThat(tracker.progress().items()).allSatisfy(item -> assertThat(item.count()).isZero());
        assertThat(store.records).hasValue(0);
        // the sequence did reach the parts that count: its presence is now the session's reference
        send(presence("NoCall", "Busy", "TakeAllCalls"));
        assertThat(count(PRESENCE_CHANGES)).isEqualTo(1);
    }

    @Test
    void presenceCountsChangesNotTheFirstValueNorRepeats() {
        send(presence("NoCall", "Available", "TakeAllCalls")); // start-up
        send(presence("NoCall", "Busy", "TakeAllCalls"));
        send(presence("NoCall", "Busy", "TakeAllCalls")); // the same change, reported by another tab
        send(presence("CallConnected", "Busy", "TakeAllCalls")); // a call, not a presence change
        send(presence("NoCall", "Busy", "DoNotAcceptAnyCalls"));
        send(presence("NoCall", "Available", "TakeAllCalls"));
        assertThat(count(PRESENCE_CHANGES)).isEqualTo(3);
        send(presence("NoCall", "Offline", "TakeAllCalls"), "session-b"); // another session's start-up
        assertThat(count(PRESENCE_CHANGES)).isEqualTo(3);
        for (String status : new String[] {"Busy", "Available", "Busy"}) {
            send(presence("NoCall", status, "TakeAllCalls"));
        }
        assertThat(tracker.progress().item(PRESENCE_CHANGES).status()).isEqualTo(Status.DONE);
    }

    @Test
    void aRestoredSessionIsNotALoginButItsLogoutIsALogout() {
        send(login(false, null)); // start-up, nobody logged in: not a logout
        send(login(true, false)); // the session restored at page load
        assertThat(store.counts(tracker.scope())).isEmpty();
        send(login(false, null));
        send(login(false, null)); // the logout as a second tab reports it
        assertThat(store.keys(tracker.scope(), GraduationCounter.LOGOUTS)).hasSize(1);
        send(login(true, true));
        send(login(true, true)); // the same login in a second tab
        assertThat(store.keys(tracker.scope(), GraduationCounter.LOGINS)).hasSize(1);
        assertThat(count(LOGINS_AND_LOGOUTS)).isEqualTo(1);
    }

    /**
     * Every page's widget starts with loggedIn:false before it restores its session: moving between pages of one
     * session is not a logout (it was counted as one when transitions were kept per session only).
     */
    @Test
    void aNewPageOfTheSessionIsNotALogoutButALogoutInAPageIs() {
        for (int page = 0; page < 5; page++) {
            String key = "page-" + page;
            sendOnPage(login(false, null), key); // start-up of this page's widget
            sendOnPage(login(true, false), key); // its session restored
        }
        assertThat(store.counts(tracker.scope())).isEmpty();
        sendOnPage(login(false, null), "page-4"); // the user logs out in the last page
        assertThat(store.keys(tracker.scope(), GraduationCounter.LOGOUTS)).hasSize(1);
    }

    private void sendOnPage(String json, String page) {
        tracker.onWidgetEvent(new io.github.embeddable4j.core.event.ReceivedWidgetEvent(WidgetEvents.parse(json), TAB, null,
                java.time.Instant.now(), io.github.embeddable4j.core.event.ReceivedWidgetEvent.Channel.HTTP, page));
    }

    @Test
    void loginsAndLogoutsCountTheSmallerOfTheTwo() {
        for (int i = 0; i < 6; i++) {
            send(login(true, true));
            if (i < 5) {
                send(login(false, null));
            }
        }
        assertThat(tracker.progress().item(LOGINS_AND_LOGOUTS)).extracting(GraduationProgress.Item::count,
                GraduationProgress.Item::status).containsExactly(5, Status.IN_PROGRESS);
        send(login(false, null));
        assertThat(tracker.progress().item(LOGINS_AND_LOGOUTS).status()).isEqualTo(Status.DONE);
    }

    @Test
    void messagesCountOncePerIdAndOnlyInTheirDirection() {
        send(messageUpdated("101", "SMS", "Outbound", "Read"));
        send(messageUpdated("101", "SMS", "Outbound", "Read")); // the same message updated again (delivered)
        send(messageUpdated("102", "SMS", "Inbound", "Unread")); // received, not sent, not read
        send(message("rc-inbound-message-notify", "103", "SMS", "Inbound", "Unread"));
        send(messageUpdated("104", "Pager", "Outbound", "Read"));
        send(messageUpdated("105", "VoiceMail", "Outbound", "Read"));
        assertThat(count(SMS_SENT)).isEqualTo(1);
        assertThat(count(INTERNAL_MESSAGES_SENT)).isEqualTo(1);
        assertThat(count(INBOUND_MESSAGES_READ)).isZero();
        send(messageUpdated("102", "SMS", "Inbound", "Read")); // now it was read
        send(messageUpdated("102", "SMS", "Inbound", "Read"));
        send(messageUpdated("106", "Pager", "Inbound", "Read"));
        assertThat(count(INBOUND_MESSAGES_READ)).isEqualTo(2);
        assertThat(count(SMS_SENT)).isEqualTo(1);
        assertThat(count(INTERNAL_MESSAGES_SENT)).isEqualTo(1);
    }

    @Test
    void browserCallsCountOncePerCallAndDirection() {
        send(call("rc-call-init-notify", "w1", "Outbound"));
        send(call("rc-call-start-notify", "w1", "Outbound"));
        send(call("rc-call-end-notify", "w1", "Outbound"));
        send(call("rc-call-ring-notify", "w2", "Inbound"));
        send(call("rc-call-start-notify", "w2", "Inbound")); // answered: still one inbound call, and not outbound
        send(call("rc-call-hold-notify", "w3", "Outbound")); // no init or start seen: not counted
        assertThat(count(OUTBOUND_BROWSER_CALLS)).isEqualTo(1);
        assertThat(count(INBOUND_BROWSER_CALLS)).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            send(call("rc-call-start-notify", "out" + i, "Outbound"));
            send(call("rc-call-ring-notify", "in" + i, "Inbound"));
        }
        assertThat(tracker.progress().item(OUTBOUND_BROWSER_CALLS).done()).isTrue();
        assertThat(tracker.progress().item(INBOUND_BROWSER_CALLS).done()).isTrue();
    }

    @Test
    void ringOutCallsCountPerSessionAndTheirControlIsNeverGuessed() {
        for (int call = 0; call < 5; call++) {
            for (String status : new String[] {"Ringing", "CallConnected", "Hold", "CallConnected", "NoCall"}) {
                send(ringOut("s" + call, status));
            }
        }
        GraduationProgress progress = tracker.progress();
        assertThat(progress.item(RINGOUT_CALLS)).extracting(GraduationProgress.Item::count,
                GraduationProgress.Item::status).containsExactly(5, Status.DONE);
        assertThat(progress.item(RINGOUT_CALL_CONTROLS)).extracting(GraduationProgress.Item::count,
                GraduationProgress.Item::status).containsExactly(0, Status.CHECK_BY_HAND);
    }

    /**
     * In RingOut mode the widget posts every presence leg (its Adapter's _pushActiveCalls walks presence.activeCalls,
     * not the merged calls): one RingOut call is an Inbound leg, the call back to the user's phone, and an Outbound
     * one, and a customer's call to the user's desk phone is posted too. Each leg counted: one call was two RingOuts,
     * and an inbound call one (a review, from the widget's source).
     */
    @Test
    void aRingOutCallCountsOnceByItsOutboundLegAndAnInboundCallNotAtAll() {
        String me = "+16505550100";
        String callee = "+14155550123";
        for (String status : new String[] {"Ringing", "CallConnected"}) {
            send(ringOutLeg("Inbound", "1000001004", callee, me, status)); // the call back to the user's phone
            send(ringOutLeg("Outbound", "1000000004", me, callee, status));
        }
        send(ringOutLeg("Inbound", "2000000004", "+14155550199", me, "Ringing")); // a customer calls the desk phone
        assertThat(tracker.progress().item(RINGOUT_CALLS).count()).isEqualTo(1);
    }

    private static String ringOutLeg(String direction, String sessionId, String from, String to, String status) {
        return "{\"type\":\"rc-ringout-call-notify\",\"call\":{\"direction\":\"" + direction + "\",\"queueCall\":false,"
                + "\"from\":{\"phoneNumber\":\"" + from + "\"},\"fromName\":\"\",\"to\":{\"phoneNumber\":\"" + to + "\"},"
                + "\"toName\":\"\",\"partyId\":\"p-" + sessionId + "\",\"startTime\":1764237600000,\"sessionId\":\""
                + sessionId + "\",\"telephonyStatus\":\"" + status + "\",\"telephonySessionId\":\"s-" + sessionId + "\","
                + "\"terminationType\":\"intermediate\",\"offset\":0}}";
    }

    @Test
    void checkByHandCriteriaCountNothingAndReadinessLeavesThemToTheDeveloper() {
        for (int i = 0; i < 10; i++) {
            tracker.onWidgetEvent(received(route("/contacts"), TAB)); // even if someone delivered it
            tracker.onWidgetEvent(received(route("/dialer"), TAB));
        }
        assertThat(store.records).hasValue(0);
        reachEveryCountedTarget();
        GraduationProgress progress = tracker.progress();
        assertThat(progress.item(CONTACTS_REFRESHES).status()).isEqualTo(Status.CHECK_BY_HAND);
        assertThat(progress.checkByHand()).containsExactly(CONTACTS_REFRESHES, RINGOUT_CALL_CONTROLS);
        assertThat(progress.readyForProduction()).isTrue();
        assertThat(progress.scope()).isEqualTo(new GraduationScope("sandboxApp1", AppServer.SANDBOX));
    }

    @Test
    void theDemoAppIsNeverReady() {
        GraduationTracker demo = new GraduationTracker(EmbeddableConfig.builder().build(), store);
        assertThat(demo.scope().demoApp()).isTrue();
        assertThat(demo.scope().appServer()).isEqualTo(AppServer.PRODUCTION);
        assertThat(GraduationProgress.of(demo.scope(), everyCounterAt(24)).readyForProduction()).isFalse();
        assertThat(GraduationProgress.of(tracker.scope(), everyCounterAt(24)).readyForProduction()).isTrue();
    }

    @Test
    void eventsWithoutASessionCannotShowTransitions() {
        for (String status : new String[] {"Available", "Busy", "Available"}) {
            send(presence("NoCall", status, "TakeAllCalls"), null);
        }
        send(login(true, true), null);
        send(login(false, null), null);
        send(messageUpdated("7", "SMS", "Outbound", "Read"), null);
        assertThat(store.counts(tracker.scope())).containsOnlyKeys(GraduationCounter.SMS_SENT);
    }

    @Test
    void sessionMemoryIsBounded() {
        GraduationTracker small = new GraduationTracker(tracker.scope(), store, 2);
        for (String session : new String[] {"s1", "s2", "s3"}) {
            small.onWidgetEvent(received(presence("NoCall", "Available", "TakeAllCalls"), session));
        }
        // s1 was forgotten: its next value is a first value again, not a change (a miss, never an invention)
        small.onWidgetEvent(received(presence("NoCall", "Busy", "TakeAllCalls"), "s1"));
        small.onWidgetEvent(received(presence("NoCall", "Busy", "TakeAllCalls"), "s3"));
        assertThat(store.keys(tracker.scope(), GraduationCounter.PRESENCE_CHANGES)).hasSize(1);
    }

    @Test
    void countersAreCappedAndAFullCounterIsNotWrittenAgain() {
        for (int i = 0; i < 24; i++) {
            send(messageUpdated("m" + i, "SMS", "Outbound", "Read"));
        }
        int writes = store.records.get();
        for (int i = 24; i < 40; i++) {
            send(messageUpdated("m" + i, "SMS", "Outbound", "Read"));
        }
        assertThat(store.records).hasValue(writes);
        assertThat(count(SMS_SENT)).isEqualTo(GraduationStore.KEY_LIMIT);
    }

    @Test
    void oddOrLongIdsAreStoredAsDistinctHashes() {
        send(messageUpdated("x".repeat(200), "SMS", "Outbound", "Read"));
        send(messageUpdated("x".repeat(199), "SMS", "Outbound", "Read"));
        send(messageUpdated("ünïcode", "SMS", "Outbound", "Read"));
        send(messageUpdated("1234567890", "SMS", "Outbound", "Read"));
        assertThat(store.keys(tracker.scope(), GraduationCounter.SMS_SENT)).hasSize(4)
                .allSatisfy(key -> assertThat(key).hasSizeLessThanOrEqualTo(GraduationStore.MAX_KEY_LENGTH))
                .contains("1234567890")
                .filteredOn(key -> key.startsWith("#")).hasSize(3);
    }

    @Test
    void countsOfAnotherClientIdOrServerAreSeparate() {
        GraduationTracker production = new GraduationTracker(
                EmbeddableConfig.builder().clientId("sandboxApp1").appServer(AppServer.PRODUCTION).build(), store);
        GraduationTracker other = new GraduationTracker(
                EmbeddableConfig.builder().clientId("otherApp").appServer(AppServer.SANDBOX).build(), store);
        send(messageUpdated("1", "SMS", "Outbound", "Read"));
        production.onWidgetEvent(received(messageUpdated("2", "SMS", "Outbound", "Read"), TAB));
        production.onWidgetEvent(received(messageUpdated("3", "SMS", "Outbound", "Read"), TAB));
        assertThat(count(SMS_SENT)).isEqualTo(1);
        assertThat(production.progress().item(SMS_SENT).count()).isEqualTo(2);
        assertThat(other.progress().item(SMS_SENT).count()).isZero();
    }

    @Test
    void aStoreFailurePropagatesAndTheKeyIsTriedAgainLater() {
        AtomicBoolean failing = new AtomicBoolean(true);
        GraduationTracker flaky = new GraduationTracker(tracker.scope(), new GraduationStore() {
            @Override
            public int record(GraduationScope scope, GraduationCounter counter, String key) {
                if (failing.getAndSet(false)) {
                    throw new GraduationStoreException("disk full");
                }
                return store.record(scope, counter, key);
            }

            @Override
            public java.util.Map<GraduationCounter, Integer> counts(GraduationScope scope) {
                return store.counts(scope);
            }
        }, 10);
        assertThatThrownBy(() -> flaky.onWidgetEvent(received(messageUpdated("9", "SMS", "Outbound", "Read"), TAB)))
                .isInstanceOf(GraduationStoreException.class);
        flaky.onWidgetEvent(received(messageUpdated("9", "SMS", "Outbound", "Read"), TAB));
        assertThat(flaky.progress().item(SMS_SENT).count()).isEqualTo(1);
    }

    @Test
    void subscribesToExactlyTheEventsItCounts() {
        assertThat(tracker.eventTypes()).containsExactlyInAnyOrder("rc-message-updated-notify", "rc-adapter-syncPresence",
                "rc-login-status-notify", "rc-call-init-notify", "rc-call-start-notify", "rc-call-ring-notify",
                "rc-ringout-call-notify");
        assertThat(WidgetEventTypes.HOST_EVENTS).containsAll(tracker.eventTypes());
    }

    @Test
    void countsWhatTheDispatcherDeliversAndNothingItFiltersOut() throws Exception {
        List<ReceivedWidgetEvent> events = new ArrayList<>();
        STARTUP.forEach(json -> events.add(received(json, TAB)));
        for (int i = 0; i < 6; i++) {
            events.add(received(messageUpdated("d" + i, "SMS", "Outbound", "Read"), TAB));
            events.add(received(route("/contacts"), TAB));
        }
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(tracker).build()) {
            assertThat(dispatcher.dispatch(events)).isEqualTo(events.size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (dispatcher.stats().delivered() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // the dispatcher hands the tracker only its types: 6 messages, the start-up presence and login status
            assertThat(dispatcher.stats().delivered()).isEqualTo(8);
            assertThat(dispatcher.stats().failed()).isZero();
        }
        assertThat(count(SMS_SENT)).isEqualTo(6);
        assertThat(tracker.progress().items()).filteredOn(item -> item.criterion() != SMS_SENT)
                .allSatisfy(item -> assertThat(item.count()).isZero());
    }

    private void reachEveryCountedTarget() {
        for (int i = 0; i < 6; i++) {
            send(messageUpdated("s" + i, "SMS", "Outbound", "Read"));
            send(messageUpdated("p" + i, "Pager", "Outbound", "Read"));
            send(messageUpdated("r" + i, "SMS", "Inbound", "Read"));
            send(presence("NoCall", i % 2 == 0 ? "Available" : "Busy", "TakeAllCalls"));
            send(login(true, true));
            send(login(false, null));
            send(call("rc-call-init-notify", "o" + i, "Outbound"));
            send(call("rc-call-ring-notify", "i" + i, "Inbound"));
            send(ringOut("r" + i, "CallConnected"));
        }
        send(presence("NoCall", "Busy", "DoNotAcceptAnyCalls"));
    }

    private static java.util.Map<GraduationCounter, Integer> everyCounterAt(int count) {
        java.util.Map<GraduationCounter, Integer> counts = new java.util.EnumMap<>(GraduationCounter.class);
        for (GraduationCounter counter : GraduationCounter.values()) {
            counts.put(counter, count);
        }
        return counts;
    }
}

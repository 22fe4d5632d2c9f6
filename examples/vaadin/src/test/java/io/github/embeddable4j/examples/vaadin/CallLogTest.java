package io.github.embeddable4j.examples.vaadin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.crm.CallLogMatchRequest;
import io.github.embeddable4j.core.crm.CallLogRequest;
import io.github.embeddable4j.core.crm.CallLogTrigger;
import io.github.embeddable4j.core.crm.CallRecord;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.CrmException;
import io.github.embeddable4j.core.crm.LogEntity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example's in-memory call log: what the widget's logger and matcher call-outs rely on. */
class CallLogTest {

    private final CallLog log = new CallLog(new CustomerContacts());

    @Test
    void autoLogUpdatesOneEntryPerCallKeepingItsIdAndNote() {
        log.log(request("s-1", "+16505550103", CallLogTrigger.CREATE_LOG, "First note", null), Caller.anonymous());
        log.log(request("s-1", "+16505550103", CallLogTrigger.PRESENCE_UPDATE, null, 42L), Caller.anonymous());
        assertThat(log.calls()).singleElement().satisfies(c -> {
            assertThat(c.logId()).isEqualTo("log-1");
            assertThat(c.note()).isEqualTo("First note");
            assertThat(c.durationSeconds()).isEqualTo(42L);
            assertThat(c.contactName()).isEqualTo("Alan Turing"); // found by number: the widget sent no contact
        });
    }

    @Test
    void theContactTheUserPickedWinsAndTheNewestCallComesFirst() {
        log.log(request("s-1", "+16505550101", CallLogTrigger.CREATE_LOG, null, null), Caller.anonymous());
        CallLogRequest picked = new CallLogRequest(record("s-2", "(650) 555-0102", null), CallLogTrigger.CREATE_LOG,
                Contact.of("other-1", "Someone Else"), false, null, Map.of(), null, null, "{}", Map.of());
        log.log(picked, Caller.anonymous());
        assertThat(log.calls()).extracting(CallLog.LoggedCall::contactName).containsExactly("Someone Else", "Ada Lovelace");
    }

    @Test
    void theMatcherAnswersEveryAskedSessionId() {
        log.log(request("s-1", "+16505550101", CallLogTrigger.CREATE_LOG, "Note", null), Caller.anonymous());
        Map<String, List<LogEntity>> match = log.match(new CallLogMatchRequest(List.of("s-1", "s-2"), List.of(), "{}", Map.of()),
                Caller.anonymous());
        assertThat(match).containsOnlyKeys("s-1", "s-2");
        assertThat(match.get("s-1")).containsExactly(LogEntity.of("log-1", "Note"));
        assertThat(match.get("s-2")).isEmpty();
    }

    @Test
    void aCallWithoutSessionIdIsRefusedWithAMessageForTheUser() {
        assertThatThrownBy(() -> log.log(request(null, "+16505550101", CallLogTrigger.CREATE_LOG, null, null), Caller.anonymous()))
                .isInstanceOf(CrmException.class).hasMessageContaining("session id");
    }

    @Test
    void onlyTheNewestCallsAreKept() {
        for (int i = 0; i < CallLog.CAPACITY + 10; i++) {
            log.log(request("s-" + i, "+16505550101", CallLogTrigger.CREATE_LOG, null, null), Caller.anonymous());
        }
        assertThat(log.calls()).hasSize(CallLog.CAPACITY);
        assertThat(log.calls().get(0).sessionId()).isEqualTo("s-" + (CallLog.CAPACITY + 9));
        assertThat(log.calls()).noneMatch(c -> c.sessionId().equals("s-9"));
    }

    /** Call-outs run on the service's worker threads at once: no entry and no id is lost or shared. */
    @Test
    void concurrentLogsLoseNothing() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            String id = "s-" + i;
            pool.execute(() -> log.log(request(id, "+16505550101", CallLogTrigger.CREATE_LOG, null, null), Caller.anonymous()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log.calls()).hasSize(400);
        assertThat(log.calls().stream().map(CallLog.LoggedCall::logId).distinct()).hasSize(400);
    }

    private static CallLogRequest request(String sessionId, String to, CallLogTrigger trigger, String note, Long duration) {
        return new CallLogRequest(record(sessionId, to, duration), trigger, null, false, note, Map.of(), null, null, "{}",
                Map.of());
    }

    private static CallRecord record(String sessionId, String to, Long duration) {
        return new CallRecord(sessionId, null, "Outbound", new CallRecord.Party("+16505550100", "101", null),
                new CallRecord.Party(to, null, null), null, duration, null, null, "{}", Map.of());
    }
}

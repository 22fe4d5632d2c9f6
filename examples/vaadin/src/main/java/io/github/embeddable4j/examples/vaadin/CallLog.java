package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.core.crm.CallLogMatchRequest;
import io.github.embeddable4j.core.crm.CallLogMatcher;
import io.github.embeddable4j.core.crm.CallLogRequest;
import io.github.embeddable4j.core.crm.CallLogger;
import io.github.embeddable4j.core.crm.CallRecord;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.CrmException;
import io.github.embeddable4j.core.crm.LogEntity;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The example CRM's call log, in memory: the widget's "Log" button (and auto-log, when the user turns it on) writes
 * here, and the widget asks here which calls are logged. One entry per call: auto-log logs the same call several
 * times (start, updates, end), each replacing the last. Thread-safe: the widget's call-outs run on the service's
 * worker threads while views read. Keeps the newest {@value #CAPACITY} calls.
 */
@Component
public class CallLog implements CallLogger, CallLogMatcher {

    static final int CAPACITY = 500;

    /** A logged call, as the "Call log" grid shows it (serializable, as the grid's rows go with the session). */
    public record LoggedCall(String logId, String sessionId, String direction, String number, String contactName,
            String note, String result, Long durationSeconds, Instant loggedAt) implements Serializable {
    }

    private final CustomerContacts customers;
    private final Map<String, LoggedCall> bySession = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoggedCall> eldest) {
            return size() > CAPACITY;
        }
    };
    private long nextId = 1;

    public CallLog(CustomerContacts customers) {
        this.customers = customers;
    }

    @Override
    public void log(CallLogRequest request, Caller caller) {
        CallRecord call = request.call();
        if (call.sessionId() == null || call.sessionId().isBlank()) {
            throw new CrmException("The call has no session id, so it cannot be logged.");
        }
        String number = call.otherParty().phoneNumber() != null ? call.otherParty().phoneNumber()
                : call.otherParty().extensionNumber();
        synchronized (bySession) {
            LoggedCall previous = bySession.get(call.sessionId());
            String logId = previous != null ? previous.logId() : "log-" + nextId++;
            String note = request.note() != null ? request.note() : previous != null ? previous.note() : null;
            bySession.put(call.sessionId(), new LoggedCall(logId, call.sessionId(), call.direction(), number,
                    contactName(request, number), note, call.result(), call.durationSeconds(), Instant.now()));
        }
    }

    /** The contact the user picked in the widget, else ours with that number, else the name RingCentral has. */
    private String contactName(CallLogRequest request, String number) {
        if (request.contact() != null && !request.contact().name().isBlank()) {
            return request.contact().name();
        }
        String known = number == null ? null : customers.byNumber(number).map(Contact::name).orElse(null);
        return known != null ? known : request.call().otherParty().name();
    }

    @Override
    public Map<String, List<LogEntity>> match(CallLogMatchRequest request, Caller caller) {
        Map<String, List<LogEntity>> logged = new LinkedHashMap<>();
        synchronized (bySession) {
            for (String sessionId : request.sessionIds()) {
                LoggedCall call = bySession.get(sessionId);
                logged.put(sessionId, call == null ? List.of() : List.of(LogEntity.of(call.logId(), call.note())));
            }
        }
        return logged;
    }

    /** The logged calls, newest first. */
    public List<LoggedCall> calls() {
        List<LoggedCall> calls;
        synchronized (bySession) {
            calls = new ArrayList<>(bySession.values());
        }
        Collections.reverse(calls);
        return calls;
    }
}

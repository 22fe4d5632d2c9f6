package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.crm.CallLogRequest;
import io.github.embeddable4j.core.crm.CallRecord;
import io.github.embeddable4j.core.crm.CrmException;
import io.github.embeddable4j.core.crm.LogEntity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calls logged from the widget, one row per user and call session. Logging the same call again (auto-log sends start,
 * updates and end) updates the row and keeps a note written earlier when the new request has none.
 */
@Repository
public class CallLogRepository {

    private static final String SELECT = "SELECT l.id, l.logged_by, l.session_id, l.contact_id, c.name AS contact_name,"
            + " l.direction, l.other_number, l.other_name, l.started_at, l.duration_seconds, l.call_result, l.note,"
            + " l.logged_at FROM call_log l LEFT JOIN contact c ON c.id = l.contact_id";
    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;
    private final ContactRepository contacts;

    public CallLogRepository(JdbcClient jdbc, ContactRepository contacts) {
        this.jdbc = jdbc;
        this.contacts = contacts;
    }

    /** A logged call, as the pages show it. */
    public record LoggedCall(long id, String loggedBy, String sessionId, Long contactId, String contactName,
            String direction, String otherNumber, String otherName, Instant startedAt, Long durationSeconds,
            String result, String note, Instant loggedAt) {
    }

    /**
     * Logs the call for this user (or updates its log); returns the log's id. The contact is the one the user picked
     * in the widget when it is one of ours, else the first contact with the other party's number.
     */
    public long log(String user, CallLogRequest request) {
        CallRecord call = request.call();
        if (call.sessionId() == null || call.sessionId().isBlank() || call.sessionId().length() > 128) {
            throw new CrmException("The call has no usable session id, so it cannot be logged.");
        }
        CallRecord.Party other = call.otherParty();
        String number = other.phoneNumber() != null ? other.phoneNumber() : other.extensionNumber();
        Long contactId = pickedContact(request).or(() -> number == null ? Optional.empty() : contacts.firstWithNumber(number))
                .orElse(null);
        Object[] values = {contactId, cut(call.direction(), 16), cut(number, 64),
            number == null ? null : cut(ContactRepository.NUMBERS.matchKey(number), 64), cut(other.name(), 200),
            ContactRepository.at(call.startTime() == null ? null : Instant.ofEpochMilli(call.startTime())),
            call.durationSeconds(), cut(call.result(), 64), cut(request.note(), 2000),
            request.trigger().wireValue().isEmpty() ? null : request.trigger().wireValue(),
            ContactRepository.at(Instant.now()), user, call.sessionId()};
        // Update first, insert when there is nothing to update; two requests for a new call racing each other meet
        // at the unique key, and the loser updates. Each statement commits on its own, which keeps that retry valid
        // on PostgreSQL (a failed statement would abort an enclosing transaction).
        if (update(values) == 0) {
            try {
                jdbc.sql("INSERT INTO call_log (contact_id, direction, other_number, other_match_key, other_name,"
                        + " started_at, duration_seconds, call_result, note, log_trigger, logged_at, logged_by, session_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
            } catch (DuplicateKeyException raced) {
                update(values);
            }
        }
        return jdbc.sql("SELECT id FROM call_log WHERE logged_by = ? AND session_id = ?").params(user, call.sessionId())
                .query(Long.class).single();
    }

    private int update(Object[] values) {
        return jdbc.sql("UPDATE call_log SET contact_id = COALESCE(?, contact_id), direction = ?, other_number = ?,"
                + " other_match_key = ?, other_name = ?, started_at = ?, duration_seconds = ?, call_result = ?,"
                + " note = COALESCE(?, note), log_trigger = ?, logged_at = ? WHERE logged_by = ? AND session_id = ?")
                .params(values).update();
    }

    private Optional<Long> pickedContact(CallLogRequest request) {
        if (request.contact() == null) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(request.contact().id());
            return contacts.find(id).map(c -> id);
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /** This user's logs of these calls, keyed by session id; calls without a log are left out. */
    public Map<String, List<LogEntity>> logsOf(String user, Collection<String> sessionIds) {
        Map<String, List<LogEntity>> logs = new LinkedHashMap<>();
        List<String> ids = List.copyOf(sessionIds);
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            jdbc.sql("SELECT id, session_id, note FROM call_log WHERE logged_by = :user AND session_id IN (:ids)")
                    .param("user", user).param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .query(rs -> {
                        logs.computeIfAbsent(rs.getString("session_id"), k -> new ArrayList<>())
                                .add(LogEntity.of("call-" + rs.getLong("id"), rs.getString("note")));
                    });
        }
        return logs;
    }

    /** The latest logs of everyone, newest first. */
    public List<LoggedCall> latest(int limit) {
        return jdbc.sql(SELECT + " ORDER BY l.logged_at DESC, l.id DESC LIMIT ?").param(limit)
                .query(CallLogRepository::row).list();
    }

    /** The calls of a contact: logged for it, or with one of its numbers as the other party; newest first. */
    public List<LoggedCall> ofContact(long contactId, int limit) {
        List<String> keys = contacts.matchKeysOf(contactId);
        String where = keys.isEmpty() ? " WHERE l.contact_id = :id" : " WHERE l.contact_id = :id OR l.other_match_key IN (:keys)";
        JdbcClient.StatementSpec statement = jdbc.sql(SELECT + where
                + " ORDER BY COALESCE(l.started_at, l.logged_at) DESC, l.id DESC LIMIT :limit")
                .param("id", contactId).param("limit", limit);
        if (!keys.isEmpty()) {
            statement = statement.param("keys", keys);
        }
        return statement.query(CallLogRepository::row).list();
    }

    private static LoggedCall row(ResultSet rs, int n) throws SQLException {
        long contactId = rs.getLong("contact_id");
        Long contact = rs.wasNull() ? null : contactId;
        long duration = rs.getLong("duration_seconds");
        Long seconds = rs.wasNull() ? null : duration;
        return new LoggedCall(rs.getLong("id"), rs.getString("logged_by"), rs.getString("session_id"), contact,
                rs.getString("contact_name"), rs.getString("direction"), rs.getString("other_number"),
                rs.getString("other_name"), ContactRepository.instant(rs, "started_at"), seconds,
                rs.getString("call_result"), rs.getString("note"), ContactRepository.instant(rs, "logged_at"));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An item in the activity list the widget shows on a contact's page (meetings, tasks, past calls in your CRM).
 *
 * <pre>{@code new Activity("t-7", "Renewal call", Instant.parse("2026-11-27T10:00:00Z"), Map.of())}</pre>
 *
 * @param id      your id of the activity
 * @param subject the line shown
 * @param time    when it happened, or null
 * @param extra   other fields to send along, or that the widget sent back (JSON values only)
 */
public record Activity(String id, String subject, @Nullable Instant time, Map<String, @Nullable Object> extra) {

    private static final Set<String> FIELDS = Set.of("id", "subject", "time");

    public Activity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        extra = CrmJson.freeze(extra, "extra");
    }

    /** An activity by your id, with its subject and when it happened (or null). */
    public static Activity of(String id, String subject, @Nullable Instant time) {
        return new Activity(id, subject, time, Map.of());
    }

    /** {@code {id, subject, time}} with the time in epoch milliseconds, as the widget expects. */
    ObjectNode toTree() {
        ObjectNode o = CrmJson.NODES.objectNode().put("id", id).put("subject", subject);
        if (time != null) {
            o.put("time", time.toEpochMilli());
        }
        CrmJson.putExtra(o, extra);
        return o;
    }

    static Activity fromTree(JsonNode a) {
        String id = CrmJson.text(a, "id");
        String subject = CrmJson.text(a, "subject");
        Long time = CrmJson.number(a, "time");
        return new Activity(id == null ? "" : id, subject == null ? "" : subject,
                time == null ? null : Instant.ofEpochMilli(time), CrmJson.extra(a, FIELDS));
    }
}

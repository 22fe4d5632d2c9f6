package io.github.embeddable4j.core.crm;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A log your CRM holds for a call or a conversation, as a match answer: its id, and for calls the note the widget
 * shows.
 *
 * <pre>{@code LogEntity.of("crm-log-88", "Discussed renewal")}</pre>
 *
 * @param id    your id of the log
 * @param note  its note, or null
 * @param extra other fields to send along (JSON values only)
 */
public record LogEntity(String id, @Nullable String note, Map<String, @Nullable Object> extra) {

    public LogEntity {
        Objects.requireNonNull(id, "id");
        extra = CrmJson.freeze(extra, "extra");
    }

    /** A log by your id, without a note. */
    public static LogEntity of(String id) {
        return new LogEntity(id, null, Map.of());
    }

    /** A log by your id, with the note the widget shows for a call. */
    public static LogEntity of(String id, @Nullable String note) {
        return new LogEntity(id, note, Map.of());
    }
}

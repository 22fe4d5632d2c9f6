package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The widget asks which calls are logged (body {@code {sessionIds, activeSessionIds}}).
 *
 * @param sessionIds       the calls' session ids
 * @param activeSessionIds those still in progress
 * @param json             the body as received
 * @param extra            body fields not modelled here
 */
public record CallLogMatchRequest(List<String> sessionIds, List<String> activeSessionIds, String json,
        Map<String, @Nullable Object> extra) {

    public CallLogMatchRequest {
        sessionIds = List.copyOf(Objects.requireNonNull(sessionIds, "sessionIds"));
        activeSessionIds = activeSessionIds == null ? List.of() : List.copyOf(activeSessionIds);
        extra = extra == null ? Map.of() : extra;
    }
}

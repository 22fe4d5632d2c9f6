package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The widget asks which conversations are logged (body {@code {conversationLogIds}}).
 *
 * @param conversationLogIds the conversation log ids ({@code <conversationId>/<m/d/yyyy>})
 * @param json               the body as received
 * @param extra              body fields not modelled here
 */
public record MessageLogMatchRequest(List<String> conversationLogIds, String json, Map<String, @Nullable Object> extra) {

    public MessageLogMatchRequest {
        conversationLogIds = List.copyOf(Objects.requireNonNull(conversationLogIds, "conversationLogIds"));
        extra = extra == null ? Map.of() : extra;
    }
}

package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddable4j.core.message.WidgetMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Messages to log: one conversation on one day, as the widget groups them. Voicemail and fax attachments, transcripts
 * and typing times are in each message's JSON (see {@code json}).
 *
 * @param conversationId    the conversation (this and the next two are null only if the widget left them out)
 * @param conversationLogId the key of message-log matching ({@code <conversationId>/<m/d/yyyy>})
 * @param type              {@code SMS}, {@code Pager}, {@code VoiceMail} or {@code Fax}
 * @param date              the day, as the widget writes it, or null
 * @param messages          the messages
 * @param correspondents    the other parties' numbers
 * @param json              the conversation object as received
 * @param extra             conversation fields not modelled here
 */
public record Conversation(@Nullable String conversationId, @Nullable String conversationLogId,
        @Nullable String type, @Nullable String date, List<WidgetMessage> messages, List<String> correspondents,
        String json, Map<String, @Nullable Object> extra) {

    private static final Set<String> FIELDS = Set.of("conversationId", "conversationLogId", "type", "date", "messages",
            "correspondents");

    public Conversation {
        messages = messages == null ? List.of() : List.copyOf(messages);
        correspondents = correspondents == null ? List.of() : List.copyOf(correspondents);
        extra = extra == null ? Map.of() : extra;
    }

    static Conversation fromTree(JsonNode c) {
        List<WidgetMessage> messages = new ArrayList<>();
        for (JsonNode m : c.path("messages")) {
            if (m.isObject()) {
                List<String> to = new ArrayList<>();
                JsonNode recipients = m.path("to");
                if (recipients.isArray()) {
                    recipients.forEach(r -> add(to, party(r)));
                } else {
                    add(to, party(recipients));
                }
                messages.add(new WidgetMessage(CrmJson.text(m, "id"), CrmJson.text(m, "conversationId"),
                        CrmJson.text(m, "type"), CrmJson.text(m, "direction"), party(m.path("from")), to,
                        CrmJson.text(m, "subject"), CrmJson.text(m, "readStatus"), CrmJson.text(m, "creationTime"),
                        CrmJson.text(m, "messageStatus")));
            }
        }
        List<String> correspondents = new ArrayList<>();
        c.path("correspondents").forEach(p -> add(correspondents, party(p)));
        return new Conversation(CrmJson.text(c, "conversationId"), CrmJson.text(c, "conversationLogId"),
                CrmJson.text(c, "type"), CrmJson.text(c, "date"), messages, correspondents, CrmJson.write(c),
                CrmJson.extra(c, FIELDS));
    }

    private static void add(List<String> list, @Nullable String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static @Nullable String party(JsonNode p) {
        if (p.isTextual()) {
            return p.asText();
        }
        String number = CrmJson.text(p, "phoneNumber");
        return number != null ? number : CrmJson.text(p, "extensionNumber");
    }
}

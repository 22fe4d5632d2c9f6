package io.github.embeddable4j.core.message;

import java.util.List;

/**
 * A message-store record as the widget reports it (SMS, pager, voicemail, fax).
 *
 * @param id             the message id
 * @param conversationId the conversation it belongs to
 * @param messageType    {@code SMS}, {@code Pager}, {@code VoiceMail} or {@code Fax}
 * @param direction      {@code Inbound} or {@code Outbound}
 * @param from           the sender's number ({@code from.phoneNumber}, or {@code from.extensionNumber})
 * @param to             the recipients' numbers
 * @param subject        the text (for SMS) or subject
 * @param readStatus     {@code Read} or {@code Unread}
 * @param creationTime   ISO-8601 time, as sent
 */
public record WidgetMessage(String id, String conversationId, String messageType, String direction, String from,
        List<String> to, String subject, String readStatus, String creationTime) {

    public WidgetMessage {
        to = to == null ? List.of() : List.copyOf(to);
    }
}

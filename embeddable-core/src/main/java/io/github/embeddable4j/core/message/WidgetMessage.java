package io.github.embeddable4j.core.message;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message-store record as the widget reports it (SMS, pager, voicemail, fax). It comes from the user's browser,
 * parsed leniently: a field the widget left out is null.
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
 * @param messageStatus  such as {@code Queued}, {@code Sent}, {@code Delivered}, {@code SendingFailed} or
 *                       {@code Received}, or null
 */
public record WidgetMessage(@Nullable String id, @Nullable String conversationId, @Nullable String messageType,
        @Nullable String direction, @Nullable String from, List<String> to, @Nullable String subject,
        @Nullable String readStatus, @Nullable String creationTime, @Nullable String messageStatus) {

    public WidgetMessage {
        to = to == null ? List.of() : List.copyOf(to);
    }
}

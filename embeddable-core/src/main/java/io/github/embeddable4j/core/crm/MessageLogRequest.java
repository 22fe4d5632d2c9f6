package io.github.embeddable4j.core.crm;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The widget asks to log messages (body {@code {conversation, triggerType, formData?, redirect?}}).
 *
 * @param conversation the messages, one conversation on one day
 * @param trigger      why (button, log form or auto-log)
 * @param redirect     true when the user asked to be taken to the log in your application afterwards
 * @param formData     the fields of the widget's message-log form, else empty
 * @param json         the body as received
 * @param extra        body fields not modelled here
 */
public record MessageLogRequest(Conversation conversation, MessageLogTrigger trigger, boolean redirect,
        Map<String, @Nullable Object> formData, String json, Map<String, @Nullable Object> extra) {

    public MessageLogRequest {
        Objects.requireNonNull(conversation, "conversation");
        trigger = trigger == null ? MessageLogTrigger.OTHER : trigger;
        formData = formData == null ? Map.of() : formData;
        extra = extra == null ? Map.of() : extra;
    }
}

package io.github.embeddable4j.core.crm;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The widget asks to log a call (body {@code {call, triggerType, contact?, redirect?, note?, formData?, aiNote?,
 * transcript?}}).
 *
 * @param call        the call
 * @param trigger     why (button, log form or auto-log)
 * @param contact     the matched contact the user picked, or null
 * @param redirect    true when the user asked to be taken to the log in your application afterwards
 * @param note        the note typed in the widget's log modal, or null
 * @param formData    the fields of the widget's call-log form (trigger {@link CallLogTrigger#LOG_FORM}), else empty
 * @param aiNote      RingCentral's AI summary of the call, when the account has it, or null
 * @param transcript  the call's transcript as text, when the account has it, or null
 * @param json        the body as received
 * @param extra       body fields not modelled here
 */
public record CallLogRequest(CallRecord call, CallLogTrigger trigger, @Nullable Contact contact, boolean redirect,
        @Nullable String note, Map<String, @Nullable Object> formData, @Nullable String aiNote, @Nullable String transcript,
        String json, Map<String, @Nullable Object> extra) {

    public CallLogRequest {
        Objects.requireNonNull(call, "call");
        trigger = trigger == null ? CallLogTrigger.OTHER : trigger;
        formData = formData == null ? Map.of() : formData;
        extra = extra == null ? Map.of() : extra;
    }
}

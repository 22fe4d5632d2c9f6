package io.github.embeddable4j.core.crm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The widget asks before a call or an SMS whether the number may be contacted (body
 * {@code {phoneNumber, actionType:'call', contactId?, name?, ...}} or {@code {recipients:[...], actionType:'sms'}}).
 * A call has one recipient.
 *
 * @param action     call or SMS
 * @param recipients who would be contacted
 * @param json       the body as received
 * @param extra      body fields not modelled here
 */
public record DoNotContactRequest(Action action, List<Recipient> recipients, String json, Map<String, @Nullable Object> extra) {

    public DoNotContactRequest {
        Objects.requireNonNull(action, "action");
        recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
        extra = extra == null ? Map.of() : extra;
    }

    /** The recipients' numbers. */
    public List<String> phoneNumbers() {
        return recipients.stream().map(Recipient::phoneNumber).toList();
    }

    /** What the user is about to do. */
    public enum Action {
        CALL, SMS
    }

    /**
     * Someone about to be contacted; all but the number may be null (a number typed in, not picked from contacts).
     *
     * @param phoneNumber the number
     * @param contactId   the picked contact's id
     * @param name        its name
     * @param contactType the contact's source ({@code type}, such as your service name)
     * @param entityType  the widget's entity type
     * @param phoneType   the number's kind
     */
    public record Recipient(String phoneNumber, @Nullable String contactId, @Nullable String name,
            @Nullable String contactType, @Nullable String entityType, @Nullable String phoneType) {

        public Recipient {
            Objects.requireNonNull(phoneNumber, "phoneNumber");
        }
    }
}

package io.github.embeddable4j.core.crm;

import java.util.Objects;

/**
 * One phone number of a {@link Contact}, as the CRM stores it (the widget shows it as given; matching normalises it).
 *
 * <pre>{@code new ContactPhone("+1 (650) 555-0101", PhoneType.MOBILE)}</pre>
 *
 * @param phoneNumber the number, in any common format
 * @param phoneType   its kind: {@link PhoneType#UNKNOWN} when not known ({@link #of(String)}); a null from Java is read
 *                    as that, so the accessor never returns null
 */
public record ContactPhone(String phoneNumber, PhoneType phoneType) implements java.io.Serializable {

    public ContactPhone {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        phoneType = phoneType == null ? PhoneType.UNKNOWN : phoneType;
    }

    /** A number of unknown kind. */
    public static ContactPhone of(String phoneNumber) {
        return new ContactPhone(phoneNumber, PhoneType.UNKNOWN);
    }
}

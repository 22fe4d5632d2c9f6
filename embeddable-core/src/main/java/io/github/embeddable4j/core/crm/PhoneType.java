package io.github.embeddable4j.core.crm;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The kinds of phone number the widget shows for a contact. */
public enum PhoneType {
    BUSINESS, EXTENSION, HOME, MOBILE, PHONE, UNKNOWN, COMPANY, DIRECT, FAX, OTHER;

    /** The value on the wire, such as {@code mobile}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire value; anything unknown (or the widget's {@code mobilePhone} style) is mapped leniently. */
    public static PhoneType fromWire(@Nullable String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.endsWith("phone") && !v.equals("phone")) {
            v = v.substring(0, v.length() - "phone".length()); // the widget strips "Phone" the same way
        }
        for (PhoneType t : values()) {
            if (t.wireValue().equals(v)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}

package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.PhoneType;
import java.util.ArrayList;
import java.util.List;

/**
 * A CRM's contacts for the contact-match benchmarks: {@code count} contacts, one number each, in ten US area codes
 * (650 first) with the fictional 555 exchange, so the first 10,000 are {@code +1650555xxxx}. The stored numbers are
 * written four ways, as CRMs do, so that building the index normalises them.
 */
final class ContactData {

    static final int[] AREA_CODES = {650, 415, 408, 212, 312, 617, 206, 303, 512, 702};

    private ContactData() {
    }

    static List<Contact> contacts(int count) {
        if (count > AREA_CODES.length * 10_000) {
            throw new IllegalArgumentException("at most " + AREA_CODES.length * 10_000 + " contacts");
        }
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int area = AREA_CODES[i / 10_000];
            String line = String.format("%04d", i % 10_000);
            String number = switch (i % 4) {
                case 0 -> "+1 (" + area + ") 555-" + line;
                case 1 -> area + "-555-" + line;
                case 2 -> "+1" + area + "555" + line;
                default -> "(" + area + ") 555." + line;
            };
            contacts.add(Contact.of("c" + i, "Contact " + i, new ContactPhone(number, PhoneType.BUSINESS)).withCompany("Acme"));
        }
        return contacts;
    }

    /** The E.164 number of contact {@code i} of the 650 area code. */
    static String e164(int line) {
        return String.format("+1650555%04d", line);
    }
}

package io.github.embeddable4j.spring.app;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.PhoneType;
import java.util.List;
import java.util.Map;

/** The tests' CRM of one contact, Ada Lovelace at +1 650 555 0101: every search finds her, a match by number too. */
public final class AdaContacts implements ContactProvider {

    public static final Contact ADA = Contact.of("1", "Ada Lovelace", new ContactPhone("6505550101", PhoneType.MOBILE));
    private static final PhoneNumberIndex INDEX = PhoneNumberIndex.ofContacts(List.of(ADA));

    @Override
    public List<Contact> search(ContactSearchRequest request, Caller caller) {
        return List.of(ADA);
    }

    @Override
    public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
        return INDEX.match(request.phoneNumbers());
    }
}

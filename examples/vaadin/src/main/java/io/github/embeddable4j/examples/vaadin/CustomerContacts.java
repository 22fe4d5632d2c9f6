package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactDirectory;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactPage;
import io.github.embeddable4j.core.crm.ContactPageRequest;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.PhoneType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The customers of the contacts grid as the widget's contacts: found by the dialer's search, shown as the caller's
 * name (contact match, by number in any format), and listed on the widget's Contacts tab. A real CRM would scope
 * them to {@code caller.userName()}; this example has no users, so everyone sees the same three.
 */
@Component
public class CustomerContacts implements ContactProvider, ContactDirectory {

    private final List<Contact> contacts = Customer.ALL.stream().map(CustomerContacts::toContact).toList();
    /** Every number normalised once: "(650) 555-0102", "6505550102" and "+16505550102" find the same contact. */
    private final PhoneNumberIndex<Contact> byNumber = PhoneNumberIndex.ofContacts(contacts);

    private static Contact toContact(Customer customer) {
        return Contact.of(customer.id(), customer.name(), new ContactPhone(customer.phone(), PhoneType.BUSINESS))
                .withCompany(customer.company());
    }

    /** Name contains the text (any case), or the number contains its digits, as the widget filters results. */
    @Override
    public List<Contact> search(ContactSearchRequest request, Caller caller) {
        String text = request.searchString().toLowerCase(Locale.ROOT);
        String digits = text.replaceAll("\\D", "");
        return contacts.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).contains(text)
                || (!digits.isEmpty() && c.phoneNumbers().stream()
                        .anyMatch(p -> p.phoneNumber().replaceAll("\\D", "").contains(digits)))).toList();
    }

    /** Keyed by the numbers as the widget sent them, each with its (possibly empty) list. */
    @Override
    public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
        return byNumber.match(request.phoneNumbers());
    }

    /** The Contacts tab: all of them, every time (no sync token: the list is tiny and never changes). */
    @Override
    public ContactPage contacts(ContactPageRequest request, Caller caller) {
        return ContactPage.last(contacts);
    }

    /** The customer with this number (in any format), for the call log. */
    public Optional<Contact> byNumber(String number) {
        return byNumber.find(number).stream().findFirst();
    }
}

package io.github.embeddable4j.examples.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactPageRequest;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grid's customers as the widget's contacts. */
class CustomerContactsTest {

    private final CustomerContacts contacts = new CustomerContacts();

    @Test
    void searchMatchesNamesInAnyCaseAndNumbersByTheirDigits() {
        assertThat(search("LOVE")).containsExactly("Ada Lovelace");
        assertThat(search("(650) 555-0102")).containsExactly("Grace Hopper");
        assertThat(search("555-01")).containsExactly("Ada Lovelace", "Grace Hopper", "Alan Turing");
        assertThat(search("nobody")).isEmpty();
    }

    @Test
    void matchFindsNumbersInAnyFormatKeyedAsAsked() {
        Map<String, List<Contact>> match = contacts.match(new ContactMatchRequest(
                List.of("6505550103", "+1 650-555-0101", "101"), Map.of(), false, "{}", Map.of()), Caller.anonymous());
        assertThat(match).containsOnlyKeys("6505550103", "+1 650-555-0101", "101");
        assertThat(match.get("6505550103")).extracting(Contact::name).containsExactly("Alan Turing");
        assertThat(match.get("+1 650-555-0101")).extracting(Contact::name).containsExactly("Ada Lovelace");
        assertThat(match.get("101")).isEmpty();
    }

    @Test
    void theDirectoryListsEveryCustomerOnOnePage() {
        var page = contacts.contacts(new ContactPageRequest("1", null, false, "{}", Map.of()), Caller.anonymous());
        assertThat(page.contacts()).extracting(Contact::id).containsExactly("c-1", "c-2", "c-3");
        assertThat(page.nextPage()).isNull();
        assertThat(page.contacts().get(1).company()).isEqualTo("COBOL Works");
    }

    private List<String> search(String text) {
        return contacts.search(new ContactSearchRequest(text, "{}", Map.of()), Caller.anonymous()).stream()
                .map(Contact::name).toList();
    }
}

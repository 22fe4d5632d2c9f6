package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers with an extension (found by a review): RingCentral's {@code *123} is an extension, and a lookup with an
 * extension finds what was stored with it; without one, everything on the number, as before.
 */
class ExtensionMatchTest {

    private final Contact reception = Contact.of("r", "Acme reception", ContactPhone.of("+1 650 555 0100"));
    private final Contact ada = Contact.of("a", "Ada", new ContactPhone("+1 650 555 0100 ext. 123", PhoneType.EXTENSION));
    private final Contact bob = Contact.of("b", "Bob", new ContactPhone("+1 650 555 0100 ext. 456", PhoneType.EXTENSION));
    private final PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(List.of(reception, ada, bob));

    /** RingCentral writes an extension after '*': the same number as "ext. 123" must find the same contact. */
    @Test
    void aStarExtensionFindsTheContactStoredWithThatExtension() {
        assertThat(PhoneNumberNormalizer.us().matchKey("+1 (650) 555-0100 *123"))
                .isEqualTo(PhoneNumberNormalizer.us().matchKey("+1 650 555 0100 ext. 123"));
        assertThat(index.find("+1 (650) 555-0100 *123")).containsExactly(ada);
    }

    /** An extension is part of who is reached: Ada's extension must not find Bob or the reception desk. */
    @Test
    void anExtensionFindsOnlyItsOwnContact() {
        assertThat(index.find("+1 650 555 0100 ext. 123")).containsExactly(ada);
        assertThat(index.find("+16505550100;ext=456")).containsExactly(bob);
    }

    /** The main line finds everyone on it, and an extension nobody has falls back to the number, as before. */
    @Test
    void withoutAKnownExtensionTheNumberFindsEveryoneOnIt() {
        assertThat(index.find("+1 650 555 0100")).containsExactly(reception, ada, bob);
        assertThat(index.find("+1 650 555 0100 x999")).containsExactly(reception, ada, bob);
        assertThat(index.numberCount()).as("distinct numbers, extensions aside").isEqualTo(1);
    }
}

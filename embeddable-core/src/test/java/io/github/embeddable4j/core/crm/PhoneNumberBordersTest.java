package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The borders of matching numbers that mutation testing found untested. */
class PhoneNumberBordersTest {

    /** A contact marked deleted (an incremental page's) is not found, even when it still carries its numbers. */
    @Test
    void aDeletedContactIsNotIndexedEvenWithItsNumbers() {
        Contact kept = Contact.of("1", "Ada", ContactPhone.of("+16505550101"));
        Contact gone = new Contact("2", "Bob", List.of(ContactPhone.of("+16505550101")), null, null, List.of(), null, true,
                Map.of());
        assertThat(PhoneNumberIndex.ofContacts(List.of(kept, gone)).find("(650) 555-0101")).containsExactly(kept);
    }

    /** With extensions indexed, a text that is no number, or a short one, is still looked up as before. */
    @Test
    void withExtensionsIndexedAnythingElseIsLookedUpOnItsDigits() {
        Contact ada = Contact.of("a", "Ada", new ContactPhone("+1 650 555 0100 ext. 123", PhoneType.EXTENSION));
        Contact desk = Contact.of("d", "Desk", new ContactPhone("109", PhoneType.EXTENSION));
        PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(List.of(ada, desk));
        assertThat(index.find("call me")).isEmpty();
        assertThat(index.find(null)).isEmpty();
        assertThat(index.find("ext 109")).containsExactly(desk);
        assertThat(index.find("+1 650 555 0100")).containsExactly(ada);
    }

    /** A short number's key is all its digits, 0 and 9 included. */
    @Test
    void aShortNumbersKeyIsAllItsDigits() {
        assertThat(PhoneNumberNormalizer.us().matchKey("ext. 9-0-1")).isEqualTo("901");
        assertThat(PhoneNumberNormalizer.us().matchKey("no digits")).isNull();
        assertThat(PhoneNumberNormalizer.us().extensionKey("+1 650 555 0100")).as("no extension").isNull();
        assertThat(PhoneNumberNormalizer.us().extensionKey("+1 650 555 0100 *90")).isEqualTo("+16505550100;ext=90");
    }

    @Test
    void noNumberIsEmptyAndTheNormalizerSaysItsRegion() {
        assertThatThrownBy(() -> PhoneNumberNormalizer.us().requireE164(null)).hasMessage("The phone number is empty");
        assertThat(PhoneNumberNormalizer.forRegion("gb")).hasToString("PhoneNumberNormalizer[GB]");
    }
}

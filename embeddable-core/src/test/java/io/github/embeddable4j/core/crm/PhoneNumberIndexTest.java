package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Correctness of the index, including at 100,000 contacts (its speed is for a JMH benchmark, not for a test). */
class PhoneNumberIndexTest {

    @Test
    void findsAContactByAnyFormatOfItsNumber() {
        Contact ada = Contact.of("1", "Ada", new ContactPhone("+1 (650) 555-0101", PhoneType.MOBILE),
                new ContactPhone("555-0199", PhoneType.HOME));
        Contact bob = Contact.of("2", "Bob", ContactPhone.of("650-555-0102"));
        Contact gone = Contact.deleted("3");
        PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(List.of(ada, bob, gone));

        assertThat(index.find("+16505550101")).containsExactly(ada);
        assertThat(index.find("6505550101")).containsExactly(ada);
        assertThat(index.find("(650) 555-0101")).containsExactly(ada);
        assertThat(index.find("5550199")).containsExactly(ada); // local number: matched on digits
        assertThat(index.find("+16505550102")).containsExactly(bob);
        assertThat(index.find("+16505550103")).isEmpty();
        assertThat(index.find("nonsense")).isEmpty();
        assertThat(index.numberCount()).isEqualTo(3);

        Map<String, List<Contact>> match = index.match(List.of("+16505550101", "+16505550199", "6505550102"));
        assertThat(match).containsOnlyKeys("+16505550101", "+16505550199", "6505550102");
        assertThat(match.get("+16505550101")).containsExactly(ada);
        assertThat(match.get("+16505550199")).isEmpty();
        assertThat(match.get("6505550102")).containsExactly(bob);
    }

    @Test
    void sharedNumbersListEveryOwnerOnceInOrder() {
        Contact a = Contact.of("a", "Front desk", ContactPhone.of("+16505550100"));
        Contact b = Contact.of("b", "Reception", ContactPhone.of("650 555 0100"), ContactPhone.of("+1 650 555 0100"));
        PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(List.of(a, b));
        assertThat(index.find("6505550100")).containsExactly(a, b);
        assertThat(index.entryCount()).isEqualTo(2);
    }

    @Test
    void indexesAnyTypeWithItsOwnRegion() {
        record Customer(String id, List<String> phones) {
        }
        Customer c = new Customer("c1", List.of("030 901820", "+49 170 1234567"));
        PhoneNumberIndex<Customer> index = PhoneNumberIndex.of(List.of(c), Customer::phones, PhoneNumberNormalizer.forRegion("DE"));
        assertThat(index.find("+4930901820")).containsExactly(c);
        assertThat(index.find("01701234567")).containsExactly(c);
    }

    @Test
    void answersEveryNumberOfAHundredThousandContactsCorrectly() {
        int n = 100_000;
        Random random = new Random(42);
        List<Contact> contacts = new ArrayList<>(n);
        String[] formats = {"+1%s%s", "(%s) %s", "%s-%s", "1 %s %s"};
        for (int i = 0; i < n; i++) {
            String area = Integer.toString(201 + i % 700);          // 201..900: area codes libphonenumber accepts as possible
            String line = String.format("%07d", 2_000_000 + i);       // unique per contact
            String stored = String.format(formats[random.nextInt(formats.length)], area, line);
            contacts.add(Contact.of(Integer.toString(i), "Contact " + i, ContactPhone.of(stored)));
        }
        PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(contacts);
        assertThat(index.numberCount()).isEqualTo(n);
        assertThat(index.entryCount()).isEqualTo(n);

        for (int i = 0; i < n; i++) {
            String e164 = "+1" + (201 + i % 700) + String.format("%07d", 2_000_000 + i);
            List<Contact> found = index.find(e164);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).id()).isEqualTo(Integer.toString(i));
        }
        // numbers no contact has
        for (int i = 0; i < 1_000; i++) {
            assertThat(index.find("+1" + (201 + i % 700) + String.format("%07d", 1_000_000 + i))).isEmpty();
        }
        Map<String, List<Contact>> batch = index.match(List.of("+12012000000", "+19999999999"));
        assertThat(batch.get("+12012000000")).extracting(Contact::id).containsExactly("0");
        assertThat(batch.get("+19999999999")).isEmpty();
    }
}

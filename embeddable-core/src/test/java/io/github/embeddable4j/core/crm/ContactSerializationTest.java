package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactSerializationTest {

    /**
     * A view holding contacts goes with its session to a session store (a plain-Vaadin trial's {@code Grid<Contact>}
     * built from its CRM's contacts could not be written out): a contact, its numbers and its extra fields come back
     * equal.
     */
    @Test
    void aContactComesBackFromASessionStoreEqual() throws Exception {
        Contact ada = Contact.of("42", "Ada Lovelace", new ContactPhone("+16505550101", PhoneType.MOBILE)).withCompany("Acme")
                .withExtra(Map.of("tags", List.of("vip", 1), "owner", Map.of("id", "u1")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ada);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(ada);
        }
    }
}

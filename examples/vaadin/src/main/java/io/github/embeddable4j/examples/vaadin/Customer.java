package io.github.embeddable4j.examples.vaadin;

import java.io.Serializable;
import java.util.List;

/**
 * A customer of the example's CRM: a row of the contacts grid, and a contact of the widget (see {@link CustomerContacts}).
 * Serializable, as a grid's rows go with the Vaadin session when it is written.
 *
 * @param id    the CRM's id
 * @param phone the number as the CRM stores it (E.164 here; the widget may ask for it in another format)
 */
public record Customer(String id, String name, String company, String phone) implements Serializable {

    static final List<Customer> ALL = List.of(
            new Customer("c-1", "Ada Lovelace", "Analytical Engines Ltd", "+16505550101"),
            new Customer("c-2", "Grace Hopper", "COBOL Works", "+16505550102"),
            new Customer("c-3", "Alan Turing", "Bletchley Consulting", "+16505550103"));
}

package io.github.embeddable4j.examples.vaadin;

import java.util.List;

/** A row of the example's contacts grid. */
public record Contact(String name, String company, String phone) {

    static final List<Contact> ALL = List.of(
            new Contact("Ada Lovelace", "Analytical Engines Ltd", "+16505550101"),
            new Contact("Grace Hopper", "COBOL Works", "+16505550102"),
            new Contact("Alan Turing", "Bletchley Consulting", "+16505550103"));
}

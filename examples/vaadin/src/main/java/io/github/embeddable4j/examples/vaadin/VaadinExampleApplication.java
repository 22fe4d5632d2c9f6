package io.github.embeddable4j.examples.vaadin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Vaadin contacts grid with the RingCentral widget, its commands and its events. */
@SpringBootApplication
public class VaadinExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(VaadinExampleApplication.class, args);
    }
}

package io.github.embeddable4j.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC + Thymeleaf contacts list. The widget comes from the embeddable-spring starter, configured in
 * {@code application.properties}; no template mentions it.
 */
@SpringBootApplication
public class ContactsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContactsApplication.class, args);
    }
}

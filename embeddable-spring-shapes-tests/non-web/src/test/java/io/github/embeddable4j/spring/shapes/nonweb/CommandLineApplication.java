package io.github.embeddable4j.spring.shapes.nonweb;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A non-web application (a batch job, say, that writes HTML pages or e-mails) with the starter. */
@SpringBootApplication
public class CommandLineApplication {
}

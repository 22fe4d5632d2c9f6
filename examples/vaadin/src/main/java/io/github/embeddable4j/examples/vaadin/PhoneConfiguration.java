package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.spring.annotation.UIScope;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One floating phone per browser tab (UI), shared by the layout that shows it and the views that drive it. */
@Configuration
public class PhoneConfiguration {

    @Bean
    @UIScope
    RingCentralEmbeddable phone(Embeddable embeddable) {
        return new RingCentralEmbeddable(embeddable);
    }
}

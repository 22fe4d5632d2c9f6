package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.spring.annotation.UIScope;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One floating phone per browser tab (UI), shared by the layout that shows it and the views that drive it. */
@Configuration
public class PhoneConfiguration {

    /**
     * The phone takes the starter's published beans by itself: it answers the widget's CRM call-outs with
     * {@link CrmConfiguration#crm} (through Vaadin's own connection: no HTTP endpoint), and hands its events to the
     * starter's dispatcher, whose listeners (the graduation tracker in sandbox, any {@code WidgetEventListener} bean,
     * {@code @EventListener}s) serve every adapter alike.
     */
    @Bean
    @UIScope
    RingCentralEmbeddable phone(Embeddable embeddable) {
        return new RingCentralEmbeddable(embeddable);
    }
}

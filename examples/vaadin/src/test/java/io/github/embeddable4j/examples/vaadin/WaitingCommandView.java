package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.Hosting;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import java.net.URI;
import java.time.Duration;

/** Test-only view: an inline widget that never loads (nothing listens on port 9), so a command waits until it expires. */
@Route("test/waiting")
public class WaitingCommandView extends VerticalLayout {

    public WaitingCommandView() {
        Embeddable nowhere = Embeddable.of(EmbeddableConfig.builder()
                .hosting(Hosting.selfHosted(URI.create("http://127.0.0.1:9/"))).build());
        RingCentralEmbeddable phone = new RingCentralEmbeddable(nowhere, RingCentralEmbeddable.Mode.INLINE);
        phone.setCommandTimeout(Duration.ofSeconds(2));
        Span dropped = new Span();
        dropped.setId("dropped");
        phone.addCommandDroppedListener(e -> dropped.setText(e.getCommand().type() + " " + e.getReason()));
        Button call = new Button("Call", e -> phone.call("+16505550100"));
        call.setId("call");
        add(phone, call, dropped);
    }
}

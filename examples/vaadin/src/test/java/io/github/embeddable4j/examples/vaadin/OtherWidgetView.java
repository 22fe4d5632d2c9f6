package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * Test-only view: the floating phone of the application's widget, swapped for one of another widget (another client
 * ID, as a support view's own configuration would be) in one round trip, or added after the first was removed.
 */
@Route("test/other-widget")
public class OtherWidgetView extends VerticalLayout {

    static final String OTHER_CLIENT_ID = "other-widget-client";

    public OtherWidgetView(Embeddable embeddable) {
        RingCentralEmbeddable first = new RingCentralEmbeddable(embeddable);
        RingCentralEmbeddable other = new RingCentralEmbeddable(Embeddable.of(embeddable.config().toBuilder()
                .clientId(OTHER_CLIENT_ID).build()));
        Button swap = new Button("Swap", e -> {
            remove(first);
            add(other);
        });
        swap.setId("swap");
        Button remove = new Button("Remove", e -> remove(first, other));
        remove.setId("remove");
        Button addOther = new Button("Add other", e -> add(other));
        addOther.setId("add-other");
        add(swap, remove, addOther, first);
    }
}

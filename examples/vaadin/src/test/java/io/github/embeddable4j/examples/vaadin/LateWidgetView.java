package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** Test-only view: the floating widget is added and removed on clicks, after the page has loaded. */
@Route("test/late")
public class LateWidgetView extends VerticalLayout {

    public LateWidgetView(Embeddable embeddable) {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(embeddable);
        Button add = new Button("Add phone", e -> add(phone));
        add.setId("add-phone");
        Button remove = new Button("Remove phone", e -> remove(phone));
        remove.setId("remove-phone");
        add(add, remove);
    }
}

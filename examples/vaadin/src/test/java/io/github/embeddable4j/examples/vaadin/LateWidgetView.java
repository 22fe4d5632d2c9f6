package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** Test-only view: the floating widget is added on a click, after the page has loaded. */
@Route("test/late")
public class LateWidgetView extends VerticalLayout {

    public LateWidgetView(Embeddable embeddable) {
        Button add = new Button("Add phone", e -> add(new RingCentralEmbeddable(embeddable)));
        add.setId("add-phone");
        add(add);
    }
}

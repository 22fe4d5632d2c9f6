package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** Test-only view: an element whose id clobbers window.embeddable4j exists before the component is added. */
@Route("test/clobber")
public class ClobberView extends VerticalLayout {

    public ClobberView(Embeddable embeddable) {
        Div clobber = new Div();
        clobber.setId("embeddable4j");
        Button add = new Button("Add phone", e -> add(new RingCentralEmbeddable(embeddable)));
        add.setId("add-phone");
        add(clobber, add);
    }
}

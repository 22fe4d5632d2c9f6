package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** Test-only view: the floating phone in a layout the user hides and shows (a collapsed panel); what it hears is shown. */
@Route("test/hidden")
public class HiddenPhoneView extends VerticalLayout {

    public HiddenPhoneView(Embeddable embeddable) {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(embeddable);
        Div holder = new Div(phone);
        holder.setId("holder");
        Span heard = new Span();
        heard.setId("heard");
        phone.addLoginStatusListener(e -> heard.setText(heard.getText() + " login:" + e.isLoggedIn()));
        phone.addCallRingListener(e -> heard.setText(heard.getText() + " ring:" + e.getCall().from()));
        Button hide = new Button("Hide", e -> holder.setVisible(false));
        hide.setId("hide");
        Button show = new Button("Show", e -> holder.setVisible(true));
        show.setId("show");
        add(hide, show, heard, holder);
    }
}

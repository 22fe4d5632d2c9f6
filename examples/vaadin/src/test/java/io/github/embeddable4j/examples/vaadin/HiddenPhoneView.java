package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * Test-only view: the floating phone in a layout the user hides and shows (a collapsed panel), or, at
 * {@code test/hidden/dialog}, in a non-modal dialog of that layout (whose content the page shows in an overlay
 * elsewhere); what it hears is shown outside. "Slow hide" hides it in a round trip that takes a second.
 */
@Route("test/hidden")
public class HiddenPhoneView extends VerticalLayout implements HasUrlParameter<String> {

    private final RingCentralEmbeddable phone;
    private final Div holder = new Div();

    public HiddenPhoneView(Embeddable embeddable) {
        phone = new RingCentralEmbeddable(embeddable);
        holder.setId("holder");
        Span heard = new Span();
        heard.setId("heard");
        phone.addLoginStatusListener(e -> heard.setText(heard.getText() + " login:" + e.isLoggedIn()));
        phone.addCallRingListener(e -> heard.setText(heard.getText() + " ring:" + e.getCall().from()));
        Button hide = new Button("Hide", e -> holder.setVisible(false));
        hide.setId("hide");
        Button slowHide = new Button("Slow hide", e -> {
            try {
                Thread.sleep(1000); // a slow round trip: the widget speaks while its answer is on the way
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            holder.setVisible(false);
        });
        slowHide.setId("slow-hide");
        Button show = new Button("Show", e -> holder.setVisible(true));
        show.setId("show");
        // sign in once's handoff reaching the hidden phone (as the starter's flow hands it the user's): held until it shows
        Button handoff = new Button("Handoff", e -> phone.setLoginHandoff(io.github.embeddable4j.core.login.LoginHandoff.of(
                "c0debrowser", "v".repeat(43), embeddable.redirectUri(), "ext-browser")));
        handoff.setId("handoff");
        add(hide, slowHide, show, handoff, heard, holder);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String where) {
        if ("dialog".equals(where)) {
            Dialog dialog = new Dialog(phone);
            dialog.setModal(false);
            holder.add(dialog);
            dialog.open();
        } else {
            holder.add(phone);
        }
    }
}

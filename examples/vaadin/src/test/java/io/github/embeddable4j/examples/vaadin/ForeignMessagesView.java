package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * Test-only view: the inline widget next to two frames that forge widget messages, one on a foreign origin and
 * one on the widget's own origin (but not the widget's frame).
 */
@Route("test/foreign")
public class ForeignMessagesView extends VerticalLayout {

    public ForeignMessagesView(Embeddable embeddable) {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(embeddable, RingCentralEmbeddable.Mode.INLINE);
        phone.setId("phone");
        Div log = new Div();
        log.setId("event-log");
        phone.addWidgetMessageListener(e -> {
            Paragraph line = new Paragraph(e.getType() + " " + e.getJson());
            line.addClassName("event");
            log.add(line);
        });
        phone.addLoginStatusListener(e -> {
            Paragraph line = new Paragraph(e.isLoggedIn() ? "login: logged in as " + e.getLoginNumber() : "login: logged out");
            line.addClassName("event");
            log.add(line);
        });
        add(phone, new IFrame(VaadinBrowserSupport.FOREIGN.baseUrl() + "foreign.html"),
                new IFrame(VaadinBrowserSupport.WIDGET.baseUrl() + "foreign.html"), log);
    }
}

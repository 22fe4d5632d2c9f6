package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** A second view: the phone lives in {@link MainLayout}, so it stays on screen here too. */
@Route(value = "about", layout = MainLayout.class)
@PageTitle("About · embeddable4j Vaadin example")
public class AboutView extends VerticalLayout {

    public AboutView() {
        add(new H1("About"), new Paragraph("RingCentralEmbeddable is a Vaadin component: add it to a layout, call "
                + "call(), sms() and the other commands from Java, listen to its typed events. Its CRM call-outs"
                + " (contact search and match, call logging) are answered by the example's providers, and its events"
                + " feed the starter's listeners, such as the graduation tracker."));
    }
}

package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/** A second view with the widget too: the loader is still loaded only once in the page. */
@Route("about")
@PageTitle("About · embeddable4j Vaadin example")
public class AboutView extends VerticalLayout {

    public AboutView(Embeddable embeddable) {
        add(new H1("About"), new Paragraph("RingCentralEmbeddable is a Vaadin component: add it to a view, call "
                + "call(), sms() and the other commands from Java, listen to its typed events."),
                new RouterLink("Contacts", ContactsView.class), new RingCentralEmbeddable(embeddable));
    }
}

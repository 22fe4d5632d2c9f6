package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;

/**
 * The frame around every view. It holds the floating phone, so the phone (and a call in progress) stays when the user
 * moves between views: the floating widget is removed only when its last component leaves the page.
 */
public class MainLayout extends VerticalLayout implements RouterLayout {

    public MainLayout(RingCentralEmbeddable phone) {
        HorizontalLayout nav = new HorizontalLayout(new RouterLink("Contacts", ContactsView.class),
                new RouterLink("Graduation", GraduationView.class), new RouterLink("About", AboutView.class));
        nav.setId("nav");
        add(nav, new Div(phone));
    }
}

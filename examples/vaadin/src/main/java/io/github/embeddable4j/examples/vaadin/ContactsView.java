package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Contacts with Call and SMS buttons that drive the floating widget from Java, and a live log of what the widget
 * reports. No JavaScript is written here.
 */
@Route("")
@PageTitle("Contacts · embeddable4j Vaadin example")
public class ContactsView extends VerticalLayout {

    private final Div log = new Div();

    public ContactsView(Embeddable embeddable) {
        RingCentralEmbeddable phone = new RingCentralEmbeddable(embeddable);

        Grid<Contact> grid = new Grid<>(Contact.class, false);
        grid.addColumn(Contact::name).setHeader("Name");
        grid.addColumn(Contact::company).setHeader("Company");
        grid.addColumn(Contact::phone).setHeader("Phone");
        grid.addComponentColumn(c -> {
            Button call = new Button("Call", e -> phone.call(c.phone()));
            call.setId("call-" + c.phone().substring(1));
            Button sms = new Button("SMS", e -> phone.sms(c.phone(), "Hello " + c.name().split(" ")[0] + ","));
            sms.setId("sms-" + c.phone().substring(1));
            return new HorizontalLayout(call, sms);
        }).setHeader("");
        grid.setItems(Contact.ALL);
        grid.setAllRowsVisible(true);

        log.setId("event-log");
        phone.addLoginStatusListener(e -> log("login", e.isLoggedIn() ? "logged in as " + e.getLoginNumber() : "logged out"));
        phone.addCallRingListener(e -> log("ringing", "call from " + e.getCall().from()));
        phone.addCallStartListener(e -> log("call started", e.getCall().from() + " → " + e.getCall().to()));
        phone.addCallEndListener(e -> log("call ended", e.getCall().from() + " → " + e.getCall().to()));
        phone.addInboundMessageListener(e -> log("message", e.getMessage().from() + ": " + e.getMessage().subject()));
        phone.addPresenceListener(e -> log("presence", e.getUserStatus() + ", " + e.getDndStatus()));
        phone.addWidgetMessageListener(e -> log("widget", e.getType()));

        add(new H1("Contacts"), new RouterLink("About", AboutView.class), grid, new H2("Widget events"), log, phone);
    }

    private void log(String what, String detail) {
        Paragraph line = new Paragraph(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  " + what + ": " + detail);
        line.addClassName("event");
        log.addComponentAsFirst(line);
    }
}

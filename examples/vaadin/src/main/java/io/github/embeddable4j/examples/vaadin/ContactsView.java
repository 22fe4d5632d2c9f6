package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import java.util.ArrayList;
import java.util.List;

/**
 * Contacts with Call and SMS buttons that drive the floating widget from Java, the calls the widget logged into the
 * example's CRM, and a live log of what the widget reports. No JavaScript is written here.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Contacts · embeddable4j Vaadin example")
public class ContactsView extends VerticalLayout {

    private final EventLog log = new EventLog();
    private final List<Registration> listeners = new ArrayList<>();
    private final RingCentralEmbeddable phone;

    /**
     * The phone is the UI's one floating widget (see {@link PhoneConfiguration}), shown by {@link MainLayout}; the call
     * log is what the widget logged into the example's CRM.
     */
    public ContactsView(RingCentralEmbeddable phone, CallLog callLog) {
        this.phone = phone;
        Grid<Customer> grid = new Grid<>(Customer.class, false);
        grid.setId("contacts");
        grid.addColumn(Customer::name).setHeader("Name");
        grid.addColumn(Customer::company).setHeader("Company");
        grid.addColumn(Customer::phone).setHeader("Phone");
        grid.addComponentColumn(c -> {
            Button call = new Button("Call", e -> phone.call(c.phone()));
            call.setId("call-" + c.phone().substring(1));
            Button sms = new Button("SMS", e -> phone.sms(c.phone(), "Hello " + c.name().split(" ")[0] + ","));
            sms.setId("sms-" + c.phone().substring(1));
            return new HorizontalLayout(call, sms);
        }).setHeader("").setKey("actions"); // the key: how a test finds a row's buttons (ContactsViewTest)
        grid.setItems(Customer.ALL);
        grid.setAllRowsVisible(true);

        add(new H1("Contacts"), grid, new CallLogGrid(callLog), new H2("Widget events"), log);
    }

    /**
     * The phone outlives this view: its listeners are added at each attach and removed at each detach. Added in the
     * constructor, they were gone after a refresh of a {@code @PreserveOnRefresh} view, which detaches the view and
     * attaches it again without building it anew (a trial).
     */
    @Override
    protected void onAttach(AttachEvent event) {
        listeners.add(phone.addLoginStatusListener(e -> log("login", e.isLoggedIn() ? "logged in as " + e.getLoginNumber() : "logged out")));
        listeners.add(phone.addCallRingListener(e -> log("ringing", "call from " + e.getCall().from())));
        listeners.add(phone.addCallStartListener(e -> log("call started", e.getCall().from() + " → " + e.getCall().to())));
        listeners.add(phone.addCallEndListener(e -> log("call ended", e.getCall().from() + " → " + e.getCall().to())));
        listeners.add(phone.addInboundMessageListener(e -> log("message", e.getMessage().from() + ": " + e.getMessage().subject())));
        listeners.add(phone.addPresenceListener(e -> log("presence", e.getUserStatus() + ", " + e.getDndStatus())));
        listeners.add(phone.addFrameRejectedListener(e -> log("frame rejected", e.getOrigin())));
        listeners.add(phone.addCommandDroppedListener(e -> log("command dropped", e.getCommand().type() + " " + e.getReason())));
        listeners.add(phone.addWidgetMessageListener(e -> log("widget", e.getType())));
        if (phone.isWidgetReady()) {
            log("login", phone.isLoggedIn() ? "logged in" : "logged out");
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        listeners.forEach(Registration::remove);
        listeners.clear();
    }

    private void log(String what, String detail) {
        log.add(what, detail);
    }
}

package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.VaadinService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The calls the widget logged into the example's CRM ({@link CallLog}). The app has no {@code @Push}, so the server
 * cannot send a new row on its own: the grid reads the log when it is shown (opening the view, coming back to it) and
 * when Refresh is clicked. The log is a Spring bean, a service that is not written with the session: the grid keeps it
 * in a transient field and looks it up again after the session is read back (Tomcat's session persistence).
 */
class CallLogGrid extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private transient CallLog callLog;
    private final Grid<CallLog.LoggedCall> grid = new Grid<>();

    CallLogGrid(CallLog callLog) {
        this.callLog = callLog;
        setPadding(false);
        grid.setId("call-log");
        grid.addColumn(c -> TIME.format(c.loggedAt())).setHeader("Logged").setAutoWidth(true);
        grid.addColumn(CallLog.LoggedCall::direction).setHeader("Direction").setAutoWidth(true);
        grid.addColumn(CallLog.LoggedCall::number).setHeader("Number").setAutoWidth(true);
        grid.addColumn(CallLog.LoggedCall::contactName).setHeader("Contact").setAutoWidth(true);
        grid.addColumn(c -> c.durationSeconds() == null ? "" : c.durationSeconds() + " s").setHeader("Duration");
        grid.addColumn(CallLog.LoggedCall::note).setHeader("Note").setFlexGrow(1);
        grid.setAllRowsVisible(true);
        Button refresh = new Button("Refresh", e -> refresh());
        refresh.setId("refresh-call-log");
        add(new HorizontalLayout(new H2("Call log"), refresh), grid);
        addAttachListener(e -> refresh());
    }

    void refresh() {
        if (callLog == null) { // read back from a serialized session
            callLog = VaadinService.getCurrent().getInstantiator().getOrCreate(CallLog.class);
        }
        grid.setItems(callLog.calls());
    }
}

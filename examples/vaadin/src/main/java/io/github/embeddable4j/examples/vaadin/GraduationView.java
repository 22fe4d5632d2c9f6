package io.github.embeddable4j.examples.vaadin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationScope;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import java.io.Serializable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * How far the sandbox app is with RingCentral's graduation criteria, as counted by the starter's graduation tracker
 * from the phone's events (the phone feeds the starter's dispatcher, see {@link PhoneConfiguration}). The tracker
 * exists while {@code ringcentral.embeddable.app-server=sandbox}, or with
 * {@code ringcentral.embeddable.graduation.enabled=true}. Read when the view opens and on Refresh (no {@code @Push}).
 */
@Route(value = "graduation", layout = MainLayout.class)
@PageTitle("Graduation · embeddable4j Vaadin example")
public class GraduationView extends VerticalLayout {

    /**
     * A row of the grid: what it shows of a criterion, serializable (a grid's rows go with the Vaadin session when it
     * is written, and core's progress items are not).
     */
    record Row(String criterion, String requirement, String progress) implements Serializable {
        static Row of(GraduationProgress.Item item) {
            String text = switch (item.status()) {
                case CHECK_BY_HAND -> "check by hand";
                case DONE -> item.count() + " / " + item.target() + " done";
                case IN_PROGRESS -> item.count() + " / " + item.target();
            };
            return new Row(item.criterion().name(), item.criterion().requirement(), text);
        }
    }

    private final Grid<Row> grid = new Grid<>();
    /** A Spring bean, not written with the session: looked up again after the session is read back. */
    private transient GraduationTracker tracker;

    public GraduationView(ObjectProvider<GraduationTracker> trackers) {
        add(new H1("Graduation"));
        tracker = trackers.getIfAvailable();
        if (tracker == null) {
            Paragraph off = new Paragraph("Graduation tracking is off. It counts what the widget shows of RingCentral's"
                    + " graduation criteria while the app runs on the sandbox: set RINGCENTRAL_APP_SERVER=sandbox (or"
                    + " ringcentral.embeddable.graduation.enabled=true).");
            off.setId("graduation-off");
            add(off);
            return;
        }
        add(new Paragraph(describe(tracker.scope())));
        grid.setId("graduation");
        grid.addColumn(Row::requirement).setHeader("Criterion").setFlexGrow(1);
        grid.addComponentColumn(GraduationView::progress).setHeader("Progress").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        Button refresh = new Button("Refresh", e -> refresh());
        refresh.setId("refresh-graduation");
        add(refresh, grid);
        refresh();
    }

    private void refresh() {
        if (tracker == null) { // read back from a serialized session
            tracker = VaadinService.getCurrent().getInstantiator().getOrCreate(GraduationTracker.class);
        }
        grid.setItems(tracker.progress().items().stream().map(Row::of).toList());
    }

    private static String describe(GraduationScope scope) {
        return (scope.demoApp() ? "RingCentral's demo app (it never graduates: set RINGCENTRAL_CLIENT_ID to your own)"
                : "Client ID " + scope.clientId()) + " on " + scope.appServer().name()
                + ". Counted from this app's widget events; criteria the widget gives no sign of are yours to check by hand.";
    }

    /** "3 / 5", "6 / 6 done" or "check by hand", marked with its criterion for tests and styling. */
    private static Span progress(Row row) {
        Span span = new Span(row.progress());
        span.getElement().setAttribute("data-criterion", row.criterion());
        return span;
    }
}

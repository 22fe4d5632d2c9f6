package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two floating phones of different widgets in one UI (a sales view and a support view, each configured its own way).
 * The page runs one floating widget, and the glue reuses the loader on the page after a dispose: the second view's
 * phone used to show the first view's widget, silently, whether it came in the same round trip or later.
 */
class OtherFloatingWidgetTest {

    private static final Embeddable SALES = Embeddable.of(EmbeddableConfig.builder().clientId("salesClientId123").build());
    private static final Embeddable SUPPORT = Embeddable.of(EmbeddableConfig.builder().clientId("supportClientId456").build());

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** The loader scripts the next response carries, each with its parameters (its widget's URL among them). */
    private static List<String> loads() {
        return js().stream().filter(s -> s.contains("loadAdapter")).toList();
    }

    @Test
    void aViewSwapToAnotherWidgetLoadsThatWidget() {
        RingCentralEmbeddable sales = new RingCentralEmbeddable(SALES);
        UI.getCurrent().add(sales);
        assertThat(loads()).singleElement().asString().contains("salesClientId123");
        widgetSays(sales, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");

        RingCentralEmbeddable support = new RingCentralEmbeddable(SUPPORT);
        UI.getCurrent().remove(sales);
        UI.getCurrent().add(support);
        // the glue replaces a loader of another widget than the one asked for (OtherWidgetBrowserTest)
        assertThat(loads()).singleElement().asString().contains("supportClientId456").doesNotContain("salesClientId123");
        assertThat(support.isWidgetReady()).isFalse(); // the sales widget's readiness is not the support widget's
    }

    @Test
    void aLaterViewOfAnotherWidgetLoadsItsOwn() {
        RingCentralEmbeddable sales = new RingCentralEmbeddable(SALES);
        UI.getCurrent().add(sales);
        js();
        UI.getCurrent().remove(sales);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("disposeFloating"));

        UI.getCurrent().add(new RingCentralEmbeddable(SUPPORT));
        assertThat(loads()).singleElement().asString().contains("supportClientId456").doesNotContain("salesClientId123");
    }

    /** A hidden phone's widget loads when it shows, another widget's too (a review: it replaced the page's at once). */
    @Test
    void aHiddenPhoneOfAnotherWidgetLoadsItsWidgetWhenItShows() {
        RingCentralEmbeddable sales = new RingCentralEmbeddable(SALES);
        UI.getCurrent().add(sales);
        js();
        UI.getCurrent().remove(sales);
        js();
        VerticalLayout tab = new VerticalLayout(new RingCentralEmbeddable(SUPPORT));
        tab.setVisible(false);
        UI.getCurrent().add(tab);
        assertThat(js()).noneMatch(s -> s.contains("Adapter"));
        tab.setVisible(true);
        assertThat(loads()).singleElement().asString().contains("supportClientId456");
    }

    /**
     * A hidden phone holds the page's widget load; a shown phone of another widget then loads the page's widget (the
     * hidden one's, which it joins), not its own, which the page would have run under the first one's name (a review).
     */
    @Test
    void aShownPhoneOfAnotherWidgetBesideAHeldLoadLoadsThePagesWidget() {
        VerticalLayout tab = new VerticalLayout(new RingCentralEmbeddable(SALES));
        tab.setVisible(false);
        UI.getCurrent().add(tab);
        js();
        UI.getCurrent().add(new RingCentralEmbeddable(SUPPORT));
        assertThat(loads()).singleElement().asString().contains("salesClientId123").doesNotContain("supportClientId456");
    }

    @Test
    void aSecondWidgetsPhoneBesideTheFirstJoinsItAndSaysSoOnce() {
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            UI.getCurrent().add(new RingCentralEmbeddable(SALES));
            js();
            UI.getCurrent().add(new RingCentralEmbeddable(SUPPORT), new RingCentralEmbeddable(SUPPORT));
            assertThat(js()).noneMatch(s -> s.contains("loadAdapter"));
            assertThat(log.records).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                            .contains("supportClientId456", "salesClientId123", "shows and commands the first one",
                                    "Mode.INLINE", "widget's phones"));
        }
    }

    /** Another prefix is another frame id, which the page looks the phone's frame up by: it hears nothing (a review). */
    @Test
    void aJoiningPhoneWithAnotherPrefixIsToldItHearsNothing() {
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            UI.getCurrent().add(new RingCentralEmbeddable(SALES));
            js();
            UI.getCurrent().add(new RingCentralEmbeddable(Embeddable.of(SALES.config().toBuilder().prefix("second").build())));
            assertThat(log.records).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                            .contains("hears and commands neither", "second", "rc-widget"));
        }
    }

    /**
     * A page the servlet filter gave its widget and event script (an exported web component on a legacy page, a
     * trial's): the page's glue says so when a phone's host attaches, and the log says once to exclude the page.
     */
    @Test
    void aPageWithTheFiltersWidgetIsSaidOnce() {
        RingCentralEmbeddable.FILTERED_PAGE_SAID.set(false); // once per JVM: another test class may have said it
        try (ClientSide.ComponentLog log = new ClientSide.ComponentLog()) {
            RingCentralEmbeddable phone = new RingCentralEmbeddable(SALES);
            UI.getCurrent().add(phone);
            js();
            assertThat(log.records).filteredOn(r -> r.getLevel() == Level.WARNING).isEmpty();
            ClientSide.pageAsks("filtered-page", phone);
            ClientSide.pageAsks("filtered-page", phone);
            assertThat(log.records).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("servlet filter's widget",
                            "inject.exclude-paths", "let the component load its widget"));
        }
    }
}

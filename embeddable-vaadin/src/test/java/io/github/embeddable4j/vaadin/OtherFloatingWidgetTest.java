package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
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

    @Test
    void aViewSwapToAnotherWidgetLoadsThatWidget() {
        RingCentralEmbeddable sales = new RingCentralEmbeddable(SALES);
        UI.getCurrent().add(sales);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("loadAdapter", "salesClientId123"));
        widgetSays(sales, "{\"type\":\"rc-login-status-notify\",\"loggedIn\":true}");

        RingCentralEmbeddable support = new RingCentralEmbeddable(SUPPORT);
        UI.getCurrent().remove(sales);
        UI.getCurrent().add(support);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("reloadAdapter", "supportClientId456")
                .doesNotContain("salesClientId123"));
        assertThat(support.isWidgetReady()).isFalse(); // the sales widget's readiness is not the support widget's
    }

    @Test
    void aLaterViewOfAnotherWidgetReplacesTheLoaderLeftOnThePage() {
        RingCentralEmbeddable sales = new RingCentralEmbeddable(SALES);
        UI.getCurrent().add(sales);
        js();
        UI.getCurrent().remove(sales);
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("disposeFloating"));

        // loadAdapter would find the sales loader's script on the page and start it again
        UI.getCurrent().add(new RingCentralEmbeddable(SUPPORT));
        assertThat(js()).anySatisfy(s -> assertThat(s).contains("reloadAdapter", "supportClientId456"))
                .noneMatch(s -> s.contains("loadAdapter") && !s.contains("reloadAdapter"));

        // and the same widget's phone later reuses it, as before
        UI.getCurrent().removeAll();
        js();
        UI.getCurrent().add(new RingCentralEmbeddable(SUPPORT));
        assertThat(js()).anySatisfy(s -> assertThat(s).startsWith("window.embeddable4j.loadAdapter"))
                .noneMatch(s -> s.contains("reloadAdapter"));
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
                            .contains("supportClientId456", "salesClientId123", "Mode.INLINE", "widget's phones"));
        }
    }
}

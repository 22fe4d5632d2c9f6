package io.github.embeddable4j.vaadin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.message.WidgetCommand;
import io.github.embeddable4j.vaadin.RingCentralEmbeddable;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The docs' Karibu set-up for Vaadin without Spring: Karibu runs no {@code @WebListener}, so the layout that reads
 * the widget from the servlet context fails (Vaadin's error view instead of the layout, and Karibu's
 * first lookup names the {@code NullPointerException: embeddable}); running the listener on Karibu's servlet gives the view its phone.
 */
class WithoutSpringKaribuTest {

    /** The docs' listener, in short: the widget published in the servlet context. */
    public static class Widget implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent e) {
            e.getServletContext().setAttribute(Embeddable.class.getName(),
                    Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()));
        }
    }

    /** The docs' main layout: the phone from the servlet context, and a button that dials. */
    @Route("")
    public static class MainView extends VerticalLayout {
        public MainView() {
            ServletContext context = VaadinServlet.getCurrent().getServletContext();
            RingCentralEmbeddable phone = new RingCentralEmbeddable((Embeddable) context.getAttribute(Embeddable.class.getName()));
            add(phone, new Button("Call Ada", e -> phone.call("+16505550101", true)));
        }
    }

    private final Routes routes = new Routes().autoDiscoverViews(MainView.class.getPackageName());

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void withTheListenerRunOnKaribusServletTheViewDials() {
        MockVaadin.setup(UI::new, new MockVaadinServlet(routes) {
            @Override
            protected void servletInitialized() throws ServletException {
                super.servletInitialized();
                new Widget().contextInitialized(new ServletContextEvent(getServletContext()));
            }
        });
        LocatorJ._click(LocatorJ._get(Button.class, spec -> spec.withText("Call Ada")));
        assertThat(LocatorJ._get(RingCentralEmbeddable.class).getQueuedCommands())
                .containsExactly(WidgetCommand.newCall("+16505550101", true));
    }

    @Test
    void withoutItTheLayoutFindsNoWidget() {
        MockVaadin.setup(UI::new, new MockVaadinServlet(routes));
        assertThat(UI.getCurrent().getChildren()).singleElement().isInstanceOf(com.vaadin.flow.router.InternalServerError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocatorJ._find(RingCentralEmbeddable.class))
                .hasMessageContaining("with the root cause 'java.lang.NullPointerException: embeddable'");
    }
}

package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vaadin mapped under a servlet path ({@code vaadin.url-mapping=/ui/*}): a view at /crm/ui/calls, whose link came back to
 * /crm/calls, which is no view (a review).
 */
class ConnectHrefUrlMappingTest {

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes(new HashSet<>(Set.of(ConnectHrefTest.CallsView.class)), new HashSet<>(), true));
        VaadinServletRequest current = (VaadinServletRequest) VaadinServletRequest.getCurrent();
        current.setRequest(new HttpServletRequestWrapper((HttpServletRequest) current.getRequest()) {
            @Override
            public String getContextPath() {
                return "/crm";
            }

            @Override
            public String getServletPath() {
                return "/ui"; // Vaadin's servlet mapped at /ui/*
            }

            @Override
            public String getRequestURI() {
                return "/crm/ui/calls";
            }
        });
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void aViewsLinkComesBackToTheViewUnderTheVaadinServletsMapping() {
        ConnectHrefTest.FLOW.publishIn(VaadinServlet.getCurrent().getServletContext());
        RingCentralEmbeddable phone = new RingCentralEmbeddable(ConnectHrefTest.ACME);
        assertThat(phone.connectHref(ConnectHrefTest.CallsView.class))
                .contains("/crm/ringcentral/connect?return=%2Fcrm%2Fui%2Fcalls");
    }

    /**
     * A view reached over a websocket push connection ({@code @Push(transport = WEBSOCKET)}): the request is the
     * connection's, whose servlet path is the push path's and whose server name is empty. The link comes back to the
     * view under the mapping the UI's page was requested with (a Vaadin trial's went to /app/VAADIN/push/calls).
     */
    @Test
    void aViewReachedOverAWebsocketPushComesBackUnderThePagesMapping() {
        ConnectHrefTest.FLOW.publishIn(VaadinServlet.getCurrent().getServletContext());
        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        PageRequest.record(ui, VaadinServletRequest.getCurrent()); // as PageRequestRecorder does when the UI is made
        VaadinServletRequest current = (VaadinServletRequest) VaadinServletRequest.getCurrent();
        HttpServletRequest page = (HttpServletRequest) current.getRequest();
        current.setRequest(new HttpServletRequestWrapper(page) {
            @Override
            public String getServletPath() {
                return "/ui/VAADIN/push";
            }

            @Override
            public String getServerName() {
                return "";
            }

            @Override
            public String getParameter(String name) {
                return "v-r".equals(name) ? "push" : super.getParameter(name);
            }
        });
        RingCentralEmbeddable phone = new RingCentralEmbeddable(ConnectHrefTest.ACME);
        ui.add(phone);
        assertThat(phone.connectHref(ConnectHrefTest.CallsView.class))
                .contains("/crm/ringcentral/connect?return=%2Fcrm%2Fui%2Fcalls");
    }
}

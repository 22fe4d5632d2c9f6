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
}

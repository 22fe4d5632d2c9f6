package io.github.embeddable4j.vaadin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletRequest;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.servlet.AppUserResolver;
import io.github.embeddable4j.servlet.LoginHandoffFlow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A view's "Connect RingCentral" link from its component (a Vaadin trial built the return path by hand): asked of what
 * the servlet module's real {@link LoginHandoffFlow#publishIn} publishes, for the component's own widget, under the
 * context path; none where that widget cannot sign in once or nothing is published.
 */
class ConnectHrefTest {

    static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("acmeClientId123")
            .redirectUri("https://acme.example.com/crm/ringcentral/redirect").build());
    static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .redirectUri("https://globex.example.com/crm/ringcentral/redirect").prefix("gx").build());
    static final Embeddable DEMO = Embeddable.of(EmbeddableConfig.builder().prefix("demo").build()); // the demo app
    static final LoginHandoffFlow FLOW = LoginHandoffFlow.of(LoginEndpoints.builder(ACME)
            .serverKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build(),
            AppUserResolver.remoteUser());

    @Route("calls")
    public static final class CallsView extends com.vaadin.flow.component.html.Div {
    }

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes(new HashSet<>(Set.of(CallsView.class)), new HashSet<>(), true));
        VaadinServletRequest current = (VaadinServletRequest) VaadinServletRequest.getCurrent();
        current.setRequest(new HttpServletRequestWrapper((HttpServletRequest) current.getRequest()) {
            @Override
            public String getContextPath() {
                return "/crm"; // the application is deployed under /crm
            }
        });
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void theLinkConnectsTheComponentsWidgetAndComesBackUnderTheContextPath() {
        FLOW.publishIn(VaadinServlet.getCurrent().getServletContext());
        RingCentralEmbeddable phone = new RingCentralEmbeddable(ACME);
        assertThat(phone.connectHref("/calls?tab=log")).contains("/crm/ringcentral/connect?return=%2Fcrm%2Fcalls%3Ftab%3Dlog");
        assertThat(phone.connectHref(CallsView.class)).contains("/crm/ringcentral/connect?return=%2Fcrm%2Fcalls");
        // what browsers leave raw in a query, encoded as the connect path takes it
        assertThat(phone.connectHref("/calls?q=[a]")).contains("/crm/ringcentral/connect?return=%2Fcrm%2Fcalls%3Fq%3D%255Ba%255D");
        // a tenant with its own app on its own host signs in once too; a widget on the demo app does not
        assertThat(new RingCentralEmbeddable(GLOBEX).connectHref("/calls")).isPresent();
        assertThat(new RingCentralEmbeddable(DEMO).connectHref("/calls")).isEmpty();
    }

    @Test
    void withoutAPublishedFlowThereIsNoLink() {
        assertThat(new RingCentralEmbeddable(ACME).connectHref("/calls")).isEmpty();
    }

    @Test
    void aReturnPathMustBeAPathInTheApplication() {
        FLOW.publishIn(VaadinServlet.getCurrent().getServletContext());
        RingCentralEmbeddable phone = new RingCentralEmbeddable(ACME);
        assertThatThrownBy(() -> phone.connectHref("calls")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("such as /calls");
        assertThatThrownBy(() -> phone.connectHref("//evil.example/x")).isInstanceOf(IllegalArgumentException.class);
    }
}

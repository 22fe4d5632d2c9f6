package io.github.embeddable4j.vaadin;

import static io.github.embeddable4j.vaadin.ClientSide.js;
import static io.github.embeddable4j.vaadin.ClientSide.widgetSays;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactMatchRequest;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.core.crm.ContactSearchRequest;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/tenants.md's Vaadin recipe: a view builds the component with the widget the application's selector (its
 * {@code EmbeddableSelector} bean, of the same shape as the function here) picks for the current request (here by its
 * host name), so each tenant's UI loads its own widget, not the one another tenant's UI loaded.
 */
class TenantWidgetTest {

    private static final Embeddable ACME = Embeddable.of(EmbeddableConfig.builder().clientId("acmeClientId123").build());
    private static final Embeddable GLOBEX = Embeddable.of(EmbeddableConfig.builder().clientId("globexClientId456")
            .appServer(AppServer.SANDBOX).prefix("gx").build());
    private static final Map<String, Embeddable> BY_HOST = Map.of("acme.example.com", ACME, "globex.example.com", GLOBEX);
    private static final java.util.function.Function<jakarta.servlet.http.HttpServletRequest, Embeddable> SELECTOR = request -> BY_HOST.get(request.getServerName()); // the tenant's host

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** What a view does: the current request's tenant's widget, or none. */
    private static RingCentralEmbeddable phoneForThisTenant() {
        Embeddable widget = SELECTOR.apply(VaadinServletRequest.getCurrent().getHttpServletRequest());
        return widget == null ? null : new RingCentralEmbeddable(widget);
    }

    /** The current request as a container gives it for a browser on {@code host} (the fake request's name is fixed). */
    private static void onHost(String host) {
        VaadinServletRequest current = (VaadinServletRequest) VaadinServletRequest.getCurrent();
        ((com.github.mvysny.fakeservlet.FakeRequest) current.getRequest()).getHeaders().put("Host", java.util.List.of(host));
        current.setRequest(new jakarta.servlet.http.HttpServletRequestWrapper((jakarta.servlet.http.HttpServletRequest) current.getRequest()) {
            @Override
            public String getServerName() {
                return host;
            }
        });
    }

    @Test
    void eachTenantsUiLoadsItsOwnWidget() {
        onHost("globex.example.com");
        UI.getCurrent().add(phoneForThisTenant());
        assertThat(js()).filteredOn(s -> s.contains("window.embeddable4j.loadAdapter")).singleElement().asString()
                .contains(GLOBEX.adapterUrl()).doesNotContain("acmeClientId123");

        MockVaadin.tearDown();
        MockVaadin.setup(); // another browser, on acme's host
        onHost("acme.example.com");
        UI.getCurrent().add(phoneForThisTenant());
        assertThat(js()).filteredOn(s -> s.contains("window.embeddable4j.loadAdapter")).singleElement().asString()
                .contains(ACME.adapterUrl()).doesNotContain("globexClientId456");
    }

    /**
     * A tenant's component feeds the application's one dispatcher and CRM, and what it feeds carries its widget, so a
     * listener and the CRM can tell the tenant (a Vaadin multi-tenant trial kept a map of its own from users to
     * tenants).
     */
    @Test
    void eventsAndCallOutsCarryTheTenantsWidget() throws Exception {
        List<ReceivedWidgetEvent> dispatched = new CopyOnWriteArrayList<>();
        List<Caller> callers = new CopyOnWriteArrayList<>();
        ContactProvider contacts = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                callers.add(caller);
                return List.of();
            }

            @Override
            public Map<String, java.util.List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of();
            }
        };
        try (WidgetEventDispatcher dispatcher = WidgetEventDispatcher.builder().listener(dispatched::add).build();
             ThirdPartyService crm = ThirdPartyService.builder("crm").contacts(contacts).build()) {
            onHost("globex.example.com");
            RingCentralEmbeddable phone = phoneForThisTenant();
            phone.setEventDispatcher(dispatcher);
            phone.setThirdPartyService(crm);
            UI.getCurrent().add(phone);
            widgetSays(phone, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"direction\":\"Inbound\"}}");
            widgetSays(phone, "{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/contacts/search\","
                    + "\"body\":{\"searchString\":\"ada\"}}");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((dispatched.isEmpty() || callers.isEmpty()) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(dispatched).singleElement().extracting(ReceivedWidgetEvent::widget).isSameAs(GLOBEX);
            assertThat(callers).singleElement().extracting(Caller::widget).isSameAs(GLOBEX);
            // and the host its UI's requests came to, which tells tenants with equal settings apart
            assertThat(dispatched).singleElement().extracting(ReceivedWidgetEvent::host).isEqualTo("globex.example.com");
            assertThat(callers).singleElement().extracting(Caller::host).isEqualTo("globex.example.com");
        }
    }
}

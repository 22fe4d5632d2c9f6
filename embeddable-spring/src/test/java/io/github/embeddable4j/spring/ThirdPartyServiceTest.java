package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.CallLogger;
import io.github.embeddable4j.core.crm.ContactProvider;
import io.github.embeddable4j.spring.app.AdaContacts;
import io.github.embeddable4j.spring.secured.SecuredApplication;
import io.github.embeddable4j.spring.secured.SecuredApplicationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provider beans become the widget's third-party service: the page's glue is told where to relay call-outs, the
 * registration lists what the beans serve, and call-outs reach the beans with the signed-in user as the caller.
 */
@SpringBootTest(classes = {SecuredApplication.class, ThirdPartyServiceTest.Crm.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ringcentral.embeddable.service.display-name=Acme CRM")
class ThirdPartyServiceTest {

    @Configuration
    static class Crm {
        final List<String> logged = new CopyOnWriteArrayList<>();

        @Bean
        ContactProvider contacts() {
            return new AdaContacts();
        }

        @Bean
        CallLogger callLogger() {
            return (request, caller) -> logged.add(caller.userName().orElse("?") + " " + request.call().sessionId());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Crm crm;

    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    /**
     * The services a Vaadin component is given are not written with a serialized session; read back, the component
     * finds the application's ones in the servlet context, where the starter publishes a supplier of each bean (the
     * dispatcher is lazy: after a restart nothing may have made it yet).
     */
    @Test
    void theServiceAndTheDispatcherArePublishedInTheServletContext() {
        jakarta.servlet.ServletContext servletContext = context.getServletContext();
        assertThat(servletContext).isNotNull();
        assertThat(published(servletContext, io.github.embeddable4j.core.crm.ThirdPartyService.class))
                .isSameAs(context.getBean(io.github.embeddable4j.core.crm.ThirdPartyService.class));
        assertThat(published(servletContext, io.github.embeddable4j.core.event.WidgetEventDispatcher.class))
                .isSameAs(context.getBean(io.github.embeddable4j.core.event.WidgetEventDispatcher.class));
    }

    private static Object published(jakarta.servlet.ServletContext servletContext, Class<?> type) {
        assertThat(servletContext.getAttribute(type.getName())).isInstanceOf(java.util.function.Supplier.class);
        return ((java.util.function.Supplier<?>) servletContext.getAttribute(type.getName())).get();
    }

    @Test
    void callOutsReachTheBeansWithTheSignedInUser() throws Exception {
        SecuredApplicationTest.Visitor visitor = new SecuredApplicationTest.Visitor(port);
        visitor.signIn();
        String page = visitor.get("/").body();
        assertThat(page).contains("data-service=\"/embeddable4j/service\"");
        Matcher tag = Pattern.compile("data-csrf-header=\"([^\"]+)\" data-csrf-token=\"([^\"]+)\"").matcher(page);
        assertThat(tag.find()).isTrue();
        String header = tag.group(1);
        String token = tag.group(2).replace("&#x3D;", "=");

        HttpResponse<String> register = post(visitor, "{\"register\":true}", header, token);
        assertThat(register.statusCode()).isEqualTo(200);
        assertThat(register.body()).contains("\"displayName\":\"Acme CRM\"").contains("\"contactSearchPath\"")
                .contains("\"callLoggerPath\"");
        HttpResponse<String> match = post(visitor, "{\"requestId\":\"r1\",\"path\":\"/contacts/match\","
                + "\"body\":{\"phoneNumbers\":[\"+16505550101\"]}}", header, token);
        assertThat(match.body()).contains("\"Ada Lovelace\"");
        post(visitor, "{\"requestId\":\"r2\",\"path\":\"/callLogger\",\"body\":{\"triggerType\":\"createLog\","
                + "\"call\":{\"sessionId\":\"s-1\"}}}", header, token);
        assertThat(crm.logged).containsExactly(SecuredApplication.USER + " s-1");
    }

    private HttpResponse<String> post(SecuredApplicationTest.Visitor visitor, String body, String header, String token)
            throws Exception {
        return visitor.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embeddable4j/service"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin").header(header, token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

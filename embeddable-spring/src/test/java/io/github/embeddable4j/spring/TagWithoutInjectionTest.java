package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.spring.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application that places the widget only with the tag turns injection off (inject.enabled=false): the tag's pages
 * still get the event script (docs/spring-boot.md: "Every mode gets the event script when the bridge is on") and sign
 * in once's connect link. A review found both gone: the dialect reads them through the page filter, which was not made.
 */
class TagWithoutInjectionTest {

    @Test
    void theTagGetsTheEventScriptWithTheFilterOff() throws Exception {
        assertThat(tagPage("true")).as("control: filter on").contains("embeddable4j.js");
        assertThat(tagPage("false")).as("filter off, bridge on, a listener").contains("adapter.js").contains("embeddable4j.js");
    }

    private static String tagPage(String inject) throws Exception {
        SpringApplication app = new SpringApplication(TestApplication.class, Listener.class);
        try (ConfigurableApplicationContext context = app.run("--server.port=0", "--spring.main.banner-mode=off",
                "--ringcentral.embeddable.client-id=test-client", "--ringcentral.embeddable.inject.anonymous=true",
                "--ringcentral.embeddable.inject.enabled=" + inject)) {
            assertThat(context.containsBean("embeddableBridge")).isTrue();
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/tag")).build(), HttpResponse.BodyHandlers.ofString());
            return page.body();
        }
    }

    /** Sign in once with the filter off: the connect link of the dialect disappears (its flow is read from the filter). */
    @Test
    void theConnectLinkStaysWithTheFilterOff() throws Exception {
        for (String inject : new String[] {"true", "false"}) {
            int port = io.github.embeddable4j.servlet.testing.MockRingCentral.freePort();
            try (ConfigurableApplicationContext context = new SpringApplication(TestApplication.class).run("--server.port=" + port,
                    "--spring.main.banner-mode=off", "--ringcentral.embeddable.client-id=test-client",
                    "--ringcentral.embeddable.inject.anonymous=true", "--ringcentral.embeddable.login.enabled=true",
                    "--ringcentral.embeddable.redirect-uri=http://localhost:" + port + "/ringcentral/redirect",
                    "--ringcentral.embeddable.inject.enabled=" + inject)) {
                assertThat(context.containsBean("embeddableLogin")).isTrue();
                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/connect-links")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(body).as("inject.enabled=" + inject).contains("id=\"here\"").contains("/ringcentral/connect");
            }
        }
    }

    static class Listener {
        @org.springframework.context.annotation.Bean
        WidgetEventListener reviewListener() {
            return event -> { };
        }
    }
}

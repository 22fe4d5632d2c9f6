package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.WIDGET;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Vaadin example in headless Chromium, with the floating widget served by a stand-in host on another origin:
 * the loader loads once, widget events reach server-side listeners, and a command from Java reaches the frame.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactsBrowserTest {

    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void widget(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.client-id", () -> "vaadin-browser-test");
    }

    @BeforeAll
    static void browser() throws IOException {
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void widgetEventsReachJavaAndJavaCommandsReachTheWidget() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));
        assertThat(chromium.script("return document.querySelectorAll('script[data-embeddable4j-loader]').length")).isEqualTo(1L);
        assertThat((String) chromium.script("return window.__standInAdapter.src")).contains("clientId=vaadin-browser-test");

        chromium.driver().findElement(By.id("call-16505550101")).click();
        chromium.await(d -> logContains(chromium, "widget: standin-received"));
        chromium.driver().switchTo().frame(chromium.driver().findElement(By.id("rc-widget-adapter-frame")));
        List<Map<String, Object>> received = (List<Map<String, Object>>) chromium.script("return window.__received");
        chromium.driver().switchTo().defaultContent();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.get("origin")).isEqualTo("http://localhost:" + port);
            assertThat((Map<String, Object>) r.get("command")).containsEntry("type", "rc-adapter-new-call")
                    .containsEntry("phoneNumber", "+16505550101").containsEntry("toCall", false);
        });
    }

    @Test
    void navigatingBetweenViewsKeepsOneLoader() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in"));
        chromium.driver().findElement(By.linkText("About")).click();
        chromium.await(d -> chromium.driver().getTitle().startsWith("About"));
        chromium.driver().findElement(By.linkText("Contacts")).click();
        chromium.await(d -> chromium.driver().getTitle().startsWith("Contacts"));
        assertThat(chromium.script("return document.querySelectorAll('script[data-embeddable4j-loader]').length")).isEqualTo(1L);
        assertThat(chromium.script("return window.__standInAdapter.count")).isEqualTo(1L);
        assertThat(chromium.script("return document.querySelectorAll('#rc-widget-adapter-frame').length")).isEqualTo(1L);
    }
}

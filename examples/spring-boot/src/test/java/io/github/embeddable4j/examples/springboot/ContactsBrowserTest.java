package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Spring Boot example in real headless Chromium, its widget hosted by a stand-in that records how it was loaded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactsBrowserTest {

    private static final StandInWidget WIDGET = start();
    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    Embeddable embeddable;

    private static StandInWidget start() {
        try {
            return new StandInWidget();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void widgetProperties(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", WIDGET::baseUrl);
        registry.add("ringcentral.embeddable.frame-origins", WIDGET::frameOrigin);
        registry.add("ringcentral.embeddable.client-id", () -> "spring-browser-test");
        registry.add("ringcentral.embeddable.app-server", () -> "sandbox");
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
        WIDGET.close();
    }

    @Test
    void contactsPageLoadsTheWidgetOnceWithThePropertiesFromTheApplication() {
        chromium.driver().get("http://localhost:" + port + "/");
        String src = chromium.await(d -> (String) chromium.script("return window.__standInAdapter ? window.__standInAdapter.src : null"));
        assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length")).isEqualTo(1L);
        assertThat(src).isEqualTo(embeddable.adapterUrl());
        Map<String, String> query = StandInWidget.query(src);
        assertThat(query).containsEntry("clientId", "spring-browser-test")
                .containsEntry("appServer", "https://platform.devtest.ringcentral.com")
                .containsEntry("defaultCallWith", "browser");
        assertThat(WIDGET.requests()).contains(src.substring(WIDGET.loaderOrigin().length()));
        // The Thymeleaf page itself is intact: three contacts with click-to-call links.
        assertThat(chromium.script("return document.querySelectorAll('a.call[href^=\"tel:+1650555010\"]').length")).isEqualTo(3L);
    }

    @Test
    void excludedPageHasNoWidget() {
        long before = WIDGET.adapterRequests();
        chromium.driver().get("http://localhost:" + port + "/no-widget");
        chromium.await(d -> "complete".equals(chromium.script("return document.readyState")));
        assertThat(chromium.script("return document.querySelectorAll('script').length")).isEqualTo(0L);
        assertThat(chromium.driver().getPageSource()).contains("No widget here");
        assertThat(WIDGET.adapterRequests()).isEqualTo(before);
    }
}

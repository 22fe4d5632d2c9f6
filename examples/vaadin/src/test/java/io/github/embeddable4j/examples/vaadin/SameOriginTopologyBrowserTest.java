package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.awaitReceived;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The other topology: a self-hosted widget whose loader frames app.html next to itself. No frame origin to add. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SameOriginTopologyBrowserTest {

    @AutoClose
    private static final StandInWidget SAME = VaadinBrowserSupport.start(StandInWidget.Topology.SAME_ORIGIN);
    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void widget(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", SAME::baseUrl);
    }

    @Test
    void eventsAndCommandsFlowWhenTheFrameIsOnTheLoadersOrigin() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));
        assertThat((String) chromium.script("return document.getElementById('rc-widget-adapter-frame').src"))
                .startsWith(SAME.loaderOrigin() + "/app.html?");
        chromium.driver().findElement(By.id("call-16505550101")).click();
        assertThat(awaitReceived(chromium, "rc-adapter-new-call")).singleElement().satisfies(r -> assertThat(r.get("origin")).isEqualTo("http://localhost:" + port));
        // The CRM is registered with this topology's frame too.
        assertThat(awaitReceived(chromium, "rc-adapter-register-third-party-service")).singleElement()
                .satisfies(r -> assertThat(r.get("origin")).isEqualTo("http://localhost:" + port));
    }

    /** This context runs on the default (production) server: no graduation tracker, and the view says so. */
    @Test
    void theGraduationViewExplainsWhenTrackingIsOff() {
        chromium.driver().get("http://localhost:" + port + "/graduation");
        chromium.await(d -> !d.findElements(By.id("graduation-off")).isEmpty());
        assertThat(chromium.driver().findElement(By.id("graduation-off")).getText()).contains("sandbox");
        assertThat(chromium.driver().findElements(By.id("graduation"))).isEmpty();
    }
}

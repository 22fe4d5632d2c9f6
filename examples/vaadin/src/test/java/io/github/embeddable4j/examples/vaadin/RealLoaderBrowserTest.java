package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.awaitReceived;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RingCentralSite;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real built loader (RingCentral's GitHub Pages adapter.js, unchanged) with the default configuration (hosting
 * latest on apps.ringcentral.com): it frames https://ringcentral.github.io, another origin than its own. Before
 * widget origins existed the component dropped every message of that frame and queued commands forever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ringcentral.embeddable.client-id=real-loader-test")
class RealLoaderBrowserTest {

    private static RingCentralSite site;
    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() throws Exception {
        Path fixtures = RingCentralSite.fixtures(RealLoaderBrowserTest.class).orElse(null);
        Assumptions.assumeTrue(fixtures != null, RingCentralSite.ABSENT);
        site = new RingCentralSite(fixtures, true);
        chromium = new HeadlessChromium(site.chromiumArguments());
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComponentWorksWithTheRealLoadersTopology() {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));
        assertThat((String) chromium.script("return document.getElementById('rc-widget-adapter-frame').src"))
                .startsWith("https://ringcentral.github.io/ringcentral-embeddable/app.html?")
                .contains("clientId=real-loader-test");
        assertThat(site.requests()).anyMatch(r -> r.startsWith("apps.ringcentral.com/integration/ringcentral-embeddable/latest/adapter.js?clientId=real-loader-test"));
        chromium.driver().findElement(By.id("call-16505550101")).click();
        assertThat(awaitReceived(chromium, "rc-adapter-new-call")).singleElement().satisfies(r -> {
            assertThat(r.get("origin")).isEqualTo("http://localhost:" + port);
            assertThat((Map<String, Object>) r.get("command")).containsEntry("phoneNumber", "+16505550101");
        });
        // The real loader read the stand-in frame's adapter state without failing (it reads position.translateX).
        assertThat(chromium.console()).noneMatch(line -> line.startsWith("SEVERE")
                && (line.contains("translateX") || line.contains("Script error")));
    }
}

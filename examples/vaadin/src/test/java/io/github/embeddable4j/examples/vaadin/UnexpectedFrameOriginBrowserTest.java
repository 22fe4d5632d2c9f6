package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.log;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A loader that frames an origin the configuration does not allow (a self-hosted copy of a built adapter.js, without
 * frameOrigins): the frame's messages are ignored and no command reaches it, and that is reported loudly, in the
 * browser console and in one server log line, never silently.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedFrameOriginBrowserTest {

    @AutoClose
    private static final StandInWidget OTHER = VaadinBrowserSupport.start(StandInWidget.Topology.OTHER_ORIGIN);
    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void widget(DynamicPropertyRegistry registry) {
        registry.add("ringcentral.embeddable.hosting", OTHER::baseUrl); // and no frame-origins
    }

    @Test
    void theFrameIsRejectedLoudly(CapturedOutput output) throws InterruptedException {
        chromium.driver().get("http://localhost:" + port + "/");
        chromium.await(d -> logContains(chromium, "frame rejected: " + OTHER.frameOrigin()));
        chromium.script("window.__all = []; window.addEventListener('message', function (e) {"
                + " if (e.source === document.getElementById('rc-widget-adapter-frame').contentWindow) {"
                + " window.__all.push(e.data.type); } });");
        // The frame really posts to the page (the attack, or the misconfiguration, happened) ...
        chromium.script("document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage("
                + "{type: 'standin-emit', event: {type: 'rc-call-ring-notify', call: {from: '+16505550199', direction: 'Inbound', callStatus: 'webphone-session-connecting'}}}, '*')");
        chromium.await(d -> String.valueOf(chromium.script("return window.__all.join(',')")).contains("rc-call-ring-notify"));
        // ... but nothing of it reaches Java, and no command reaches the frame.
        chromium.driver().findElement(By.id("call-16505550101")).click();
        Thread.sleep(500);
        assertThat(log(chromium)).noneMatch(line -> line.startsWith("login") || line.contains("+16505550199")
                || line.contains("widget:"));
        assertThat(received(chromium)).isEmpty();
        assertThat(chromium.console()).anyMatch(line -> line.startsWith("SEVERE") && line.contains(OTHER.frameOrigin())
                && line.contains("frame-origins"));
        assertThat(output.getAll().lines().filter(l -> l.contains("the widget frame runs on " + OTHER.frameOrigin())))
                .hasSize(1);
    }
}

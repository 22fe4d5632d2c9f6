package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInFrame;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The widget placed in the page with the Thymeleaf tag's iframe form: one widget (the filter adds no loader), and its
 * events reach the server through the event script the tag adds, pointed at this frame; the CRM is registered with it.
 */
class InlinePhoneBrowserTest extends RunningCrm {

    @Autowired
    EventLog eventLog;

    @Test
    void theInlineFramesEventsReachTheServer() {
        HeadlessChromium chromium = chromium();
        open("/phone");
        assertThat(chromium.script("return document.querySelectorAll('iframe').length")).isEqualTo(1L);
        assertThat(chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length")).isEqualTo(0L);
        assertThat(chromium.script("return document.querySelector('script[data-frame-id]').dataset.frameId")).isEqualTo("phone");
        StandInFrame frame = new StandInFrame(chromium, "phone").awaitFrame();
        awaitRegistration(frame); // the event script found the frame and registered the CRM with it
        Instant sent = Instant.now();
        frame.emit("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"inline-1\",\"direction\":\"Inbound\",\"callStatus\":\"webphone-session-connecting\","
                + "\"from\":\"+16505550102\",\"to\":\"+16505550100\"}}");
        chromium.await(d -> eventLog.latest().stream().anyMatch(e -> !e.receivedAt().isBefore(sent)
                && e.type().equals("rc-call-ring-notify") && e.json().contains("inline-1") && e.user().equals("ada")));
    }
}

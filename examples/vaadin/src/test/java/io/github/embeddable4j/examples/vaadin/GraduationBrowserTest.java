package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.emit;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.log;
import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.logContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import io.github.embeddable4j.core.graduation.GraduationCriterion;
import io.github.embeddable4j.core.graduation.GraduationTracker;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The phone's widget events reach the starter's graduation tracker (sandbox), through the same dispatcher the other
 * adapters use, and the Graduation view shows the counts.
 */
class GraduationBrowserTest extends StandInWidgetContext {

    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    @Autowired
    GraduationTracker tracker;

    @Autowired
    WidgetEventDispatcher dispatcher;

    @Test
    void outboundBrowserCallsAreCountedOncePerCall() throws InterruptedException, IOException {
        chromium.driver().get(appUrl("/"));
        chromium.await(d -> logContains(chromium, "login: logged in as +16505550100*101"));
        long delivered = settled();
        int before = outboundCalls();

        // What the widget posts for outbound web-phone calls: init, then start for the same call (counted once).
        emit(chromium, call("rc-call-init-notify", "grad-1"));
        emit(chromium, call("rc-call-start-notify", "grad-1"));
        emit(chromium, call("rc-call-init-notify", "grad-2"));
        emit(chromium, call("rc-call-init-notify", "grad-3"));
        chromium.await(d -> log(chromium).stream().filter(l -> l.contains("widget: rc-call-")).count() == 4);
        // The tracker is the dispatcher's one listener: four deliveries, then every event has been counted.
        chromium.await(d -> dispatcher.stats().delivered() >= delivered + 4);
        assertThat(dispatcher.stats().failed()).isZero();
        assertThat(outboundCalls()).isEqualTo(before + 3);
        assertThat(GRADUATION_FILE).exists();
        assertThat(Files.readString(GRADUATION_FILE)).contains("grad-1", "grad-2", "grad-3");

        chromium.driver().findElement(By.linkText("Graduation")).click();
        By outbound = By.cssSelector("[data-criterion=OUTBOUND_BROWSER_CALLS]");
        chromium.await(d -> !d.findElements(outbound).isEmpty());
        assertThat(chromium.driver().findElement(outbound).getText()).isEqualTo((before + 3) + " / 5");
        assertThat(chromium.driver().findElement(By.cssSelector("[data-criterion=CONTACTS_REFRESHES]")).getText())
                .isEqualTo("check by hand");
    }

    private int outboundCalls() {
        return tracker.progress().item(GraduationCriterion.OUTBOUND_BROWSER_CALLS).count();
    }

    /** Waits until the dispatcher has delivered what the page load brought, and returns its delivered count. */
    private long settled() throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            WidgetEventDispatcher.Stats stats = dispatcher.stats();
            if (stats.queued() == 0 && stats.delivered() == last) {
                return last;
            }
            last = stats.delivered();
            Thread.sleep(300);
        }
        throw new AssertionError("The dispatcher kept delivering for 15 s: " + dispatcher.stats());
    }

    private static String call(String type, String id) {
        // As the widget sends a web-phone session: its callStatus always set (the real loader hangs without one).
        String status = type.equals("rc-call-start-notify") ? "webphone-session-connected" : "webphone-session-connecting";
        return "{\"type\":\"" + type + "\",\"call\":{\"id\":\"" + id + "\",\"direction\":\"Outbound\","
                + "\"callStatus\":\"" + status + "\",\"from\":\"+16505550100\",\"to\":\"+16505550101\",\"telephonySessionId\":\"t-" + id + "\"}}";
    }
}

package io.github.embeddable4j.examples.vaadin;

import static io.github.embeddable4j.examples.vaadin.VaadinBrowserSupport.emit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A floating phone in a layout the user hid after it showed (a trial): Vaadin drops every event of a hidden element,
 * whatever its listener allows, so the widget's ring reached no listener and a CRM call-out went unanswered. The page's
 * glue now hands a hidden host's messages to the UI, which passes them to the phone.
 */
class HiddenPhoneBrowserTest extends StandInWidgetContext {

    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    private String heard() {
        return chromium.driver().findElement(By.id("heard")).getText();
    }

    @Test
    void aPhoneInAHiddenLayoutHearsTheRing() {
        chromium.driver().get("http://localhost:" + port + "/test/hidden");
        chromium.await(d -> heard().contains("login:true") ? true : null);
        chromium.driver().findElement(By.id("hide")).click();
        chromium.await(d -> chromium.script("return document.getElementById('holder').hasAttribute('hidden') || null"));

        // The element's own event is what Vaadin drops: dispatched on the phone's element, it reaches no listener.
        chromium.script("var e = document.querySelector('#holder > *');"
                + " e.dispatchEvent(new CustomEvent('rc-message', {detail: {json: JSON.stringify({type: 'rc-call-ring-notify',"
                + " call: {id: 'x', from: '+16505550111', direction: 'Inbound'}}), keptForHandoff: false, tooLarge: false}}))");
        // The widget's ring, then another as a marker that the first had its turn.
        emit(chromium, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\",\"from\":\"+16505550177\",\"direction\":\"Inbound\"}}");
        chromium.await(d -> heard().contains("ring:+16505550177") ? true : null);
        assertThat(heard()).as("the forged event on the hidden element was dropped by Vaadin").doesNotContain("+16505550111");

        chromium.driver().findElement(By.id("show")).click();
        chromium.await(d -> chromium.script("return !document.getElementById('holder').hasAttribute('hidden') || null"));
        // Shown, the same event on the element is heard: it was dropped for the hidden element only.
        chromium.script("var e = document.querySelector('#holder > *');"
                + " e.dispatchEvent(new CustomEvent('rc-message', {detail: {json: JSON.stringify({type: 'rc-call-ring-notify',"
                + " call: {id: 'y', from: '+16505550122', direction: 'Inbound'}}), keptForHandoff: false, tooLarge: false}}))");
        chromium.await(d -> heard().contains("ring:+16505550122") ? true : null);
        emit(chromium, "{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c2\",\"from\":\"+16505550188\",\"direction\":\"Inbound\"}}");
        chromium.await(d -> heard().contains("ring:+16505550188") ? true : null);
    }
}

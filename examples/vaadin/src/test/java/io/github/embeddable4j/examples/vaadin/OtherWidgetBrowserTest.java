package io.github.embeddable4j.examples.vaadin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A floating phone of another widget than the page's (a review): the page keeps one floating widget and its loader
 * stays after a dispose, so the glue started the first widget's loader again, and the second view's phone showed the
 * first widget. The frame now carries the second widget's client ID, in a view swap and in a later view alike.
 */
class OtherWidgetBrowserTest extends StandInWidgetContext {

    @AutoClose
    private static final HeadlessChromium chromium = new HeadlessChromium();

    private Object frameSrc() {
        return chromium.script("var f = document.getElementById('rc-widget-adapter-frame'); return f ? f.src : null");
    }

    private void openWithTheFirstWidget() {
        chromium.driver().get("http://localhost:" + port + "/test/other-widget");
        chromium.await(d -> String.valueOf(frameSrc()).contains("vaadin-browser-test") ? true : null);
    }

    @Test
    void aViewSwapToAnotherWidgetShowsThatWidget() {
        openWithTheFirstWidget();
        chromium.driver().findElement(By.id("swap")).click();
        chromium.await(d -> String.valueOf(frameSrc()).contains(OtherWidgetView.OTHER_CLIENT_ID) ? true : null);
        assertThat(chromium.script("return document.querySelectorAll('script[data-embeddable4j-loader]').length")).isEqualTo(1L);
    }

    @Test
    void aLaterPhoneOfAnotherWidgetShowsThatWidget() {
        openWithTheFirstWidget();
        chromium.driver().findElement(By.id("remove")).click();
        chromium.await(d -> frameSrc() == null ? true : null);
        chromium.driver().findElement(By.id("add-other")).click();
        chromium.await(d -> String.valueOf(frameSrc()).contains(OtherWidgetView.OTHER_CLIENT_ID) ? true : null);
        assertThat(chromium.script("return document.querySelectorAll('script[data-embeddable4j-loader]').length")).isEqualTo(1L);
    }
}

package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Shared by the Vaadin browser tests: the stand-in widget hosts and reading the view's event log. */
final class VaadinBrowserSupport {

    /** The widget's stand-in: the loader on one origin, its frame on another, as the real built loader does. */
    static final StandInWidget WIDGET = start(StandInWidget.Topology.OTHER_ORIGIN);
    /** Another origin, which forges widget messages. */
    static final StandInWidget FOREIGN = start(StandInWidget.Topology.SAME_ORIGIN);

    private VaadinBrowserSupport() {
    }

    static StandInWidget start(StandInWidget.Topology topology) {
        try {
            return new StandInWidget(topology, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> log(HeadlessChromium chromium) {
        return chromium.driver().findElements(By.cssSelector("#event-log .event")).stream().map(WebElement::getText).toList();
    }

    static boolean logContains(HeadlessChromium chromium, String text) {
        return log(chromium).stream().anyMatch(line -> line.contains(text));
    }

    /** The commands the widget frame received, as {origin, command} maps (switches into the frame and back). */
    @SuppressWarnings("unchecked")
    static List<java.util.Map<String, Object>> received(HeadlessChromium chromium) {
        chromium.driver().switchTo().frame(chromium.driver().findElement(By.id("rc-widget-adapter-frame")));
        try {
            return (List<java.util.Map<String, Object>>) chromium.script("return window.__received");
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }
}

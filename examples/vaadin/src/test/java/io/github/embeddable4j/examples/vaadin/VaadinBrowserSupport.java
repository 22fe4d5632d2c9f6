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

    /** The widget's stand-in host (its origin is the widget origin). */
    static final StandInWidget WIDGET = start();
    /** Another origin, which forges widget messages. */
    static final StandInWidget FOREIGN = start();

    private VaadinBrowserSupport() {
    }

    private static StandInWidget start() {
        try {
            return new StandInWidget();
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
}

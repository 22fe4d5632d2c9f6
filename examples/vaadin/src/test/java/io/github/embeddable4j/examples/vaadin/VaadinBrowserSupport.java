package io.github.embeddable4j.examples.vaadin;

import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.RecordingStandInWidget;
import io.github.embeddable4j.examples.testing.StandInWidget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Shared by the Vaadin browser tests: the stand-in widget hosts and reading the view's event log. */
final class VaadinBrowserSupport {

    /**
     * The widget's stand-in: the loader on one origin, its frame on another, as the real built loader does; its frame
     * also keeps a timeline of what it posts and receives.
     */
    static final RecordingStandInWidget WIDGET = startRecording();
    /** Another origin, which forges widget messages. */
    static final StandInWidget FOREIGN = start(StandInWidget.Topology.SAME_ORIGIN);
    /** The floating widget's frame. */
    static final By FRAME = By.id("rc-widget-adapter-frame");

    private VaadinBrowserSupport() {
    }

    static StandInWidget start(StandInWidget.Topology topology) {
        try {
            return new StandInWidget(topology, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecordingStandInWidget startRecording() {
        try {
            return new RecordingStandInWidget(StandInWidget.Topology.OTHER_ORIGIN, true);
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
    static List<Map<String, Object>> received(HeadlessChromium chromium) {
        // Empty while the frame is not there yet, or still shows the blank document it starts with.
        List<WebElement> frames = chromium.driver().findElements(FRAME);
        if (frames.isEmpty()) {
            return List.of();
        }
        chromium.driver().switchTo().frame(frames.get(0));
        try {
            return (List<Map<String, Object>>) chromium.script("return window.__received || []");
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }

    /** Whether the stand-in's app runs in the widget's frame (not its blank first document): it can then be posted to. */
    static boolean frameAppUp(HeadlessChromium chromium) {
        List<WebElement> frames = chromium.driver().findElements(FRAME);
        if (frames.isEmpty()) {
            return false;
        }
        chromium.driver().switchTo().frame(frames.get(0));
        try {
            return Boolean.TRUE.equals(chromium.script("return Array.isArray(window.__received)"));
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }

    /** The {origin, command} records of one command type the frame received, oldest first. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> received(HeadlessChromium chromium, String type) {
        return received(chromium).stream()
                .filter(r -> type.equals(((Map<String, Object>) r.get("command")).get("type"))).toList();
    }

    /**
     * Waits until the frame has received a command of this type and returns those records. The frame also receives
     * the CRM's registration: waiting for any command (such as the {@code standin-received} echo) is not enough.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> awaitReceived(HeadlessChromium chromium, String type) {
        try {
            return chromium.await(d -> {
                List<Map<String, Object>> found = received(chromium, type);
                return found.isEmpty() ? null : found;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            List<Object> types = received(chromium).stream()
                    .map(r -> ((Map<String, Object>) r.get("command")).get("type")).toList();
            throw new AssertionError("The widget frame received no " + type + " within the wait; it received " + types, e);
        }
    }

    /** Makes the widget frame post this event to the page, as the real widget would (a JSON object literal). */
    static void emit(HeadlessChromium chromium, String eventJson) {
        chromium.script("document.getElementById('rc-widget-adapter-frame').contentWindow.postMessage("
                + "{type: 'standin-emit', event: JSON.parse(arguments[0])}, '*')", eventJson);
    }
}

package io.github.embeddable4j.examples.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.json.Json;

/**
 * Drives the {@link StandInWidget}'s frame in the page the browser shows, as the real widget would act: it makes the
 * frame post messages to its host page ({@code standin-emit}: widget events, {@code rc-post-message-request}
 * call-outs) and reads what the frame received from the page ({@code window.__received} inside the frame: commands,
 * the third-party service registration, {@code rc-post-message-response} answers), each with the origin it came from.
 *
 * <pre>{@code
 * StandInFrame frame = new StandInFrame(chromium);
 * frame.emit("{\"type\":\"rc-post-message-request\",\"requestId\":\"r1\",\"path\":\"/contacts/match\",\"body\":{...}}");
 * Map<String, Object> answer = frame.awaitResponse("r1");   // {type: rc-post-message-response, responseId: r1, response: {...}}
 * }</pre>
 *
 * The frame may be on another origin than the page: reading switches the driver into it and back.
 */
public final class StandInFrame {

    private final HeadlessChromium chromium;
    private final String frameId;

    /** The floating widget's frame ({@code #rc-widget-adapter-frame}). */
    public StandInFrame(HeadlessChromium chromium) {
        this(chromium, "rc-widget-adapter-frame");
    }

    public StandInFrame(HeadlessChromium chromium, String frameId) {
        this.chromium = Objects.requireNonNull(chromium, "chromium");
        this.frameId = Objects.requireNonNull(frameId, "frameId");
    }

    /** Waits until the page has the frame. */
    public StandInFrame awaitFrame() {
        chromium.await(d -> chromium.script("return !!document.getElementById(arguments[0])", frameId));
        return this;
    }

    /**
     * Waits until the frame runs the widget's app: the loader adds the frame before its page loads, and a message posted
     * to the frame before its app listens is lost (a test that emitted at once timed out now and then in CI).
     */
    public StandInFrame awaitApp() {
        awaitFrame();
        chromium.await(d -> {
            try {
                return Boolean.TRUE.equals(inFrame("return Array.isArray(window.__received)")) ? true : null;
            } catch (StaleElementReferenceException e) { // the page replaced the frame meanwhile: look again
                return null;
            }
        });
        return this;
    }

    /**
     * Makes the frame post this message (JSON) to its parent, with target {@code '*'}, as the widget posts; waits for
     * the frame's app first ({@link #awaitApp}).
     *
     * @throws IllegalArgumentException for a call notification without {@code call.callStatus}, which the real widget
     *         never sends and the real loader cannot take (see {@link #requireLikeTheWidget})
     */
    public void emit(String messageJson) {
        requireLikeTheWidget(messageJson);
        awaitApp();
        chromium.script("document.getElementById(arguments[0]).contentWindow.postMessage("
                + "{ type: 'standin-emit', event: JSON.parse(arguments[1]) }, '*')", frameId, messageJson);
    }

    /**
     * Refuses a call notification ({@code rc-call-*-notify}) whose {@code call} has no {@code callStatus}: the real
     * widget always sends one ({@code webphone-session-connecting} for a ring), and the real loader, given a call
     * without it, counts an active call with nothing to show and spins for ever looking for it ({@code rotateCallInfo}
     * in adapter.js): the page hangs, which looks like a fault of whatever else is on the page.
     */
    @SuppressWarnings("unchecked")
    static void requireLikeTheWidget(String messageJson) {
        Object parsed = new Json().toType(messageJson, Map.class);
        if (parsed instanceof Map<?, ?> message && message.get("type") instanceof String type
                && type.startsWith("rc-call-") && type.endsWith("-notify")
                && message.get("call") instanceof Map<?, ?> call && !(call.get("callStatus") instanceof String)) {
            throw new IllegalArgumentException(type + " without call.callStatus: the real widget always sends one"
                    + " (webphone-session-connecting for a ring), and the real loader hangs the page without it: "
                    + messageJson);
        }
    }

    /**
     * Everything the frame received so far, in order: each {@code {origin, command}} with the message as a map
     * (numbers as {@code Long} or {@code Double}).
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> received() {
        return (List<Map<String, Object>>) inFrame("return window.__received || []");
    }

    private Object inFrame(String script) {
        WebDriver driver = chromium.driver();
        driver.switchTo().frame(driver.findElement(By.id(frameId)));
        try {
            return chromium.script(script);
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** The messages the frame received (without their origins), in order. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> commands() {
        return received().stream().map(r -> (Map<String, Object>) r.get("command")).toList();
    }

    /** Waits (up to 15 s) for a received message that matches, and returns it. */
    public Map<String, Object> await(Predicate<Map<String, Object>> message) {
        return chromium.await(d -> commands().stream().filter(message).findFirst().orElse(null));
    }

    /** Waits for the first message of this type. */
    public Map<String, Object> awaitType(String type) {
        return await(m -> type.equals(m.get("type")));
    }

    /** Waits for the {@code rc-post-message-response} answering the call-out with this request id. */
    public Map<String, Object> awaitResponse(String requestId) {
        return await(m -> "rc-post-message-response".equals(m.get("type")) && requestId.equals(m.get("responseId")));
    }
}

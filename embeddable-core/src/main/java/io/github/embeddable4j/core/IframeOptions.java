package io.github.embeddable4j.core;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Attributes of the {@code <iframe>} form of the widget. Immutable; each {@code with...} method returns a copy.
 *
 * <pre>{@code embeddable.iframeTag(IframeOptions.defaults().withId("phone").withSize("100%", "600"))}</pre>
 */
public final class IframeOptions {

    /** The widget needs the microphone for calls and autoplay for ringing. */
    public static final String DEFAULT_ALLOW = "microphone; autoplay";
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_:.-]{0,127}");
    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,5}(px|%)?");
    private static final IframeOptions DEFAULTS = new IframeOptions(null, "RingCentral phone", "300", "500", DEFAULT_ALLOW);

    private final @Nullable String id;
    private final String title;
    private final String width;
    private final String height;
    private final String allow;

    private IframeOptions(@Nullable String id, String title, String width, String height, String allow) {
        this.id = id;
        this.title = title;
        this.width = width;
        this.height = height;
        this.allow = allow;
    }

    /** No id, title "RingCentral phone", 300 by 500 (the floating widget's size), {@value #DEFAULT_ALLOW}. */
    public static IframeOptions defaults() {
        return DEFAULTS;
    }

    /** The element id, so scripts can find the frame. @throws IllegalArgumentException if not a plain id */
    public IframeOptions withId(@Nullable String id) {
        if (id != null && !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a plain element id; use letters, digits, '-', '_', ':' or '.'");
        }
        return new IframeOptions(id, title, width, height, allow);
    }

    /** The accessible title screen readers announce for the frame. @throws IllegalArgumentException on control characters */
    public IframeOptions withTitle(String title) {
        return new IframeOptions(id, plainText("title", title), width, height, allow);
    }

    /** Width and height in pixels ({@code "300"}, {@code "300px"}) or percent ({@code "100%"}). */
    public IframeOptions withSize(String width, String height) {
        return new IframeOptions(id, title, length("width", width), length("height", height), allow);
    }

    /** The permissions delegated to the frame; keep {@code microphone} or calls cannot work. */
    public IframeOptions withAllow(String allow) {
        return new IframeOptions(id, title, width, height, plainText("allow", allow));
    }

    /** Control characters have no business in these attributes, and some do not survive HTML character references. */
    private static String plainText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the " + name + " contains control characters; remove them");
        }
        return value;
    }

    private static String length(String name, String value) {
        Objects.requireNonNull(value, name);
        if (!LENGTH.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a " + name + "; write pixels such as 500 or a percentage such as 100%");
        }
        return value.endsWith("px") ? value.substring(0, value.length() - 2) : value;
    }

    /** The element id, or null when the frame has none. */
    public @Nullable String id() {
        return id;
    }

    /** The accessible title. */
    public String title() {
        return title;
    }

    /** The width: pixels without a unit, or a percentage. */
    public String width() {
        return width;
    }

    /** The height: pixels without a unit, or a percentage. */
    public String height() {
        return height;
    }

    /** The permissions delegated to the frame (its {@code allow} attribute). */
    public String allow() {
        return allow;
    }
}

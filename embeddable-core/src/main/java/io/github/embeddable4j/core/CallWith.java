package io.github.embeddable4j.core;

/** The widget's default calling option ({@code defaultCallWith}). */
public enum CallWith implements WireValue {
    /** Calls in the browser (WebRTC), the widget's default. */
    BROWSER("browser"),
    /** Calls through the RingCentral desktop app. */
    JUPITER("jupiter"),
    /** Calls through the RingCentral Phone softphone. */
    SOFTPHONE("softphone"),
    /** RingOut: RingCentral calls your phone first, then the other party. */
    RINGOUT("ringout");

    private final String wireValue;

    CallWith(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** Parses {@code browser}, {@code jupiter}, {@code softphone} or {@code ringout}, ignoring case. */
    public static CallWith parse(String value) {
        return WireValue.parse(CallWith.class, "calling option", value);
    }
}

package io.github.embeddable4j.core;

/**
 * A brand build of the widget. In loader mode the brand picks the file ({@code adapter.att.js}); in iframe
 * mode it is passed as {@code brand=att}.
 */
public enum Brand implements WireValue {
    /** RingCentral, the default build ({@code adapter.js}). */
    RC("rc"),
    /** AT&amp;T Office@Hand; needs the {@code .biz} platform ({@link AppServer#RINGCENTRAL_BIZ}). */
    ATT("att"),
    /** The {@code bt} brand build. */
    BT("bt"),
    /** The {@code telus} brand build. */
    TELUS("telus"),
    /** The {@code atos} brand build. */
    ATOS("atos"),
    /** The {@code avaya} brand build. */
    AVAYA("avaya"),
    /** The {@code rainbow} brand build. */
    RAINBOW("rainbow");

    private final String wireValue;

    Brand(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The loader file for this brand: {@code adapter.js} for RingCentral, {@code adapter.<brand>.js} otherwise. */
    String adapterFile() {
        return this == RC ? "adapter.js" : "adapter." + wireValue + ".js";
    }

    /** Parses a brand code such as {@code att}, ignoring case. */
    public static Brand parse(String value) {
        return WireValue.parse(Brand.class, "brand", value);
    }
}

package io.github.embeddable4j.core;

/** The side of the page the floating widget's badge docks to ({@code defaultDirection}, loader only). */
public enum Direction implements WireValue {
    /** Dock on the left. */
    LEFT("left"),
    /** Dock on the right, the widget's default. */
    RIGHT("right");

    private final String wireValue;

    Direction(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** Parses {@code left} or {@code right}, ignoring case. */
    public static Direction parse(String value) {
        return WireValue.parse(Direction.class, "direction", value);
    }
}

package io.github.embeddable4j.core.message;

/** The presence a user sets ({@code userStatus} of {@code rc-adapter-set-presence}). */
public enum UserStatus {
    AVAILABLE("Available"),
    BUSY("Busy"),
    OFFLINE("Offline");

    private final String wireValue;

    UserStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value the widget reads, such as {@code Available}. */
    public String wireValue() {
        return wireValue;
    }
}

package io.github.embeddable4j.core;

import java.util.Objects;

/**
 * One thing wrong with (or worth knowing about) a configuration: the property, what is wrong, and how to fix it.
 *
 * @param property the setting's name as the widget spells it, such as {@code clientId}
 * @param message  what is wrong, in one sentence
 * @param fix      what to change, in one sentence
 */
public record ConfigProblem(String property, String message, String fix) {

    public ConfigProblem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** {@code property: message Fix: fix}, on one line. */
    @Override
    public String toString() {
        return property + ": " + message + " Fix: " + fix;
    }
}

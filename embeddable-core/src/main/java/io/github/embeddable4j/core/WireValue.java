package io.github.embeddable4j.core;

import java.util.Locale;
import java.util.StringJoiner;

/** A setting with a closed set of values, each written to the widget as a fixed string. */
interface WireValue {

    /** The value as the widget reads it. */
    String wireValue();

    /** Finds the constant whose wire value (or constant name) matches, ignoring case, or explains the choices. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String setting, String value) {
        String v = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.wireValue().equalsIgnoreCase(v) || constant.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return constant;
            }
        }
        StringJoiner choices = new StringJoiner(", ");
        for (E constant : type.getEnumConstants()) {
            choices.add(constant.wireValue());
        }
        throw new IllegalArgumentException("'" + value + "' is not a " + setting + "; write one of " + choices
                .toString().toLowerCase(Locale.ROOT));
    }
}

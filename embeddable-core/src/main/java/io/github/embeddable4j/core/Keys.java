package io.github.embeddable4j.core;

import java.util.Locale;

/** Relaxed-key helpers: {@code clientId}, {@code client-id}, {@code client_id} and {@code CLIENT_ID} are one key. */
final class Keys {
    private Keys() {
    }

    static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_' && c != '.' && !Character.isWhitespace(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    static String kebab(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                boolean prevLower = Character.isLowerCase(camel.charAt(i - 1));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (prevLower || (nextLower && Character.isUpperCase(camel.charAt(i - 1)))) {
                    sb.append('-');
                }
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A setting's name written the way {@code typed} (a key as a user wrote it, without prefix) is written:
     * {@code DISABLE_CALL} for {@code CLIENT_ID}, {@code disable-call} for {@code client-id}, {@code disable_call}
     * for {@code client_id}, {@code disable.call} for {@code client.id}, {@code DISABLE_CALL} for one upper-case word
     * ({@code HOSTING}) and {@code disable-call} for a lower-case one ({@code hosting}), else (camel case) the widget's
     * own {@code disableCall}.
     */
    static String inStyleOf(String typed, String setting) {
        if (setting.startsWith("params.")) {
            return setting;
        }
        String kebab = EmbeddableConfig.kebabKey(setting);
        boolean anyLower = !typed.equals(typed.toUpperCase(Locale.ROOT));
        boolean anyUpper = !typed.equals(typed.toLowerCase(Locale.ROOT));
        // one word carries no separator to copy: HOSTING is a variable's, hosting a property's (a re-check trial's
        // warning read "set RINGCENTRAL_EMBEDDABLE_clientId" with only RINGCENTRAL_EMBEDDABLE_HOSTING set)
        if (!anyLower && (typed.indexOf('_') >= 0 || anyUpper)) {
            return kebab.replace('-', '_').toUpperCase(Locale.ROOT);
        }
        if (typed.indexOf('-') >= 0) {
            return kebab;
        }
        if (typed.indexOf('_') >= 0) {
            return kebab.replace('-', '_');
        }
        if (typed.indexOf('.') >= 0) { // Quarkus reads RINGCENTRAL_EMBEDDABLE_DISABLE_CAL as ringcentral.embeddable.disable.cal
            return kebab.replace('-', '.');
        }
        return anyUpper ? setting : kebab;
    }
}

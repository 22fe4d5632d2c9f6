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
}

package io.github.embeddable4j.core.graduation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Makes browser-supplied values safe to store as keys: short, plain ASCII values stay as they are (so the store shows
 * real message ids); anything longer or with other characters becomes {@code #} and a SHA-256 prefix. {@code #} is not
 * a plain character, so a hashed key never equals a plain one.
 */
final class StoredKeys {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@+\\-]+");

    private StoredKeys() {
    }

    static String fit(String value, int maxLength) {
        Objects.requireNonNull(value, "value");
        if (!value.isEmpty() && value.length() <= maxLength && PLAIN.matcher(value).matches()) {
            return value;
        }
        String hash = HexFormat.of().formatHex(sha256(value));
        return "#" + hash.substring(0, Math.min(hash.length(), maxLength - 1));
    }

    static String fit(String key) {
        return fit(key, GraduationStore.MAX_KEY_LENGTH);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must have it
        }
    }
}

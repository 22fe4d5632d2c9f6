package io.github.embeddable4j.core.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the widget's {@code externalAuthId} from the application's user identifier and a server key:
 * {@code base64url(HMAC-SHA256(key, "embeddable4j externalAuthId\0" + appUserId))}, 43 characters. The same user
 * always gets the same id (as long as the key stays the same), two users never share one, and nobody without the key
 * can compute or guess the id of a user. Pass the id your authentication established (never a request parameter).
 *
 * <p>The widget stores the id it last signed in with and uses a handoff's code only for another id; the handoff writes
 * this id tagged with each sign-in ({@link LoginHandoff#widgetExternalAuthId()}), so every handoff signs the widget in.
 * The server compares this id, untagged, to tell a sign-in's user from the next. Keep the key secret and stable: a new
 * key gives every user a new id, and sign-ins and handoffs started under the old one are refused as another user's.
 *
 * <pre>{@code ExternalAuthIds ids = ExternalAuthIds.withKey(keyFromYourSecretStore); String id = ids.forAppUser("user-42");}</pre>
 */
public final class ExternalAuthIds {

    /** The shortest key accepted: as long as the HMAC-SHA256 output. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    /** Separates this use of the key from any other the application may make of it. */
    private static final byte[] LABEL = "embeddable4j externalAuthId\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINGERPRINT_LABEL = "embeddable4j key fingerprint\0".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final String fingerprint;

    private ExternalAuthIds(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.fingerprint = hmac(FINGERPRINT_LABEL, new byte[0]).substring(0, 8);
    }

    /**
     * @param key at least {@value #MIN_KEY_BYTES} secret bytes (copied), such as {@link #newKey()} stored once
     * @throws IllegalArgumentException when the key is shorter
     */
    public static ExternalAuthIds withKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The externalAuthId key has " + key.length + " bytes; use at least "
                    + MIN_KEY_BYTES + " random bytes (ExternalAuthIds.newKey(), kept in your secret store)");
        }
        byte[] copy = Arrays.copyOf(key, key.length);
        return new ExternalAuthIds(copy);
    }

    /** 32 random bytes to use as a key; generate once and keep it with your other secrets. */
    public static byte[] newKey() {
        byte[] key = new byte[MIN_KEY_BYTES];
        PkcePair.RANDOM.nextBytes(key);
        return key;
    }

    /**
     * The id for an application user.
     *
     * @param appUserId the stable identifier your authentication established for the user (not a display name
     *                  that may change, never a request parameter)
     */
    public String forAppUser(String appUserId) {
        if (appUserId == null || appUserId.isEmpty()) {
            throw new IllegalArgumentException("appUserId is empty: an externalAuthId needs a signed-in application user");
        }
        return hmac(LABEL, appUserId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Names the key without giving it away: 8 characters of a digest under another label than the ids', the same on
     * every instance that has the same key. Instances of one application must share the key (a user's id from one
     * would not match the other's), and a difference showed only as a user's failed sign-in (a cluster trial).
     */
    String fingerprint() {
        return fingerprint;
    }

    private String hmac(byte[] label, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call
            mac.init(key);
            mac.update(label);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** Masks the key. */
    @Override
    public String toString() {
        return "ExternalAuthIds[key=***]";
    }
}

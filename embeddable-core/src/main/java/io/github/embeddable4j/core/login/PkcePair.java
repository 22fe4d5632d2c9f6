package io.github.embeddable4j.core.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A PKCE pair (RFC 7636) with the S256 method: a verifier of 32 random bytes in base64url (43 characters) and its
 * challenge, {@code base64url(SHA-256(verifier))}. The challenge goes to the authorize request, the verifier stays on
 * the server until it is handed to the widget with the code. {@link #toString()} masks the verifier.
 */
public final class PkcePair {

    /** The only challenge method produced: the plain method would put the verifier itself in the browser's URL bar. */
    public static final String METHOD = "S256";

    static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final String verifier;
    private final String challenge;

    private PkcePair(String verifier) {
        this.verifier = verifier;
        this.challenge = s256Challenge(verifier);
    }

    /** A new pair from 32 bytes of a {@link SecureRandom}. */
    public static PkcePair generate() {
        return new PkcePair(randomBase64Url(32));
    }

    /** The pair for a given verifier. */
    public static PkcePair ofVerifier(String verifier) {
        requireVerifier(verifier);
        return new PkcePair(verifier);
    }

    /** {@code base64url(SHA-256(verifier))} without padding. */
    public static String s256Challenge(String verifier) {
        requireVerifier(verifier);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static void requireVerifier(String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("A PKCE code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
        }
    }

    static String randomBase64Url(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }

    /** The verifier (a secret until the code is exchanged). */
    public String verifier() {
        return verifier;
    }

    /** The S256 challenge. */
    public String challenge() {
        return challenge;
    }

    /** {@value #METHOD}. */
    public String challengeMethod() {
        return METHOD;
    }

    /** Masks the verifier. */
    @Override
    public String toString() {
        return "PkcePair[verifier=***, challenge=" + challenge + ", method=" + METHOD + "]";
    }
}

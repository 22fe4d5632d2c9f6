package io.github.embeddable4j.core.login;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A one-time sign-in for one page render: an authorization code the server caught at the widget's redirect URI
 * without exchanging it, the PKCE verifier it was requested with, the redirect URI it was issued for, and the
 * {@code externalAuthId} of the application's user. The widget exchanges the code itself (PKCE, no secret), with its
 * own configured {@code redirectUri} as {@code redirect_uri}, so the code must have been issued for exactly that URI.
 *
 * <p>It is not configuration: render it only through the {@code ...WithLoginHandoff} methods of
 * {@link io.github.embeddable4j.core.Embeddable}, per request, into one page, then forget it (a code works once).
 * {@link #toString()} masks the code and the verifier. Serializable so that session stores that serialize
 * attributes can hold it for the moment between the callback and the next page.
 */
public final class LoginHandoff implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int MAX_CODE_LENGTH = 4096;
    private static final byte[] TAG_LABEL = "embeddable4j sign-in tag\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final String authorizationCode;
    private final String codeVerifier;
    private final String redirectUri;
    private final String externalAuthId;

    private LoginHandoff(String authorizationCode, String codeVerifier, String redirectUri, String externalAuthId) {
        this.authorizationCode = authorizationCode;
        this.codeVerifier = codeVerifier;
        this.redirectUri = redirectUri;
        this.externalAuthId = externalAuthId;
    }

    /**
     * @param authorizationCode the code from the authorization server's redirect, not exchanged
     * @param codeVerifier      the PKCE verifier whose S256 challenge the code was requested with
     * @param redirectUri       the redirect URI the code was issued for (the widget's configured {@code redirectUri})
     * @param externalAuthId    the application user's id for the widget (see {@link ExternalAuthIds})
     * @throws IllegalArgumentException when a value is missing or malformed
     */
    public static LoginHandoff of(String authorizationCode, String codeVerifier, String redirectUri, String externalAuthId) {
        requirePrintable(authorizationCode, "authorizationCode", MAX_CODE_LENGTH);
        PkcePair.requireVerifier(codeVerifier);
        requirePrintable(redirectUri, "redirectUri", 2048);
        requirePrintable(externalAuthId, "externalAuthId", 256);
        return new LoginHandoff(authorizationCode, codeVerifier, redirectUri, externalAuthId);
    }

    private static void requirePrintable(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException(name + " must be printable ASCII without spaces");
            }
        }
    }

    /** The authorization code (a secret until the widget has exchanged it). */
    public String authorizationCode() {
        return authorizationCode;
    }

    /** The PKCE code verifier (a secret). */
    public String codeVerifier() {
        return codeVerifier;
    }

    /** The redirect URI the code was issued for. */
    public String redirectUri() {
        return redirectUri;
    }

    /** The application user's id for the widget ({@link ExternalAuthIds}), the same at every sign-in of that user. */
    public String externalAuthId() {
        return externalAuthId;
    }

    /**
     * The {@code externalAuthId} written into the widget's URL: the user's ({@link #externalAuthId()}), a dot, and a tag
     * of this sign-in (11 base64url characters of a SHA-256 of the code). The widget skips a code whose id equals the
     * last one it logged in with, which it keeps in its storage and clears neither at a logout nor at a login made in
     * its own popup: with the user's id alone, a page could leave it on another user's restored login (that user
     * signed in through the popup since) and the code unspent in the page's URLs. New with every sign-in, the id
     * makes the widget always use the code.
     *
     * <pre>{@code handoff.widgetExternalAuthId()  // "Jx0...Q.kT3v9aQ1xZc"}</pre>
     */
    public String widgetExternalAuthId() {
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            sha256.update(TAG_LABEL);
            byte[] digest = sha256.digest(authorizationCode.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return externalAuthId + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                    .substring(0, 11);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /** Masks the code and the verifier. */
    @Override
    public String toString() {
        return "LoginHandoff[authorizationCode=***, codeVerifier=***, redirectUri=" + redirectUri
                + ", externalAuthId=" + externalAuthId + "]";
    }
}

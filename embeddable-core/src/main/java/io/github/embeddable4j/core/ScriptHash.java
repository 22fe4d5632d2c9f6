package io.github.embeddable4j.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** CSP hash sources for inline scripts. */
final class ScriptHash {

    private ScriptHash() {
    }

    /** {@code 'sha256-<base64>'} of the script's UTF-8 text, as a browser computes it for {@code script-src}. */
    static String sha256Source(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

package io.github.embeddable4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The client glue, {@code embeddable4j.js}: the script in this jar that the adapters put into pages (the bridges serve
 * it; the Vaadin component sends its text), and its version: a hash of its bytes. It is kept beside this class, not in
 * {@code META-INF/resources}, which servers publish as static files by themselves (Quarkus answered its bridge's path
 * with that copy, cached for a day and without the validator, before the bridge could). A server that serves it puts the version in its validator, so a browser never runs last release's script
 * against an upgraded server.
 *
 * <pre>{@code response.setHeader("ETag", "\"" + ClientGlue.version() + "\"");}</pre>
 */
@Internal("embeddable4j's adapters, which serve or load the client glue")
public final class ClientGlue {

    /** Where the glue is served, relative to the application's context path. */
    public static final String PATH = "/embeddable4j/embeddable4j.js";
    static final String RESOURCE = "/io/github/embeddable4j/core/embeddable4j.js";

    private ClientGlue() {
    }

    /** The script, read from this jar each call (adapters keep it). */
    public static byte[] bytes() {
        try (InputStream in = ClientGlue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embeddable-core is missing " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hash of the script (22 URL-safe characters), different for every change of it. */
    public static String version() {
        return Version.VALUE;
    }

    /** Computed on first use: a message digest costs start-up time an application without the glue never needs. */
    private static final class Version {
        static final String VALUE = hash(bytes());
    }

    static String hash(byte[] script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script);
            return new String(Base64.getUrlEncoder().withoutPadding().encode(digest), StandardCharsets.US_ASCII)
                    .substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

package io.github.embeddable4j.core;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The RingCentral platform server the widget signs in to (the widget's {@code appServer} parameter).
 *
 * <pre>{@code AppServer server = AppServer.parse("sandbox"); // same as AppServer.SANDBOX}</pre>
 */
public final class AppServer {

    /** Production, the widget's default. */
    public static final AppServer PRODUCTION = new AppServer("https://platform.ringcentral.com", "production");
    /** The developer sandbox. */
    public static final AppServer SANDBOX = new AppServer("https://platform.devtest.ringcentral.com", "sandbox");
    /** The {@code .biz} platform (AT&amp;T Office@Hand brand). */
    public static final AppServer RINGCENTRAL_BIZ = new AppServer("https://platform.ringcentral.biz", "ringcentral-biz");

    private final String origin;
    private final String name;

    private AppServer(String origin, String name) {
        this.origin = origin;
        this.name = name;
    }

    /**
     * Parses a server name ({@code production}, {@code sandbox}, {@code ringcentral-biz}, in any case; also
     * {@code prod}, {@code devtest}, the sandbox's host name, and {@code biz}) or a custom {@code https://} origin
     * with no path, query, fragment or user info.
     *
     * @throws IllegalArgumentException with a message that says what to write instead
     */
    public static AppServer parse(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "production", "prod" -> { return PRODUCTION; }
            case "sandbox", "devtest" -> { return SANDBOX; }
            case "ringcentral-biz", "ringcentral_biz", "biz" -> { return RINGCENTRAL_BIZ; }
            default -> { }
        }
        String origin = Urls.requireOrigin(trimmed, false);
        // The widget itself refuses any server containing "javascript" and falls back to production silently.
        if (origin.toLowerCase(Locale.ROOT).contains("javascript")) {
            throw new IllegalArgumentException("'" + Urls.shown(trimmed) + "' contains \"javascript\", which the widget refuses;"
                    + " use the server's plain https:// origin");
        }
        for (AppServer known : new AppServer[] {PRODUCTION, SANDBOX, RINGCENTRAL_BIZ}) {
            if (known.origin.equals(origin)) {
                return known;
            }
        }
        return new AppServer(origin, origin);
    }

    /** The server's origin, such as {@code https://platform.ringcentral.com}. */
    public String origin() {
        return origin;
    }

    /** {@code production}, {@code sandbox}, {@code ringcentral-biz}, or the origin of a custom server. */
    public String name() {
        return name;
    }

    /** Whether this is one of RingCentral's own platforms rather than a custom server (an auth proxy, say). */
    public boolean isRingCentral() {
        String host = URI.create(origin).getHost();
        return host.endsWith(".ringcentral.com") || host.endsWith(".ringcentral.biz");
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AppServer server && server.origin.equals(origin);
    }

    @Override
    public int hashCode() {
        return origin.hashCode();
    }

    @Override
    public String toString() {
        return name.equals(origin) ? origin : name + " (" + origin + ")";
    }
}

package io.github.embeddable4j.core;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The host name a page was served from, as events and call-outs carry it ({@code event.host()}): the name the server
 * resolved for the request, in lower case, without the trailing dot of a fully qualified name, an IPv6 address in
 * brackets, without a port. A name comes from the
 * request's {@code Host} header, so from the client: one with characters no host name has is no name (it could forge
 * log lines). Key a map of tenants by host with it, and look up a request's {@code getServerName()} with it too, so
 * that {@code ACME.crm.example.} finds the tenant its events name.
 *
 * <pre>{@code HostNames.normalize("ACME.crm.example.")  // "acme.crm.example"}</pre>
 */
public final class HostNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9._~-]{1,253}|\\[[0-9a-f:.%]{2,60}]");

    private HostNames() {
    }

    /** A server name ({@code getServerName()}, a URI's host) as a host key, or null for none or one no host has. */
    public static @Nullable String normalize(@Nullable String name) {
        if (name == null) {
            return null;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.indexOf(':') >= 0 && !lower.startsWith("[")) {
            lower = "[" + lower + "]"; // an IPv6 address, as some containers give it
        } else if (lower.length() > 1 && lower.endsWith(".") && !lower.endsWith("..")) {
            // acme.example. is acme.example written fully qualified, and browsers send it as typed
            lower = lower.substring(0, lower.length() - 1);
        }
        return NAME.matcher(lower).matches() ? lower : null;
    }

    /** The host of a {@code Host} header ({@code name[:port]}), normalized, or null. */
    public static @Nullable String ofHostHeader(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        int colon = value.lastIndexOf(':');
        if (colon > value.lastIndexOf(']')) {
            value = value.substring(0, colon);
        }
        return normalize(value);
    }
}

package io.github.embeddable4j.core.setup;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who may see the setup page without a role: a browser on the same machine. That is a request whose remote address
 * is a loopback address <em>and</em> that carries no proxy header naming any other client: a reverse proxy on the same
 * machine connects from loopback too, but says in {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} whom
 * it forwards for. Anything that cannot be read as a loopback IP address (a host name, {@code unknown}, an obfuscated
 * {@code _hidden} identifier, an empty value) counts as elsewhere. No name is ever looked up. The request must also
 * name this machine in its {@code Host} header ({@code localhost}, a {@code .localhost} name or a loopback address,
 * any port): a page of another site whose name an attacker points at 127.0.0.1 (DNS rebinding) reaches the
 * application from the developer's own browser, on loopback, but with the attacker's name as its {@code Host}.
 *
 * <pre>{@code boolean local = SetupAccess.fromLocalhost(request.getRemoteAddr(), name -> list(request.getHeaders(name)));}</pre>
 */
public final class SetupAccess {

    /** The headers a proxy puts the client's address in. */
    public static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z._-]+)?");

    private SetupAccess() {
    }

    /**
     * Whether a request comes from this machine.
     *
     * @param remoteAddress the address the connection comes from, as the container reports it
     * @param headerValues  every value of a request header (all of them when it is repeated), or an empty list
     */
    public static boolean fromLocalhost(@Nullable String remoteAddress, Function<String, List<String>> headerValues) {
        if (!isLoopback(remoteAddress)) {
            return false;
        }
        for (String host : headerValues.apply("Host")) {
            if (!namesLoopback(host)) {
                return false;
            }
        }
        for (String value : headerValues.apply("X-Forwarded-For")) {
            for (String entry : value.split(",", -1)) {
                if (!isLoopback(entry)) {
                    return false;
                }
            }
        }
        for (String value : headerValues.apply("X-Real-IP")) {
            if (!isLoopback(value)) {
                return false;
            }
        }
        for (String value : headerValues.apply("Forwarded")) {
            for (String element : value.split(",", -1)) {
                if (!forwardsForLoopback(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a {@code Host} header names this machine: {@code localhost}, {@code *.localhost}, a loopback address. */
    private static boolean namesLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        String name = !h.startsWith("[") && colon >= 0 && colon == h.indexOf(':') ? h.substring(0, colon) : h;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // the absolute form of a name
        }
        return name.equals("localhost") || (name.endsWith(".localhost") && name.length() > ".localhost".length())
                || isLoopback(h);
    }

    /** One element of a {@code Forwarded} header (RFC 7239): its {@code for=} must be a loopback address. */
    private static boolean forwardsForLoopback(String element) {
        String forValue = null;
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                forValue = pair.substring(eq + 1);
            }
        }
        return forValue != null && isLoopback(forValue);
    }

    /**
     * Whether an address written as an IP literal is a loopback address: {@code 127.0.0.0/8}, {@code ::1}, or an
     * IPv4-mapped {@code ::ffff:127.x.y.z}. Accepts quotes, {@code [v6]} brackets and a port ({@code 127.0.0.1:8080},
     * {@code "[::1]:4711"}), as proxies write them. Host names are never loopback here, not even {@code localhost}.
     */
    public static boolean isLoopback(@Nullable String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim();
        if (a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"")) {
            a = a.substring(1, a.length() - 1).trim();
        }
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || !(close == a.length() - 1 || a.charAt(close + 1) == ':')) {
                return false;
            }
            a = a.substring(1, close);
        } else if (a.indexOf(':') >= 0 && a.indexOf(':') == a.lastIndexOf(':')) {
            a = a.substring(0, a.indexOf(':')); // IPv4 with a port; a bare IPv6 address has several colons
        }
        var v4 = IPV4.matcher(a);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(1).equals("127");
        }
        if (a.indexOf(':') < 0 || !IPV6.matcher(a).matches()) {
            return false;
        }
        // read by hand: InetAddress looks up what does not start as a literal does ('.::1', a review found)
        return io.github.embeddable4j.core.IpAddresses.isIpv6Loopback(a);
    }
}

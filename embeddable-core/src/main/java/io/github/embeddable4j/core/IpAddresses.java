package io.github.embeddable4j.core;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * IP address literals, read by hand: never looked up, whatever a forwarding header put there ({@code InetAddress}
 * resolves a string that does not start as a literal does, {@code .::1} say, through the system's resolver).
 * A client address as the bridge's limits count it ({@link #clientGroup}): an IPv6 address by its /64, an
 * IPv4-mapped one as its IPv4 address, anything else as written. One IPv6 client holds a whole /64 (the smallest
 * prefix a network hands out), so keyed by its full address it could send each request from a new one and pass every
 * per-address limit (a review: 64 stalled bodies from one /64, twice the cap).
 */
@Internal("embeddable4j's bridge limits and the setup page's same-machine rule")
public final class IpAddresses {

    private IpAddresses() {
    }

    /** {@code 2001:db8:0:1::7} is {@code 2001:db8:0:1::/64}; {@code ::ffff:192.0.2.1} is {@code 192.0.2.1}. */
    public static String clientGroup(String address) {
        if (address.indexOf(':') < 0) {
            return address; // IPv4, or whatever the container gave
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        int[] groups = ipv6Groups(zone < 0 ? literal : literal.substring(0, zone));
        if (groups == null) {
            return address;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return String.format(Locale.ROOT, "%x:%x:%x:%x::/64", groups[0], groups[1], groups[2], groups[3]);
    }

    /**
     * Whether an IPv6 literal (no brackets; a zone id is ignored) is a loopback address: {@code ::1}, or an IPv4-mapped
     * {@code ::ffff:127.x.x.x}; false for anything that is no IPv6 literal.
     */
    public static boolean isIpv6Loopback(String literal) {
        int zone = literal.indexOf('%');
        int[] g = ipv6Groups(zone < 0 ? literal : literal.substring(0, zone));
        if (g == null || g[0] != 0 || g[1] != 0 || g[2] != 0 || g[3] != 0 || g[4] != 0) {
            return false;
        }
        return g[5] == 0 && g[6] == 0 && g[7] == 1 || g[5] == 0xffff && g[6] >> 8 == 127;
    }

    /** The eight 16-bit groups of an IPv6 literal (a trailing dotted IPv4 part is two), or null when it is none. */
    public static int @Nullable [] ipv6Groups(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groupsOf(text) : gap == 0 ? new int[0] : groupsOf(text.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : gap + 2 == text.length() ? new int[0] : groupsOf(text.substring(gap + 2));
        if (head == null || tail == null || head.length + tail.length > (gap < 0 ? 8 : 7)
                || gap < 0 && head.length != 8) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        return all;
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address (two groups). */
    private static int @Nullable [] groupsOf(String text) {
        String[] parts = text.split(":", -1);
        boolean dotted = parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (dotted && i == parts.length - 1) {
                String[] octets = part.split("\\.", -1);
                if (octets.length != 4) {
                    return null;
                }
                int[] values = new int[4];
                for (int o = 0; o < 4; o++) {
                    if (octets[o].isEmpty() || octets[o].length() > 3 || !octets[o].chars().allMatch(c -> c >= '0' && c <= '9')
                            || (values[o] = Integer.parseInt(octets[o])) > 255) {
                        return null;
                    }
                }
                groups[i] = values[0] << 8 | values[1];
                groups[i + 1] = values[2] << 8 | values[3];
            } else {
                if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                    return null;
                }
                groups[i] = Integer.parseInt(part, 16);
            }
        }
        return groups;
    }
}

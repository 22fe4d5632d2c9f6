package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the bridge's per-address limits name a client: an IPv6 client holds a /64, so that is its address. */
class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.3 | 10.0.0.3",
            "2001:db8:0:1::7 | 2001:db8:0:1::/64",
            "2001:0DB8:0000:0001:ffff:1:2:3 | 2001:db8:0:1::/64",
            "[2001:db8:0:1::7] | 2001:db8:0:1::/64",
            "fe80::1%eth0 | fe80:0:0:0::/64",
            "0:0:0:0:0:0:0:1 | 0:0:0:0::/64",
            "::1 | 0:0:0:0::/64",
            ":: | 0:0:0:0::/64",
            "2001:db8:: | 2001:db8:0:0::/64",
            "::ffff:192.0.2.1 | 192.0.2.1",
            "0:0:0:0:0:ffff:c000:201 | 192.0.2.1",
            "64:ff9b::192.0.2.1 | 64:ff9b:0:0::/64",
            // not addresses: kept as written, never looked up
            "2001:db8::1::2 | 2001:db8::1::2",
            "1:2:3:4:5:6:7:8:9 | 1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7 | 1:2:3:4:5:6:7",
            "12345::1 | 12345::1",
            "example.com:80 | example.com:80",
            "::ffff:300.0.2.1 | ::ffff:300.0.2.1",
            "::ffff:١.0.2.1 | ::ffff:١.0.2.1",
            "unix:/tmp/socket | unix:/tmp/socket"})
    void anIpv6AddressIsItsSlash64(String address, String group) {
        assertThat(IpAddresses.clientGroup(address)).isEqualTo(group);
    }

    /** Loopback as the setup page reads it, by hand: {@code .::1} reached the system's resolver through InetAddress. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"::1 | true", "0:0:0:0:0:0:0:1 | true", "::1%lo | true", "::ffff:127.0.0.1 | true",
            "::ffff:7f00:2 | true", "::ffff:10.0.0.1 | false", "::127.0.0.1 | false", "::2 | false", "fe80::1 | false",
            ".::1 | false", "::1:: | false", "localhost | false", " | false"})
    void loopbackIsReadWithoutALookup(String literal, boolean loopback) {
        assertThat(IpAddresses.isIpv6Loopback(literal == null ? "" : literal)).isEqualTo(loopback);
    }
}

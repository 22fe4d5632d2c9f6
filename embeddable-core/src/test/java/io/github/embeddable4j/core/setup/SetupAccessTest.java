package io.github.embeddable4j.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetupAccessTest {

    private static boolean local(String remote, Map<String, List<String>> headers) {
        return SetupAccess.fromLocalhost(remote, name -> headers.getOrDefault(name, List.of()));
    }

    @Test
    void loopbackAddressesInEveryFormProxiesWrite() {
        for (String a : List.of("127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]", "[::1]:4711", "\"[::1]:4711\"",
                "127.0.0.1:8080", " 127.0.0.1 ", "::ffff:127.0.0.1", "[0:0:0:0:0:0:0:1]")) {
            assertThat(SetupAccess.isLoopback(a)).as(a).isTrue();
        }
        for (String a : List.of("", "localhost", "unknown", "_hidden", "10.0.0.1", "192.168.1.2", "203.0.113.9", "::2",
                "2001:db8::1", "[2001:db8:cafe::17]:4711", "127.0.0.256", "1270.0.0.1", "::ffff:10.0.0.1", "[::1", "[::1]x",
                "127.0.0.1.example.com", "fe80::1%eth0")) {
            assertThat(SetupAccess.isLoopback(a)).as(a).isFalse();
        }
        assertThat(SetupAccess.isLoopback(null)).isFalse();
    }

    @Test
    void aLoopbackConnectionIsLocalUnlessAProxyHeaderNamesAnotherClient() {
        assertThat(local("127.0.0.1", Map.of())).isTrue();
        assertThat(local("0:0:0:0:0:0:0:1", Map.of())).isTrue();
        assertThat(local("10.1.2.3", Map.of())).isFalse();
        assertThat(local(null, Map.of())).isFalse();

        assertThat(local("127.0.0.1", Map.of("X-Forwarded-For", List.of("127.0.0.1")))).isTrue();
        assertThat(local("127.0.0.1", Map.of("X-Forwarded-For", List.of("203.0.113.9")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("X-Forwarded-For", List.of("127.0.0.1, 203.0.113.9")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("X-Forwarded-For", List.of("127.0.0.1", "203.0.113.9")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("X-Forwarded-For", List.of("")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("X-Real-IP", List.of("198.51.100.1")))).isFalse();

        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("for=127.0.0.1;proto=http")))).isTrue();
        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("For=\"[::1]:4711\"")))).isTrue();
        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("for=192.0.2.60;proto=http;by=127.0.0.1")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("for=127.0.0.1, for=198.51.100.17")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("proto=https")))).isFalse(); // forwarded for someone unnamed
        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("for=unknown")))).isFalse();
        assertThat(local("127.0.0.1", Map.of("Forwarded", List.of("for=_gazonk")))).isFalse();
    }

    /**
     * DNS rebinding: a site's page, its name pointed at 127.0.0.1 by the attacker, reaches the application from the
     * developer's browser on loopback; only its Host header tells it apart, and the page is refused.
     */
    @Test
    void aLoopbackConnectionForAnotherSitesNameIsNotLocal() {
        for (String host : List.of("localhost", "localhost:8080", "LOCALHOST:8080", "localhost.", "app.localhost:8080",
                "127.0.0.1", "127.0.0.1:8080", "[::1]:8080", "[::1]")) {
            assertThat(local("127.0.0.1", Map.of("Host", List.of(host)))).as(host).isTrue();
        }
        for (String host : List.of("rebind.attacker.example:8080", "attacker.example", "localhost.attacker.example",
                "127.0.0.1.attacker.example", ".localhost", "10.0.0.1:8080", "", "localhost:8080:1")) {
            assertThat(local("127.0.0.1", Map.of("Host", List.of(host)))).as(host).isFalse();
        }
        assertThat(local("127.0.0.1", Map.of("Host", List.of("localhost", "attacker.example")))).isFalse();
    }
}

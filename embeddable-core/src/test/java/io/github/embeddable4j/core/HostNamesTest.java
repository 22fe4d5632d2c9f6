package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    /** Host names are case-insensitive: a tenant map keyed in lower case finds {@code ACME.crm.example}'s events. */
    @Test
    void aNameIsInLowerCase() {
        assertThat(HostNames.normalize("ACME.Crm.example")).isEqualTo("acme.crm.example");
        assertThat(HostNames.ofHostHeader("ACME.crm.example:8443")).isEqualTo("acme.crm.example");
        assertThat(HostNames.ofHostHeader("acme.crm.example")).isEqualTo("acme.crm.example");
    }

    /**
     * {@code acme.example.} (fully qualified) is {@code acme.example}, and browsers send the Host header as the user
     * typed it: a tenant map keyed without the dot finds its events (a trial's selector stripped the dot, and the
     * events' host kept it).
     */
    @Test
    void aFullyQualifiedNameLosesItsTrailingDot() {
        assertThat(HostNames.ofHostHeader("ACME.LOCALHOST.:18400")).isEqualTo("acme.localhost");
        assertThat(HostNames.normalize("acme.example.")).isEqualTo("acme.example");
        assertThat(HostNames.normalize("acme..")).as("not a name a browser sends: left as it is").isEqualTo("acme..");
    }

    /** Containers differ in whether {@code getServerName()} brackets an IPv6 address; the key always has them. */
    @Test
    void anIpv6AddressIsInBracketsWithoutItsPort() {
        assertThat(HostNames.normalize("::1")).isEqualTo("[::1]");
        assertThat(HostNames.normalize("[::1]")).isEqualTo("[::1]");
        assertThat(HostNames.ofHostHeader("[::1]:8080")).isEqualTo("[::1]");
        assertThat(HostNames.ofHostHeader("[FE80::1]")).isEqualTo("[fe80::1]");
    }

    /** A name comes from the client's Host header: one no host has (a line break, markup) would forge log lines. */
    @Test
    void aNameNoHostHasIsNone() {
        assertThat(HostNames.normalize("acme.example\r\nINFO forged")).isNull();
        assertThat(HostNames.normalize("<script>")).isNull();
        assertThat(HostNames.normalize("")).isNull();
        assertThat(HostNames.normalize(null)).isNull();
        assertThat(HostNames.ofHostHeader("a".repeat(254))).isNull();
        assertThat(HostNames.ofHostHeader(null)).isNull(); // an HTTP/1.0 request may have no Host header at all
    }

    /** The records normalize what an adapter gives them, so every adapter's events carry the same key. */
    @Test
    void eventsAndCallersCarryTheNormalizedName() {
        WidgetEvent ring = io.github.embeddable4j.core.message.WidgetEvents.parse("{\"type\":\"rc-call-ring-notify\",\"call\":{\"id\":\"c1\"}}");
        ReceivedWidgetEvent event = new ReceivedWidgetEvent(ring, null, null, Instant.EPOCH, ReceivedWidgetEvent.Channel.VAADIN,
                null, null, "Globex.example.com");
        assertThat(event.host()).isEqualTo("globex.example.com");
        assertThat(new Caller(null, null, null, "::1").host()).isEqualTo("[::1]");
        assertThat(new Caller(null, null, null, "Globex.example.com")).hasToString("Caller[user=-, session=-, host=globex.example.com]");
    }
}

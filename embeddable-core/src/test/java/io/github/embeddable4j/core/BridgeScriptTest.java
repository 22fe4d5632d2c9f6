package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class BridgeScriptTest {

    @Test
    void theTagCarriesTheBridgesSettingsEscapedAndTheNonce() {
        Embeddable e = Embeddable.of(EmbeddableConfig.builder().prefix("crm").build());
        BridgeScript script = BridgeScript.of(e, "/app/embeddable4j/embeddable4j.js", "/app/embeddable4j/events",
                List.of("rc-login-status-notify", "rc-call-ring-notify"));
        String tag = script.tag("n0\"nce", "X-CSRF-TOKEN", "t\"><script>");
        Element el = Jsoup.parse(tag).selectFirst("script");
        assertThat(el.attr("src")).isEqualTo("/app/embeddable4j/embeddable4j.js");
        assertThat(el.attr("data-endpoint")).isEqualTo("/app/embeddable4j/events");
        assertThat(el.attr("data-origins")).isEqualTo("[\"https://apps.ringcentral.com\",\"https://ringcentral.github.io\","
                + "\"https://appconnect.labs.ringcentral.com\"]");
        assertThat(el.attr("data-prefix")).isEqualTo("crm");
        assertThat(el.attr("data-events")).isEqualTo("rc-call-ring-notify,rc-login-status-notify");
        assertThat(el.attr("data-csrf-token")).isEqualTo("t\"><script>");
        assertThat(el.attr("nonce")).isEqualTo("n0\"nce");
        assertThat(el.hasAttr("defer")).isTrue();
        assertThat(Jsoup.parse(tag).select("script")).hasSize(1);
        assertThat(script.tag(null, null, null)).doesNotContain("nonce").doesNotContain("csrf");
    }

    @Test
    void pathsStayOnTheApplicationsOrigin() {
        Embeddable e = Embeddable.of(EmbeddableConfig.defaults());
        for (String bad : new String[] {"https://evil.example/x.js", "//evil.example/x.js", "javascript:alert(1)", "x.js", "/a b"}) {
            assertThatThrownBy(() -> BridgeScript.of(e, bad, "/e", List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BridgeScript.of(e, "/s.js", bad, List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Every adapter's pages decide here: without the mark nothing; with it a page logs out the login its widget
     * restores, unless it carries a new login, which would be logged out with it; that page waits for the login.
     */
    @Test
    void aPageCarryingALoginWaitsForItInsteadOfLoggingOut() {
        String tag = BridgeScript.of(Embeddable.of(EmbeddableConfig.defaults()), "/s.js", "/e", List.of()).tag(null, null,
                null, BridgeScript.SignOutMark.of(true, true), null);
        assertThat(tag).contains(" data-logout=\"login\"");
        assertThat(BridgeScript.SignOutMark.of(true, false)).isEqualTo(BridgeScript.SignOutMark.LOG_OUT);
        assertThat(BridgeScript.SignOutMark.of(false, true)).isEqualTo(BridgeScript.SignOutMark.NONE);
        assertThat(BridgeScript.SignOutMark.of(false, false)).isEqualTo(BridgeScript.SignOutMark.NONE);
    }
}

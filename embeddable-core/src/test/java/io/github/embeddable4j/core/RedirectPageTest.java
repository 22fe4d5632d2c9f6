package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class RedirectPageTest {

    @Test
    void postsTheCallbackToEveryWidgetOriginAndItsCspAllowsExactlyItsScript() throws Exception {
        RedirectPage page = RedirectPage.of(Embeddable.of(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://crm.example.com/rc/redirect").build()));
        // The loader on apps.ringcentral.com may frame ringcentral.github.io: posting to the loader's origin alone
        // meant the popup closed and the widget never got the code.
        assertThat(page.targetOrigins()).containsExactly("https://apps.ringcentral.com", "https://ringcentral.github.io",
                "https://appconnect.labs.ringcentral.com");
        Document doc = Jsoup.parse(page.html());
        assertThat(doc.select("script")).hasSize(1);
        String script = doc.selectFirst("script").data();
        assertThat(script).isEqualTo(page.script())
                .contains("var targets = [\"https://apps.ringcentral.com\", \"https://ringcentral.github.io\", "
                        + "\"https://appconnect.labs.ringcentral.com\"];")
                .contains("window.opener.postMessage({ callbackUri: callbackUri }, t)")
                .contains("window.opener.oAuthCallback(callbackUri)")
                .contains("window.name === 'SSOIframe' ? 'callbackUri' : 'refreshCallbackUri'")
                .doesNotContain("'*'").doesNotContain("localStorage");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.headers().get("Content-Security-Policy")).startsWith("default-src 'none'; script-src 'sha256-" + hash + "'")
                .endsWith("frame-ancestors 'self' https://apps.ringcentral.com https://ringcentral.github.io https://appconnect.labs.ringcentral.com");
        assertThat(page.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Cross-Origin-Opener-Policy", "unsafe-none")
                .containsEntry("Content-Type", "text/html;charset=UTF-8");
        assertThat(doc.select("link, img, iframe, script[src]")).isEmpty(); // no external resources
        assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).isEqualTo(page.html());
    }

    @Test
    void aSelfHostedWidgetGetsItsOwnOriginAndTheAddedOnesOnly() {
        RedirectPage page = RedirectPage.of(Embeddable.of(EmbeddableConfig.builder().hosting("https://cdn.example.com/rc/")
                .frameOrigins("https://frames.example.com").redirectUri("https://crm.example.com/rc/redirect").build()));
        assertThat(page.targetOrigins()).containsExactly("https://cdn.example.com", "https://frames.example.com");
        assertThat(page.script()).doesNotContain("ringcentral.com");
    }

    @Test
    void jsStringEscapingKeepsTextInsideTheStringAndTheElement() {
        assertThat(Escape.jsString("a\"b'c\\d</script><!--\u2028\n&")).isEqualTo(
                "a\\u0022b\\u0027c\\u005cd\\u003c/script\\u003e\\u003c!--\\u2028\\u000a\\u0026");
    }
}

package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one URL check of every configured address (server, redirect URI, origins), to the answer each refusal gives: a
 * refusal must say what is wrong with this value, not a generic "invalid URL" (mutation testing found that which
 * message was given changed no test).
 */
class UrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "javascript:alert(1)|is a javascript: URL, not a web address",
        "data:text/html,x|is a data: URL, not a web address",
        "mailto:a@b.example|is a mailto: URL, not a web address",
        "javascript:1;alert(1)|is a javascript: URL, not a web address",
        "crm.example.com:8443/x|is not an absolute URL",
        "localhost:8080|is not an absolute URL",
        "/ringcentral/redirect|is not an absolute URL",
        "https:///path|is not an absolute URL",
        "//crm.example/x|is not an absolute URL",
        "http:crm.example|is not an absolute URL",
        "https:crm.example|is not an absolute URL",
        "crm.example.com:login|is not an absolute URL",
        "ftp://files.example/x|does not use https",
        "ftp://localhost/x|does not use https",
        "ws://127.0.0.1:8080/x|does not use https",
        "http://crm.example/x|does not use https",
        "https://user:pw@crm.example/x|has user info before the host",
        "https://crm.example/x#top|has a #fragment",
        "https://crm.example/a b|is not a valid URL",
    })
    void eachRefusalSaysWhatIsWrong(String value, String says) {
        assertThatThrownBy(() -> Urls.requireHttpUrl(value, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(says);
    }

    /**
     * A password before the host is never quoted, whichever refusal comes first: the message goes to the start-up log
     * (a log audit found {@code https://bob:hunter2@cdn...} there in full).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "https://bob:hunter2@cdn.example/x|'https://***@cdn.example/x' has user info before the host",
        "http://bob:hunter2@cdn.example/x|'http://***@cdn.example/x' does not use https",
        "https://bob:hunter2@cdn.example/x#top|'https://***@cdn.example/x#top' has user info",
        "https://bob:hunter2@cdn.example/a b|'https://***@cdn.example/a b' is not a valid URL",
        "https://bob:hunter2@x@cdn.example/x|'https://***@cdn.example/x'",
        "  https://bob:hunter2@cdn.example/x|'https://***@cdn.example/x'",
        "bob:hunter2@cdn.example/x|'bob:***@cdn.example/x'",
        "//bob:hunter2@cdn.example/x|'//***@cdn.example/x'",
    })
    void aPasswordInTheUrlIsNotQuoted(String value, String says) {
        assertThatThrownBy(() -> Urls.requireHttpUrl(value, false)).hasMessageContaining(says)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> EmbeddableConfig.builder().hosting(value).build()).hasMessageNotContaining("hunter2");
    }

    /** Every setting that takes a URL or an origin, with a password before its host and each kind of fault. */
    @Test
    void noUrlSettingQuotesAPassword() {
        List<String> keys = new java.util.ArrayList<>(List.of("hosting", "app-server", "frame-origins", "discovery-server"));
        for (WidgetParameter p : WidgetParameter.values()) {
            if (p.type() == WidgetParameter.ValueType.URL) {
                keys.add(p.kebabName());
            }
        }
        assertThat(keys).as("the URL settings").hasSizeGreaterThan(6);
        int refused = 0;
        for (String key : keys) {
            for (String value : List.of("https://bob:hunter2@cdn.example/x", "http://bob:hunter2@cdn.example/x",
                    " https://bob:hunter2@cdn.example/x", "https://bob:hunter2@x@cdn.example/x", "bob:hunter2@cdn.example",
                    "https://bob:hunter2@cdn.example/a b", "https://bob:hunter2@cdn.example/x?q=1",
                    "https://bob:hunter2@javascript.example", "https://bob:hunter2@cdn.example/x/adapter.js")) {
                try {
                    EmbeddableConfig.fromMap(java.util.Map.of(key, value));
                } catch (EmbeddableConfigException e) {
                    refused++;
                    assertThat(e.getMessage()).as(key + "=" + value).doesNotContain("hunter2");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("hunter2"));
                }
            }
        }
        assertThat(refused).as("refusals checked").isGreaterThanOrEqualTo(keys.size() * 4);
    }

    /** Where plain http is never allowed, the refusal does not offer localhost. */
    @Test
    void withoutLoopbackTheRefusalOffersNone() {
        assertThatThrownBy(() -> Urls.requireHttpUrl("http://crm.example/x", false))
                .hasMessage("'http://crm.example/x' does not use https; write an https:// URL");
    }

    /** Plain http only for the machine itself, and only where allowed; the refusal says which hosts count. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/x", "http://LOCALHOST/x", "http://app.localhost:8080/x",
        "http://127.0.0.1:8080/x", "http://[::1]:8080/x"})
    void loopbackHttpIsAllowedWhereAsked(String value) {
        assertThat(Urls.requireHttpUrl(value, true)).hasToString(value);
        assertThatThrownBy(() -> Urls.requireHttpUrl(value, false)).hasMessageEndingWith("write an https:// URL");
    }

    @Test
    void onlyTheLoopbackNamesAreLoopback() {
        for (String host : List.of("localhost", "Localhost", "a.localhost", "127.0.0.1", "[::1]")) {
            assertThat(Urls.isLoopback(host)).as(host).isTrue();
        }
        for (String host : List.of("localhost.example", "notlocalhost", "127.0.0.2", "[::2]", "10.0.0.1")) {
            assertThat(Urls.isLoopback(host)).as(host).isFalse();
        }
        assertThatThrownBy(() -> Urls.requireHttpUrl("http://localhost.example/x", true))
                .hasMessageContaining("plain http:// is allowed only for localhost, 127.0.0.1 and [::1]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://Platform.RingCentral.com|https://platform.ringcentral.com",
        "https://platform.ringcentral.com/|https://platform.ringcentral.com",
        "https://crm.example:443|https://crm.example",
        "https://crm.example:8443|https://crm.example:8443",
        "http://localhost:80|http://localhost",
        "http://localhost:8080|http://localhost:8080",
        // a default port is the scheme's own: 443 is no default for http, 80 none for https
        "http://localhost:443|http://localhost:443",
        "https://crm.example:80|https://crm.example:80",
    })
    void anOriginIsNormalised(String value, String origin) {
        assertThat(Urls.requireOrigin(value, true)).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://crm.example/app", "https://crm.example/?x=1", "https://crm.example?x=1"})
    void anOriginHasNoPathOrQuery(String value) {
        assertThatThrownBy(() -> Urls.requireOrigin(value, true)).hasMessageContaining("is not an origin");
    }
}

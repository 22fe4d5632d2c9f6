package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Property test: for generated hostile values, the rendered markup parses (with a real HTML parser) into exactly
 * the one element and attributes intended, and the URL parses back into exactly the configured values.
 */
class HostileValuesTest {

    private static final String[] PIECES = {
        "\"", "'", "<", ">", "&", "&amp;", "</script>", "<script>alert(1)</script>", "javascript:", "%", "%20", "+", "=",
        "?", "#", "&x=1", "/", "\\", " ", "\t", "\n", "\r", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u2028",
        "\uD83D\uDE00", "\uD834\uDD1E", "é", "ß", "中文", "a", "Z", "9", "-", "_", ".", "~", "`", "${x}", "{{x}}",
        "--><!--", "]]>", "\u00a0"};
    private static final int RUNS = 2000;

    @Test
    void nothingBreaksOutAndEverythingRoundTrips() {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int run = 0; run < RUNS; run++) {
            String userAgent = hostile(random, true);
            String appVersion = hostile(random, true);
            String externalAuthId = hostile(random, true);
            String clientId = hostile(random, false);
            String extra = hostile(random, true);
            String nonce = hostile(random, false);
            String title = hostile(random, false);
            EmbeddableConfig config = EmbeddableConfig.builder().clientId(clientId).userAgent(userAgent)
                    .appVersion(appVersion).externalAuthId(externalAuthId).param("myParam", extra).build();
            Embeddable e = Embeddable.of(config);
            String context = "seed " + seed + ", run " + run;

            Map<String, String> expected = new LinkedHashMap<>();
            put(expected, "clientId", clientId);
            put(expected, "externalAuthId", externalAuthId);
            put(expected, "userAgent", userAgent);
            put(expected, "appVersion", appVersion);
            put(expected, "myParam", extra);
            assertThat(queryOf(e.adapterUrl(), "adapter.js")).as(context).containsExactlyEntriesOf(expected);
            assertThat(queryOf(e.appUrl(), "app.html")).as(context).containsExactlyEntriesOf(expected);

            Document page = Jsoup.parse("<!DOCTYPE html><html><head>" + e.scriptTag(nonce) + "</head><body>"
                    + e.iframeTag(IframeOptions.defaults().withTitle(title)) + "<p id=after>after</p></body></html>");
            assertThat(page.select("script")).as(context).hasSize(1);
            Element script = page.selectFirst("script");
            assertThat(script.attributes().size()).as(context).isEqualTo(nonce.isEmpty() ? 2 : 3);
            assertThat(script.attr("src")).as(context).isEqualTo(e.adapterUrl());
            if (!nonce.isEmpty()) {
                assertThat(script.attr("nonce")).as(context).isEqualTo(nonce);
            }
            assertThat(script.data()).as(context).isEmpty();
            assertThat(page.select("iframe")).as(context).hasSize(1);
            Element iframe = page.selectFirst("iframe");
            assertThat(iframe.attributes().asList()).as(context).extracting(a -> a.getKey())
                    .containsExactly("src", "title", "width", "height", "allow");
            assertThat(iframe.attr("src")).as(context).isEqualTo(e.appUrl());
            assertThat(iframe.attr("title")).as(context).isEqualTo(title);
            assertThat(page.select("#after")).as(context).hasSize(1);
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (!value.isBlank()) {
            map.put(key, value);
        }
    }

    /** Splits a URL into its query parameters, decoding them as the widget's parser would. */
    private static Map<String, String> queryOf(String url, String file) {
        assertThat(url).startsWith("https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/" + file);
        Map<String, String> params = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        assertThat(url.substring(0, q)).doesNotContain("#", "?", "\"", "<", ">", " ");
        for (String pair : url.substring(q + 1).split("&")) {
            assertThat(pair).matches("[A-Za-z0-9._~%-]+=[A-Za-z0-9._~%-]*");
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            assertThat(params).doesNotContainKey(key);
            params.put(key, URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A random string of hostile pieces; without control characters or spaces when {@code anything} is false. */
    private static String hostile(Random random, boolean anything) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            if (!anything && piece.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                    || c == 0x2028 || c == 0xa0)) {
                continue;
            }
            sb.append(piece);
        }
        return sb.toString();
    }
}

package io.github.embeddable4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The header and attribute decisions both injecting filters share. */
class PageRequestsTest {

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aNavigationIsToldByFetchMetadataElseByAnAcceptNamingHtml() {
        assertThat(PageRequests.isNavigation(headers("Sec-Fetch-Dest", "document")::get)).isTrue();
        assertThat(PageRequests.isNavigation(headers("Sec-Fetch-Dest", "iframe")::get)).isTrue();
        // Fetch Metadata wins over an Accept that names HTML: a fetch() may ask for HTML and is still no navigation
        assertThat(PageRequests.isNavigation(headers("Sec-Fetch-Dest", "empty", "Accept", "text/html")::get)).isFalse();
        assertThat(PageRequests.isNavigation(headers("Sec-Fetch-Dest", "script")::get)).isFalse();
        assertThat(PageRequests.isNavigation(headers("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")::get)).isTrue();
        assertThat(PageRequests.isNavigation(headers("Accept", "image/avif,image/webp,*/*")::get)).isFalse();
        assertThat(PageRequests.isNavigation(headers()::get)).isFalse();
    }

    @Test
    void aPathIsAPageWhenItsTypeIsHtmlOrItHasNone() {
        assertThat(PageRequests.isPageType(null)).isTrue();
        assertThat(PageRequests.isPageType("text/html")).isTrue();
        assertThat(PageRequests.isPageType("Application/XHTML+XML")).isTrue();
        assertThat(PageRequests.isPageType("application/pdf")).isFalse();
        assertThat(PageRequests.isPageType("image/png")).isFalse();
    }

    @Test
    void conditionalHeadersAndValidatorsAreNamedInAnyCase() {
        assertThat(PageRequests.isConditional(headers("Range", "bytes=0-9")::get)).isTrue();
        assertThat(PageRequests.isConditional(headers("If-Match", "\"a\"")::get)).as("a precondition, not a validator").isFalse();
        assertThat(PageRequests.isConditionalHeader("if-none-match")).isTrue();
        assertThat(PageRequests.isConditionalHeader("IF-RANGE")).isTrue();
        assertThat(PageRequests.isConditionalHeader("If-Match")).isFalse();
        assertThat(PageRequests.isValidator("etag")).isTrue();
        assertThat(PageRequests.isValidator("Last-Modified")).isTrue();
        assertThat(PageRequests.isValidator("Cache-Control")).isFalse();
    }

    @Test
    void theNonceComesFromTheConfiguredAttributesFirstThenTheDefaultsAndMayBeDeferred() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("cspNonce", "default");
        assertThat(PageRequests.nonce(List.of("mine"), attributes::get)).isEqualTo("default");
        attributes.put("mine", (Supplier<String>) () -> "deferred");
        assertThat(PageRequests.nonce(List.of("mine"), attributes::get)).isEqualTo("deferred");
        attributes.put("mine", "");
        assertThat(PageRequests.nonce(List.of("mine"), attributes::get)).as("empty is none").isEqualTo("default");
        assertThat(PageRequests.nonce(List.of(), Map.<String, Object>of()::get)).isNull();
    }

    @Test
    void thePolicyNonceIsTheFirstThatAllowsScriptsAndNoneWithoutOne() {
        assertThat(PageRequests.policyNonce(List.of())).isNull();
        assertThat(PageRequests.policyNonce(List.of("style-src 'nonce-st'; frame-ancestors 'none'"))).as("styles only").isNull();
        assertThat(PageRequests.policyNonce(List.of("img-src 'self'", "script-src 'nonce-first' 'strict-dynamic'",
                "default-src 'nonce-second'"))).isEqualTo("first");
        assertThat(PageRequests.policyNonce(List.of("default-src 'self' 'nonce-fallback'"))).as("default-src counts")
                .isEqualTo("fallback");
    }
}

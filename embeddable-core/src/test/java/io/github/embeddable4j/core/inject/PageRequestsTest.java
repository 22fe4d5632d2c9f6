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

    /**
     * A navigation to what may be a page, or any request for an HTML file, is written in full: its validators describe
     * a copy without the widget. Anything else keeps its 304s and ranges (mutation testing found this rule tested only
     * through the filters, which the profile does not run).
     */
    @Test
    void whoLosesTheConditionalHeaders() {
        String[] navigation = {"Sec-Fetch-Dest", "document"};
        String[] script = {"Sec-Fetch-Dest", "script"};
        assertThat(PageRequests.losesConditionalHeaders(headers(navigation)::get, null)).as("nothing to lose").isFalse();
        assertThat(PageRequests.losesConditionalHeaders(headers("Sec-Fetch-Dest", "document", "If-None-Match", "\"a\"")::get,
                null)).as("a navigation to an extensionless path").isTrue();
        assertThat(PageRequests.losesConditionalHeaders(headers("Sec-Fetch-Dest", "frame", "If-Modified-Since", "x")::get,
                "text/html")).isTrue();
        assertThat(PageRequests.losesConditionalHeaders(headers("Sec-Fetch-Dest", "document", "Range", "bytes=0-9")::get,
                "application/pdf")).as("a PDF opened in a tab").isFalse();
        assertThat(PageRequests.losesConditionalHeaders(headers("Sec-Fetch-Dest", "empty", "If-None-Match", "\"a\"")::get,
                "text/html")).as("an HTML file, even fetched").isTrue();
        assertThat(PageRequests.losesConditionalHeaders(headers("Sec-Fetch-Dest", "empty", "If-None-Match", "\"a\"")::get,
                "Application/XHTML+XML")).isTrue();
        assertThat(PageRequests.losesConditionalHeaders(headers("Sec-Fetch-Dest", "empty", "If-None-Match", "\"a\"")::get,
                null)).as("a JSON API's 304").isFalse();
        assertThat(PageRequests.losesConditionalHeaders(headers(script[0], script[1], "Range", "bytes=0-9")::get,
                "text/javascript")).isFalse();
        assertThat(PageRequests.losesConditionalHeaders(headers("Accept", "application/xhtml+xml", "If-Modified-Since", "x")::get,
                null)).as("an Accept naming XHTML only").isTrue();
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
        assertThat(PageRequests.isConditional(headers("If-None-Match", "\"a\"")::get)).isTrue();
        assertThat(PageRequests.isConditional(headers("If-Modified-Since", "Sat, 05 Dec 2026 10:00:00 GMT")::get)).isTrue();
        assertThat(PageRequests.isConditional(headers()::get)).isFalse();
        assertThat(PageRequests.isConditional(headers("If-Match", "\"a\"")::get)).as("a precondition, not a validator").isFalse();
        assertThat(PageRequests.isConditionalHeader("if-none-match")).isTrue();
        assertThat(PageRequests.isConditionalHeader("IF-RANGE")).isTrue();
        assertThat(PageRequests.isConditionalHeader("If-Match")).isFalse();
        assertThat(PageRequests.isValidator("etag")).isTrue();
        assertThat(PageRequests.isValidator("Last-Modified")).isTrue();
        assertThat(PageRequests.isValidator("accept-ranges")).isTrue();
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

    /** During a rollout the nonce may be only in the report-only policy (a strict-CSP trial's tags went out without it). */
    @Test
    void theReportOnlyPolicysNonceCountsWhenTheEnforcedOneHasNone() {
        assertThat(PageRequests.policyNonce(List.of("frame-ancestors 'self'"), List.of("script-src 'nonce-trial'")))
                .isEqualTo("trial");
        assertThat(PageRequests.policyNonce(List.of("script-src 'nonce-enforced'"), List.of("script-src 'nonce-trial'")))
                .as("the enforced policy wins").isEqualTo("enforced");
        assertThat(PageRequests.policyNonce(List.of(), List.of())).isNull();
    }

    /**
     * With 'strict-dynamic' browsers ignore host sources, so the widget's tags run only with a nonce the policy lists:
     * a policy without one, or with another, refuses them. Without 'strict-dynamic' the host sources may allow them.
     */
    @Test
    void aStrictDynamicPolicyRefusesTagsWithoutItsNonce() {
        assertThat(PageRequests.refusedNonce(List.of("script-src 'NONCE-abc' 'Strict-Dynamic'"), "abc"))
                .as("CSP keywords in any case: the tags carry that nonce").isNull();
        assertThat(PageRequests.refusedNonce(List.of("script-src 'NONCE-abc' 'strict-dynamic'"), "ABC")).isNotNull();
        assertThat(PageRequests.refusedNonce(List.of("img-src 'self', script-src 'nonce-abc' 'strict-dynamic'"), "xyz"))
                .as("the second of two policies joined by a comma").contains("'strict-dynamic'");
        assertThat(PageRequests.refusedNonce(List.of("script-src 'nonce-abc' 'strict-dynamic'"), "abc")).isNull();
        // the whole source is the nonce: not a longer value, not one without its closing quote
        for (String near : List.of("'nonce-abcd'", "'nonce-ab'", "'nonce-abc", "'nonce-abc'x", "nonce-abc'", "'nonse-abc'")) {
            assertThat(PageRequests.refusedNonce(List.of("script-src " + near + " 'strict-dynamic'"), "abc")).as(near)
                    .isNotNull();
        }
        assertThat(PageRequests.refusedNonce(List.of("script-src 'nonce-abc' 'strict-dynamic'"), "xyz"))
                .contains("the widget's tags carry another").contains("_csp_nonce");
        assertThat(PageRequests.refusedNonce(List.of("default-src 'self'; script-src 'strict-dynamic'"), null))
                .contains("the widget's tags carry none");
        assertThat(PageRequests.refusedNonce(List.of("default-src 'strict-dynamic' 'nonce-d'"), null)).as("default-src")
                .isNotNull();
        assertThat(PageRequests.refusedNonce(List.of("script-src 'self' https://apps.ringcentral.com"), null))
                .as("host sources may allow them").isNull();
        assertThat(PageRequests.refusedNonce(List.of("script-src-elem 'self'; script-src 'strict-dynamic'"), null))
                .as("script-src-elem governs script elements").isNull();
        assertThat(PageRequests.refusedNonce(List.of("frame-ancestors 'self'", "script-src 'strict-dynamic'"), "n"))
                .as("any of the policies").isNotNull();
    }
}

package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CspSourcesTest {

    private final CspSources loader = Embeddable.of(EmbeddableConfig.defaults()).contentSecurityPolicy();
    private static final String RC = "https://apps.ringcentral.com";
    /** Every origin RingCentral serves the widget's frame from: the loader may frame any of them. */
    private static final String FRAMES = RC + " https://ringcentral.github.io https://appconnect.labs.ringcentral.com";

    @Test
    void addsMissingSourcesToExistingDirectives() {
        assertThat(loader.mergeInto("script-src 'self' 'nonce-abc'; frame-src 'none'; img-src 'self'"))
                .isEqualTo("script-src 'self' 'nonce-abc' " + RC + "; frame-src " + FRAMES + "; img-src 'self' " + FRAMES + " data:");
    }

    @Test
    void copiesTheFallbackWhenADirectiveIsMissingSoNothingIsLoosened() {
        assertThat(loader.mergeInto("default-src 'self'"))
                .isEqualTo("default-src 'self'; script-src 'self' " + RC + "; frame-src 'self' " + FRAMES
                        + "; style-src 'self' 'unsafe-inline'; img-src 'self' " + FRAMES + " data:");
        assertThat(loader.mergeInto("child-src 'self'; default-src 'none'"))
                .startsWith("child-src 'self'; default-src 'none'; script-src " + RC + "; frame-src 'self' " + FRAMES);
    }

    @Test
    void leavesUnrestrictedDirectivesAlone() {
        assertThat(loader.mergeInto("object-src 'none'")).isEqualTo("object-src 'none'");
        assertThat(loader.mergeInto("")).isEmpty();
        assertThat(loader.mergeInto("script-src *")).isEqualTo("script-src *");
    }

    /**
     * Directives that take no value stay as they were written: upgrade-insecure-requests, block-all-mixed-content and a
     * bare sandbox came out with 'none' after them, a value none of them takes (mutation testing led there). A source
     * list the policy left empty, which allows nothing, stays empty too.
     */
    @Test
    void directivesWithoutAValueKeepNone() {
        assertThat(loader.mergeInto("default-src 'self'; upgrade-insecure-requests; block-all-mixed-content; sandbox;"
                + " object-src"))
                .startsWith("default-src 'self'; upgrade-insecure-requests; block-all-mixed-content; sandbox; object-src;"
                        + " script-src 'self' " + RC)
                .doesNotContain("'none'");
        assertThat(loader.mergeInto("upgrade-insecure-requests")).isEqualTo("upgrade-insecure-requests");
        assertThat(loader.mergeInto("script-src; upgrade-insecure-requests"))
                .isEqualTo("script-src " + RC + "; upgrade-insecure-requests");
    }

    /**
     * A repeated directive is ignored by browsers, so the first one decides: a later, looser one must not be the one
     * merged into (mutation testing: taking the last instead changed no test). The repeat is left out, as browsers do.
     */
    @Test
    void theFirstOfARepeatedDirectiveDecides() {
        assertThat(loader.mergeInto("script-src 'self'; script-src *; SCRIPT-SRC 'unsafe-inline'"))
                .isEqualTo("script-src 'self' " + RC);
        assertThat(loader.directives()).containsOnlyKeys("script-src", "frame-src", "style-src", "img-src");
        assertThat(loader.directives().get("script-src")).containsExactly(RC);
        // blank policies between commas are none
        assertThat(loader.mergeInto("script-src 'self', , ")).isEqualTo("script-src 'self' " + RC);
        assertThat(CspSources.policiesOf(" ,script-src 'self',, img-src 'self' ,")).containsExactly("script-src 'self'",
                "img-src 'self'");
        assertThat(CspSources.policiesOf(" ")).isEmpty();
        // no header at all: nothing to merge into, no sources, no nonce
        assertThat(CspSources.policiesOf(null)).isEmpty();
        assertThat(loader.mergeInto(null)).isEmpty();
        assertThat(loader.mergeInto(" ; ;")).isEmpty();
        assertThat(CspSources.scriptSourcesOf(null)).isEmpty();
        assertThat(CspSources.scriptSourcesOf(" , ")).isEmpty();
        assertThat(CspSources.scriptNonceOf(null)).isEmpty();
        // empty directives (";;") are nothing, not a directive without a name
        assertThat(loader.mergeInto("script-src 'self';; ; img-src 'self';"))
                .isEqualTo(loader.mergeInto("script-src 'self'; img-src 'self'"));
    }

    /** The event bridge posts to the application's own endpoints: under default-src 'none' that needs connect-src. */
    @Test
    void moreSourcesForADirective() {
        CspSources withBridge = loader.with("connect-src", "'self'").with("CONNECT-SRC", "'self'");
        assertThat(withBridge.sources("connect-src")).containsExactly("'self'");
        assertThat(withBridge.mergeInto("default-src 'none'; script-src 'nonce-n'")).contains("; connect-src 'self'");
        assertThat(withBridge.mergeInto("connect-src 'self' https://api.example.com")).isEqualTo("connect-src 'self' https://api.example.com");
        assertThat(loader.sources("connect-src")).isEmpty();
        assertThat(loader.withEventBridge().directives()).isEqualTo(withBridge.directives());
        assertThat(loader.withEventBridge().mergeInto("default-src 'none'; connect-src 'none'")).contains("connect-src 'self'")
                .doesNotContain("'none' 'self'");
    }

    /** The nonce the browser checks a script element against: the first of script-src-elem, script-src, default-src. */
    @Test
    void theScriptNonceOfAPolicy() {
        assertThat(CspSources.scriptNonceOf("default-src 'self'; script-src 'strict-dynamic' 'nonce-Q_pY+c/z=' https:"))
                .contains("Q_pY+c/z=");
        assertThat(CspSources.scriptNonceOf("default-src 'nonce-d'; script-src-elem 'nonce-e'; script-src 'nonce-s'")).contains("e");
        assertThat(CspSources.scriptNonceOf("default-src 'nonce-d'")).contains("d");
        assertThat(CspSources.scriptNonceOf("default-src 'nonce-d'; script-src 'self'")).isEmpty(); // script-src applies
        assertThat(CspSources.scriptNonceOf("style-src 'nonce-s'")).isEmpty();
        assertThat(CspSources.scriptNonceOf("script-src 'nonce-\"><x>'")).isEmpty(); // not a nonce: never rendered
        assertThat(CspSources.scriptNonceOf(null)).isEmpty();
        assertThat(CspSources.scriptNonceOf("")).isEmpty();
    }

    @Test
    void isIdempotent() {
        String once = loader.mergeInto("default-src 'self'");
        assertThat(loader.mergeInto(once)).isEqualTo(once);
    }
    /**
     * One header value may join two policies by a comma (a proxy adding its own, or two header lines combined): the
     * browser enforces each, so each needs the widget's sources and either may give scripts their nonce. Read as one
     * policy, "'self'," was a source and "script-src" one more of default-src's.
     */
    @Test
    void aHeaderValueWithTwoPoliciesJoinedByACommaIsTwoPolicies() {
        assertThat(CspSources.policiesOf("default-src 'self' , script-src 'nonce-abc',")).containsExactly("default-src 'self'",
                "script-src 'nonce-abc'");
        assertThat(loader.mergeInto("default-src 'self', script-src 'nonce-abc'; frame-src 'none'"))
                .isEqualTo(loader.mergeInto("default-src 'self'") + ", " + loader.mergeInto("script-src 'nonce-abc'; frame-src 'none'"))
                .contains("script-src 'nonce-abc' " + RC + "; frame-src " + FRAMES);
        assertThat(CspSources.scriptNonceOf("script-src 'nonce-abc', img-src 'self'")).contains("abc");
        assertThat(CspSources.scriptNonceOf("default-src 'self' https:, script-src 'strict-dynamic' 'nonce-second'"))
                .as("the first policy restricts scripts without a nonce; the second gives one").contains("second");
        assertThat(CspSources.scriptSourcesOf("img-src 'self', script-src 'nonce-n'")).as("the first policy's").isEmpty();
        assertThat(loader.mergeInto(loader.mergeInto("default-src 'self', object-src 'none'")))
                .isEqualTo(loader.mergeInto("default-src 'self', object-src 'none'"));
    }

    /**
     * A policy that restricts elements only (script-src-elem, style-src-elem, without script-src or default-src) came
     * back unchanged, so the loader's tag and its style were blocked; a style-src-attr kept refusing the style
     * attributes the loader sets (found by a review, in Chromium with the real loader).
     */
    @Test
    void elementAndAttributeDirectivesGetTheirSourcesWithoutTheirFallback() {
        assertThat(loader.mergeInto("script-src-elem 'self'; style-src-elem 'self'"))
                .isEqualTo("script-src-elem 'self' " + RC + "; style-src-elem 'self' 'unsafe-inline'");
        assertThat(loader.mergeInto("default-src 'self'; style-src-attr 'none'"))
                .contains("style-src-attr 'unsafe-inline'").doesNotContain("'none'");
        assertThat(loader.mergeInto("style-src-attr 'self'")).as("only the keyword: attributes load nothing")
                .isEqualTo("style-src-attr 'self' 'unsafe-inline'");
    }
}

package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration model and markup where a review found them wrong (each test failed before): CSP sources that
 * '*' does not cover, the -elem directives that decide for elements, the environment's form of an extra parameter, and
 * text values that changed in a round trip through a map (and so through serialization).
 */
class ConfigAndPolicyReviewTest {

    private static final String RC = "https://apps.ringcentral.com";
    private final CspSources loader = Embeddable.of(EmbeddableConfig.defaults()).contentSecurityPolicy();

    /** CSP: '*' matches network schemes only, never data:, so the widget's data: icons stay blocked. */
    @Test
    void imgSrcStarStillGetsData() {
        assertThat(loader.mergeInto("img-src *")).isEqualTo("img-src * data:");
        assertThat(loader.mergeInto("script-src *")).as("a host source '*' covers").isEqualTo("script-src *");
        assertThat(loader.mergeInto("style-src *")).as("'*' allows no inline style").isEqualTo("style-src * 'unsafe-inline'");
    }

    /** CSP: a <script src> is checked against script-src-elem when the policy has it; the loader must be added there. */
    @Test
    void scriptSrcElemGetsTheLoader() {
        String merged = loader.mergeInto("default-src 'self'; script-src-elem 'self'");
        assertThat(merged).contains("script-src-elem 'self' " + RC);
    }

    /** CSP: the loader's <style> element is checked against style-src-elem when the policy has it. */
    @Test
    void styleSrcElemGetsUnsafeInline() {
        String merged = loader.mergeInto("default-src 'self'; style-src-elem 'self'");
        assertThat(merged).contains("style-src-elem 'self' 'unsafe-inline'");
    }

    /** docs/configuration.md lists RINGCENTRAL_EMBEDDABLE_PARAMS_<NAME>; fromEnvironment claims the starter's scheme. */
    @Test
    void environmentReadsParams() {
        EmbeddableConfig config = EmbeddableConfig.fromEnvironment(Map.of("RINGCENTRAL_EMBEDDABLE_PARAMS_SOMEFLAG", "1"));
        assertThat(config.extraParams()).containsEntry("someflag", "1");
    }

    /** Java serialization goes through toMap/fromMap, which trims: a text value is trimmed when set, so it stays. */
    @Test
    void serializationKeepsTextValuesExactly() throws Exception {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").externalAuthId(" user-42 ").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        EmbeddableConfig back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (EmbeddableConfig) in.readObject();
        }
        assertThat(back.get(WidgetParameter.EXTERNAL_AUTH_ID)).isEqualTo(config.get(WidgetParameter.EXTERNAL_AUTH_ID))
                .hasValue("user-42");
        assertThat(back).isEqualTo(config);
    }

    /** toMap() promises "a form fromMap reads back to an equal configuration". */
    @Test
    void toMapReadsBackEqual() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").userAgent("MyCRM/1.0 ").build();
        assertThat(EmbeddableConfig.fromMap(config.toMap())).isEqualTo(config);
    }

    /** RingCentral's adapter.js passes on only the parameters it knows: the warning says an unknown one is lost there. */
    @Test
    void anUnknownParameterIsSaidToReachOnlyTheIframe() {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("abc").param("someFlag", "1").build());
        assertThat(embeddable.warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("the loader (adapter.js) passes on only the parameters it knows"));
        assertThat(embeddable.iframeTag()).contains("someFlag=1");
    }
}

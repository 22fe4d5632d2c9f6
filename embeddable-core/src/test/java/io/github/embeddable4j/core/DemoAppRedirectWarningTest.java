package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The warning for a redirect page the demo app does not list (its registration lists RingCentral's own). A
 * configuration that spells out its hosting's own redirect page is the same widget as one that leaves it out (the
 * validator drops it), so a review asked that the two be warned of alike: a self-hosted widget on the demo app gets the
 * warning either way, since its redirect page is not RingCentral's.
 */
class DemoAppRedirectWarningTest {

    private static final Hosting SELF_HOSTED = Hosting.selfHosted(URI.create("https://cdn.crm.example/embeddable/"));

    @Test
    void spellingOutTheSelfHostedDefaultRedirectPageChangesNoWarning() {
        EmbeddableConfig implicit = EmbeddableConfig.builder().hosting(SELF_HOSTED).build();
        EmbeddableConfig explicit = EmbeddableConfig.builder().hosting(SELF_HOSTED)
                .redirectUri(SELF_HOSTED.defaultRedirectUri()).build();
        assertThat(explicit.redirectUri()).isEqualTo(implicit.redirectUri());
        assertThat(explicit.customRedirectUri()).as("the same widget: the default is not written")
                .isEqualTo(implicit.customRedirectUri());
        assertThat(explicit.warnings()).as("warnings of the same widget").containsExactlyElementsOf(implicit.warnings());
        assertThat(implicit.warnings()).extracting(ConfigProblem::property).contains("redirectUri");
    }
}

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
        assertThat(implicit.warnings()).extracting(ConfigProblem::property).as("the hosting chose the page").contains("hosting")
                .doesNotContain("redirectUri");
    }

    /**
     * Named by the setting that chose the page: a trial that set only the hosting (a local copy of the widget) was told
     * about {@code RINGCENTRAL_EMBEDDABLE_REDIRECT_URI}, which it never set; a redirect URI of its own is named itself.
     */
    @Test
    void theWarningNamesTheSettingThatChoseThePage() {
        EmbeddableConfig hostingOnly = EmbeddableConfig.fromMap(java.util.Map.of("RINGCENTRAL_EMBEDDABLE_HOSTING",
                "http://127.0.0.1:9001/"), "RINGCENTRAL_EMBEDDABLE_");
        assertThat(hostingOnly.warnings()).filteredOn(w -> w.message().contains("demo app does not list"))
                .singleElement().satisfies(w -> {
                    assertThat(w.message()).contains("http://127.0.0.1:9001/redirect.html");
                    assertThat(w.named(EmbeddableConfig::environmentKey).toString())
                            .startsWith("RINGCENTRAL_EMBEDDABLE_HOSTING:");
                });
        EmbeddableConfig ownPage = EmbeddableConfig.builder().redirectUri("https://crm.example/ringcentral/redirect").build();
        assertThat(ownPage.warnings()).filteredOn(w -> w.message().contains("demo app does not list"))
                .extracting(ConfigProblem::property).containsExactly("redirectUri");
    }
}

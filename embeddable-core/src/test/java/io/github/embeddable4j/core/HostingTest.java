package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostingTest {

    private static final String APPS = "https://apps.ringcentral.com/integration/ringcentral-embeddable/";

    @Test
    void latestIsTheDefaultFolderAndItsRedirectPageIsBesideIt() {
        Hosting latest = Hosting.latest();
        assertThat(latest.baseUrl()).isEqualTo(APPS + "latest/");
        assertThat(latest.defaultRedirectUri()).isEqualTo(APPS + "latest/redirect.html");
        assertThat(latest.origin()).isEqualTo("https://apps.ringcentral.com");
        assertThat(latest.kind()).isEqualTo(Hosting.Kind.LATEST);
        assertThat(EmbeddableConfig.defaults().hosting()).isEqualTo(latest);
    }

    @Test
    void channelsVersionsAndGithubPages() {
        assertThat(Hosting.channel("3.x").baseUrl()).isEqualTo(APPS + "3.x/");
        assertThat(Hosting.channel("3.x").majorVersion()).hasValue(3);
        assertThat(Hosting.version("2.3.1").baseUrl()).isEqualTo(APPS + "2.3.1/");
        assertThat(Hosting.version("2.3.1").defaultRedirectUri()).isEqualTo(APPS + "2.3.1/redirect.html");
        assertThat(Hosting.version("3.0.0-beta").majorVersion()).hasValue(3);
        assertThat(Hosting.githubPages().baseUrl()).isEqualTo("https://ringcentral.github.io/ringcentral-embeddable/");
        assertThat(Hosting.githubPages().origin()).isEqualTo("https://ringcentral.github.io");
    }

    @Test
    void selfHostedFolderGetsATrailingSlashAndLocalhostMayUseHttp() {
        Hosting own = Hosting.selfHosted(URI.create("https://cdn.example.com/embeddable"));
        assertThat(own.baseUrl()).isEqualTo("https://cdn.example.com/embeddable/");
        assertThat(own.defaultRedirectUri()).isEqualTo("https://cdn.example.com/embeddable/redirect.html");
        assertThat(own.majorVersion()).isEmpty();
        assertThat(own.isRingCentralHosted()).isFalse();
        Hosting local = Hosting.selfHosted(URI.create("http://localhost:8080/widget/"));
        assertThat(local.origin()).isEqualTo("http://localhost:8080");
    }

    @Test
    void parseAcceptsEveryFormAndToStringRoundTrips() {
        for (String form : new String[] {"latest", "2.x", "2.3.1", "github-pages", "https://cdn.example.com/rc/"}) {
            Hosting h = Hosting.parse(form);
            assertThat(Hosting.parse(h.toString())).isEqualTo(h);
        }
        assertThat(Hosting.parse(" LATEST ")).isEqualTo(Hosting.latest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "x.2", "v2.3.1", "2.3", "newest", "http://cdn.example.com/rc/",
        "https://cdn.example.com/rc/adapter.js", "https://cdn.example.com/rc/?v=1", "https://cdn.example.com/a b/"})
    void refusesWhatIsNotAHosting(String value) {
        assertThatThrownBy(() -> Hosting.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("; ");
    }

    /**
     * RingCentral's own folder written as a URL (as its docs print the loader's) was read as a copy: the frame's
     * origins lost ringcentral.github.io, which the real loader on apps.ringcentral.com frames, so the page's policy
     * blocked the frame and the glue refused it, with a warning that self-hosting is not recommended (a review).
     */
    @Test
    void ringCentralsOwnFolderGivenAsAUrlIsThatHosting() {
        String apps = "https://apps.ringcentral.com/integration/ringcentral-embeddable/";
        assertThat(Hosting.parse(apps + "latest/")).isSameAs(Hosting.latest());
        assertThat(Hosting.parse(apps + "latest").kind()).isEqualTo(Hosting.Kind.LATEST);
        assertThat(Hosting.parse(apps + "3.x/")).hasToString("3.x").extracting(Hosting::kind).isEqualTo(Hosting.Kind.CHANNEL);
        assertThat(Hosting.parse(apps + "2.3.1/")).hasToString("2.3.1").extracting(Hosting::kind)
                .isEqualTo(Hosting.Kind.VERSION);
        assertThat(Hosting.parse("https://ringcentral.github.io/ringcentral-embeddable/")).isSameAs(Hosting.githubPages());
        assertThat(Hosting.parse(apps + "nightly/").kind()).as("no folder of RingCentral's we know").isEqualTo(Hosting.Kind.SELF_HOSTED);

        EmbeddableConfig config = EmbeddableConfig.builder().hosting(apps + "latest/").build();
        assertThat(Embeddable.of(config).contentSecurityPolicy().sources("frame-src")).contains("https://ringcentral.github.io");
        assertThat(config.warnings()).extracting(ConfigProblem::property).doesNotContain("hosting");
        assertThat(config.widgetOrigins()).isEqualTo(EmbeddableConfig.fromMap(config.toMap()).widgetOrigins());
    }

    /**
     * No 1.x release reads enableSMSTemplate, disableNoiseReduction or enableSmartNote (2.0.0 brought them), and 1.9.x
     * does not read the auto-log defaults (1.10.0): the configuration said nothing (a review, from the widget's tags).
     */
    @Test
    void oneXReleasesNameTheParametersTheyDoNotRead() {
        EmbeddableConfig channel = EmbeddableConfig.builder().hosting("1.x").enableSMSTemplate(true)
                .disableNoiseReduction(true).enableSmartNote(true).defaultAutoLogCallEnabled(true).build();
        assertThat(channel.warnings()).extracting(ConfigProblem::property)
                .contains("enableSMSTemplate", "disableNoiseReduction", "enableSmartNote")
                .as("the 1.x channel serves 1.10.2, which reads it").doesNotContain("defaultAutoLogCallEnabled");
        assertThat(channel.warnings()).filteredOn(w -> w.property().equals("enableSmartNote")).singleElement()
                .asString().contains("widget releases up to 1.10.2 do not read enableSmartNote");
        EmbeddableConfig pinned = EmbeddableConfig.builder().hosting("1.9.3").defaultAutoLogCallEnabled(true)
                .defaultAutoLogMessageEnabled(true).build();
        assertThat(pinned.warnings()).extracting(ConfigProblem::property)
                .contains("defaultAutoLogCallEnabled", "defaultAutoLogMessageEnabled");
        assertThat(EmbeddableConfig.builder().hosting("1.10.0").defaultAutoLogCallEnabled(true).build().warnings())
                .extracting(ConfigProblem::property).doesNotContain("defaultAutoLogCallEnabled");
        assertThat(EmbeddableConfig.builder().hosting("2.0.0").enableSmartNote(true).build().warnings())
                .extracting(ConfigProblem::property).doesNotContain("enableSmartNote");
    }
}

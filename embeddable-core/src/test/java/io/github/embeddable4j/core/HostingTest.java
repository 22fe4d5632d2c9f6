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
}

package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A page a provider asks to open goes to the user's browser, which resolves it against the application's page: only an
 * absolute http(s) URL with a host, or a path on the same site, may go. Each refusal below is a URL a browser would run
 * as script or take to another host (a mutation run found these borders untested).
 */
class OpenUrlCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://crm.example/contacts/1", "HTTP://crm.example/", "http://localhost:8080/c?id=1#top",
            "/contacts/1", "/contacts/1?tab=calls", "/"})
    void absoluteHttpUrlsAndSitePathsGo(String url) {
        assertThat(Callouts.checkOpenUrl(URI.create(url))).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "javascript:alert(1)", "javascript:/alert(1)/", "ftp:/file", "data:text/html;base64,PHNjcmlwdD4=", "ftp://crm.example/file",
            "http:/contacts/1", // no host: a browser reads it as a path of the page's own host, or refuses it
            "https:contacts", // opaque
            "//evil.example/contacts/1", // scheme-relative: another host
            "///evil.example/contacts/1", // no authority to Java, but a browser takes evil.example as the host
            "contacts/1", // relative to the page: where it lands depends on the page
            "?id=1", "#contact-1", ""})
    void scriptAndOtherHostsAndPageRelativeUrlsAreRefused(String url) {
        assertThatThrownBy(() -> Callouts.checkOpenUrl(URI.create(url))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither http(s) nor a path");
    }
}

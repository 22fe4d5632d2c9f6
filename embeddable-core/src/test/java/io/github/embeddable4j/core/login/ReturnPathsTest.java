package io.github.embeddable4j.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathsTest {

    @ParameterizedTest
    @CsvSource({
        "/, ''",
        "/contacts?page=2&sort=name, ''",
        "/a/b%20c;x=1, ''",
        "/app, /app",
        "/app/, /app",
        "/app?x=1, /app",
        "/app/contacts, /app",
        // Percent-encoded CR LF stays text in a path: no header can be split with it.
        "/%0d%0aSet-Cookie:x, ''",
        // dots inside a segment, and dot segments in the query, are no dot segments
        "/file.html?next=/../x, ''",
        "/.well-known/x/..., ''",
    })
    void pathsOnThisSiteInsideTheContextAreAccepted(String path, String context) {
        assertThat(ReturnPaths.check(path, context)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "evil.example",
        "javascript:alert(1)", "/\t/evil.example", "/ x", "/x#frag", "/caf\u00e9", "", "http:/evil.example",
    })
    void everythingElseIsRefused(String path) {
        assertThatThrownBy(() -> ReturnPaths.check(path, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/other", "/application", "/app-x/y"})
    void pathsOutsideTheContextAreRefused(String path) {
        assertThatThrownBy(() -> ReturnPaths.check(path, "/app")).hasMessageContaining("inside this application");
    }

    /**
     * Browsers resolve dot segments (also written %2e): /app/../admin leaves the context path the check saw, and
     * /.//evil.example becomes the path //evil.example, another host to a later redirect to it (a red-team trial's
     * hardening note).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/app/../admin", "/app/%2e%2e/admin", "/app/.%2E/admin", "/app/./x", "/app/%2e/x", "/app/..",
        "/app/x/..?y=1",
        // a path parameter: browsers send "..;" as it is, Tomcat drops ";..." and resolves the dots (another application)
        "/app/..;/other/page", "/app/%2e%2e;/other/page", "/app/..;x=1/other", "/app/.;/x"})
    void dotSegmentsAreRefused(String path) {
        assertThatThrownBy(() -> ReturnPaths.check(path, "/app")).hasMessageContaining("'..' segments");
        assertThatThrownBy(() -> ReturnPaths.check("/.//evil.example", "")).hasMessageContaining("'..' segments");
    }

    @org.junit.jupiter.api.Test
    void tooLongAndMissingAreRefused() {
        assertThatThrownBy(() -> ReturnPaths.check("/" + "a".repeat(2000), "")).hasMessageContaining("longer");
        assertThatThrownBy(() -> ReturnPaths.check(null, "")).hasMessageContaining("missing");
    }

    /** The example a refusal gives is one the check accepts: under a context path, /contacts itself is refused. */
    @org.junit.jupiter.api.Test
    void theExampleGivenIsUnderTheContextPath() {
        assertThatThrownBy(() -> ReturnPaths.check("", "/desk")).hasMessageContaining("such as /desk/contacts");
        assertThatThrownBy(() -> ReturnPaths.check("/desk/../admin", "/desk")).hasMessageContaining("such as /desk/contacts");
        assertThatThrownBy(() -> ReturnPaths.check(null, null)).hasMessageEndingWith("such as /contacts");
        assertThat(ReturnPaths.check("/desk/contacts", "/desk")).isEqualTo("/desk/contacts");
    }
}

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
        String longest = "/" + "a".repeat(ReturnPaths.MAX_LENGTH - 1);
        assertThat(ReturnPaths.check(longest, "")).isEqualTo(longest);
        assertThatThrownBy(() -> ReturnPaths.check(longest + "a", "")).hasMessageContaining("longer");
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

    /** What the check accepts is left as it is, to the letter: the page comes back to the same address. */
    @org.junit.jupiter.api.Test
    void encodingLeavesWhatTheCheckAcceptsAlone() {
        String plain = "/a-b_c.d~e!f$g&h'i(j)k*l+m,n;o=p:q@r%20s/T9?u=v&w=-x";
        assertThat(ReturnPaths.encodeRaw(plain)).isSameAs(plain);
        assertThat(ReturnPaths.check(plain, "")).isEqualTo(plain);
    }

    /**
     * What browsers may leave raw, or a framework may hand back decoded, is percent-encoded as UTF-8 (RFC 3986), a
     * character outside the basic plane as the one code point it is, not as two '?' (each half of its pair alone
     * has no UTF-8 form); the result passes the check, and the characters the check accepts keep their places.
     */
    @org.junit.jupiter.api.Test
    void rawCharactersAreEncodedAsUtf8() {
        java.util.Map<String, String> cases = java.util.Map.of(
                "/caf\u00e9-bar", "/caf%C3%A9-bar",
                "/x?q=\ud83d\ude00-y", "/x?q=%F0%9F%98%80-y",
                "/a b\"<c>", "/a%20b%22%3Cc%3E",
                "/x\u0080y", "/x%C2%80y",
                "/[1]?f={a}", "/%5B1%5D?f=%7Ba%7D");
        cases.forEach((raw, encoded) -> {
            assertThat(ReturnPaths.encodeRaw(raw)).as(raw).isEqualTo(encoded);
            assertThat(ReturnPaths.check(encoded, "")).isEqualTo(encoded);
        });
    }
}

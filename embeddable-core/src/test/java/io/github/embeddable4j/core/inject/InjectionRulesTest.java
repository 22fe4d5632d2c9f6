package io.github.embeddable4j.core.inject;

import static io.github.embeddable4j.core.inject.InjectionRules.Verdict.INJECT;
import static io.github.embeddable4j.core.inject.InjectionRules.Verdict.PASS;
import static io.github.embeddable4j.core.inject.InjectionRules.Verdict.UNDECIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InjectionRulesTest {

    private final InjectionRules rules = InjectionRules.defaults();

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
    @CsvSource(nullValues = "null", textBlock = """
            200, text/html,                           null,     null,                              null,        INJECT
            200, text/html;charset=UTF-8,             null,     null,                              UTF-8,       INJECT
            201, TEXT/HTML; charset=utf-8,            identity, null,                              utf-8,       INJECT
            200, application/xhtml+xml,               null,     null,                              UTF-8,       INJECT
            200, null,                                null,     null,                              null,        UNDECIDED
            200, application/json,                    null,     null,                              UTF-8,       PASS
            200, text/plain,                          null,     null,                              UTF-8,       PASS
            200, text/html,                           gzip,     null,                              UTF-8,       PASS
            # A download is a file to save, not a page: a saved report.html would carry the loader and the user's CSRF
            # token. Browsers save any disposition type but inline (RFC 6266, 4.2).
            200, text/html,                           null,     inline,                            UTF-8,       INJECT
            200, text/html,                           null,     inline; filename=page.html,        UTF-8,       INJECT
            200, text/html,                           null,     ' ',                               UTF-8,       INJECT
            200, text/html,                           null,     attachment,                        UTF-8,       PASS
            200, text/html,                           null,     Attachment; filename="report.html", UTF-8,      PASS
            200, text/html,                           null,     ' attachment ;filename=r.html',    UTF-8,       PASS
            200, text/html,                           null,     x-download,                        UTF-8,       PASS
            200, text/html,                           null,     null,                              UTF-16,      PASS
            200, text/html,                           null,     null,                              ISO-2022-JP, PASS
            200, text/html,                           null,     null,                              Shift_JIS,   INJECT
            200, text/html,                           null,     null,                              no-such-cs,  PASS
            204, text/html,                           null,     null,                              UTF-8,       PASS
            206, text/html,                           null,     null,                              UTF-8,       PASS
            301, text/html,                           null,     null,                              UTF-8,       PASS
            304, text/html,                           null,     null,                              UTF-8,       PASS
            404, text/html,                           null,     null,                              UTF-8,       PASS
            500, text/html,                           null,     null,                              UTF-8,       PASS
            """)
    void verdicts(int status, String type, String encoding, String disposition, String charset,
            InjectionRules.Verdict expected) {
        assertThat(rules.check(status, type, encoding, disposition, charset)).isEqualTo(expected);
    }

    @Test
    void errorPagesAreOptIn() {
        InjectionRules withErrors = InjectionRules.builder().errorPages(true).build();
        assertThat(withErrors.check(404, "text/html", null, null, "UTF-8")).isEqualTo(INJECT);
        assertThat(withErrors.check(500, "text/html", null, null, "UTF-8")).isEqualTo(INJECT);
        assertThat(withErrors.check(304, "text/html", null, null, "UTF-8")).isEqualTo(PASS);
        assertThat(withErrors.check(302, null, null, null, null)).isEqualTo(PASS);
        assertThat(rules.check(200, null, null, null, null)).isEqualTo(UNDECIDED);
    }

    /** The statuses that are pages: 200-203, and with error pages on 400-599; the borders on both sides. */
    @Test
    void theStatusBorders() {
        InjectionRules withErrors = InjectionRules.builder().errorPages(true).build();
        for (int status : new int[] {199, 204, 399, 600}) {
            assertThat(withErrors.check(status, "text/html", null, null, "UTF-8")).as("%d", status).isEqualTo(PASS);
        }
        for (int status : new int[] {200, 203, 400, 599}) {
            assertThat(withErrors.check(status, "text/html", null, null, "UTF-8")).as("%d", status).isEqualTo(INJECT);
        }
        assertThat(rules.check(203, "text/html", null, null, "UTF-8")).isEqualTo(INJECT);
        assertThat(rules.check(400, "text/html", null, null, "UTF-8")).isEqualTo(PASS);
    }

    /**
     * A rule given in two spellings is a problem only with two values, as a widget setting is (which one won would
     * depend on the map's order); keys that are no rule (the widget's settings beside them) are not this reader's.
     */
    /**
     * An init-param's switch is written many ways in web.xml; each reads as what it says, and an empty one is the
     * rule's default (on for the filter, off for error and POST pages), never the opposite.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"true|true", "TRUE|true", "1|true", "yes|true", "On|true",
        "false|false", "0|false", "no|false", "OFF|false"})
    void aSwitchReadsAsItIsWritten(String written, boolean on) {
        InjectionRules read = InjectionRules.fromMap(Map.of("enabled", written, "inject-error-pages", written,
                "inject-post-pages", written));
        assertThat(read.enabled()).isEqualTo(on);
        assertThat(read.errorPages()).isEqualTo(on);
        assertThat(read.postPages()).isEqualTo(on);
    }

    @Test
    void anEmptySwitchIsTheRulesDefault() {
        InjectionRules read = InjectionRules.fromMap(Map.of("enabled", " ", "inject-error-pages", "", "inject-post-pages", ""));
        assertThat(read.enabled()).isTrue();
        assertThat(read.errorPages()).isFalse();
        assertThat(read.postPages()).isFalse();
        assertThat(read.appliesTo("GET", null)).as("no path is the root").isTrue();
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> InjectionRules.fromMap(Map.of("inject-error-pages", "sometimes")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("inject-error-pages");
            assertThat(p.message()).isEqualTo("'sometimes' is not true or false.");
        });
    }

    /** What the getters hand an adapter is what was written (trimmed), and an empty path is the root's. */
    @Test
    void theRulesReadAreTheRulesWritten() {
        InjectionRules read = InjectionRules.fromMap(Map.of("exclude-paths", "/api/* /", "injected-header",
                " X-Embeddable-Injected "));
        assertThat(read.excludes()).containsExactly("/api/*", "/");
        assertThat(read.injectedHeader()).isEqualTo("X-Embeddable-Injected");
        assertThat(InjectionRules.builder().injectedHeader(null).build().injectedHeader()).isNull();
        assertThat(read.appliesTo("GET", "")).as("an empty path is the root, excluded").isFalse();
        assertThat(read.appliesTo("GET", "/page")).isTrue();
        assertThat(InjectionRules.isHtml(null)).isFalse();
    }

    /**
     * An application's properties hold the widget's settings and the rules under one prefix (Spring without Boot, a
     * trial): the rules are read under it, and a problem names the key as the file spells it.
     */
    @Test
    void rulesAreReadUnderAPrefixAndProblemsNameTheKeyAsWritten() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ringcentral.embeddable.client-id", "abc");
        properties.put("ringcentral.embeddable.exclude-paths", "/login, /api/*");
        properties.put("other.exclude-paths", "/x");
        InjectionRules rules = InjectionRules.fromMap(properties, "ringcentral.embeddable.");
        assertThat(rules.excludes()).containsExactly("/login", "/api/*");
        properties.put("ringcentral.embeddable.exclude-paths", "login");
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> InjectionRules.fromMap(properties, "ringcentral.embeddable."));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.property()).isEqualTo("ringcentral.embeddable.exclude-paths"));
        // the widget's settings, read apart from the rules
        properties.keySet().removeIf(key -> key.startsWith("ringcentral.embeddable.")
                && InjectionRules.isRuleKey(key.substring("ringcentral.embeddable.".length())));
        assertThat(io.github.embeddable4j.core.EmbeddableConfig.fromMap(properties, "ringcentral.embeddable.").clientId()).hasValue("abc");
    }

    @Test
    void aRuleGivenTwiceMustAgreeAndOtherKeysAreLeftAlone() {
        Map<String, String> same = new LinkedHashMap<>();
        same.put("include-paths", "/a/*");
        same.put("includePaths", "/a/*");
        assertThat(InjectionRules.fromMap(same).includes()).containsExactly("/a/*");
        Map<String, String> differ = new LinkedHashMap<>();
        differ.put("inject-error-pages", "true");
        differ.put("injectErrorPages", "false");
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> InjectionRules.fromMap(differ));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("injectErrorPages");
            assertThat(p.message()).contains("set twice, as 'inject-error-pages' and 'injectErrorPages'");
        });
        Map<String, String> others = new LinkedHashMap<>();
        others.put("client-id", "one");
        others.put("clientId", "two");
        others.put("enabled", null); // an init-param without a value: the default
        others.put("include-paths", ", /a/*,,\n  /b/* ");
        others.put("injected-header", "  ");
        InjectionRules read = InjectionRules.fromMap(others);
        assertThat(read.enabled()).isTrue();
        assertThat(read.includes()).containsExactly("/a/*", "/b/*");
        assertThat(read.injectedHeader()).isNull();
        assertThat(InjectionRules.isRuleKey("Include_Paths")).isTrue();
        assertThat(InjectionRules.isRuleKey("clientId")).isFalse();
    }

    @Test
    void requestsAndPaths() {
        InjectionRules r = InjectionRules.builder().include("/app/*", "*.html").exclude("/app/admin/**, /app/raw").build();
        assertThat(r.appliesTo("GET", "/app/page")).isTrue();
        assertThat(r.appliesTo("GET", "/app")).isTrue();
        assertThat(r.appliesTo("GET", "/docs/index.HTML")).isTrue();
        assertThat(r.appliesTo("GET", "/docs/")).isFalse();
        assertThat(r.appliesTo("GET", "/app/admin/users")).isFalse();
        assertThat(r.appliesTo("GET", "/app/raw")).isFalse();
        assertThat(r.appliesTo("GET", "/app/rawer")).isTrue();
        assertThat(r.appliesTo("HEAD", "/app/page")).isFalse();
        assertThat(r.appliesTo("POST", "/app/page")).isFalse();
        // Opted in: POST answers that are pages (a form shown again with its errors, a Faces postback); no other method.
        InjectionRules posts = InjectionRules.builder().postPages(true).exclude("/api/*").build();
        assertThat(posts.appliesTo("POST", "/form")).isTrue();
        assertThat(posts.appliesTo("POST", "/api/x")).isFalse();
        assertThat(posts.appliesTo("PUT", "/form")).isFalse();
        assertThat(posts.appliesTo("GET", "/form")).isTrue();
        assertThat(InjectionRules.fromMap(java.util.Map.of("inject-post-pages", "true")).postPages()).isTrue();
        assertThat(InjectionRules.defaults().postPages()).isFalse();
        assertThat(InjectionRules.builder().enabled(false).build().appliesTo("GET", "/")).isFalse();
        assertThat(rules.appliesTo("GET", "")).isTrue();
    }

    @Test
    void malformedPatternsAreAllReported() {
        assertThatThrownBy(() -> InjectionRules.builder().include("app/*", "/a/*/b").exclude("*.").injectedHeader("X Bad").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'app/*'").hasMessageContaining("'/a/*/b'").hasMessageContaining("'*.'")
                .hasMessageContaining("'X Bad'");
    }

    /** As a filter's init-params: every bad value at once, each named by its key and with its fix, like widget settings. */
    @Test
    void fromMapNamesEachProblemByItsKeyWithAFix() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("enabled", "maybe");
        settings.put("include-paths", "no-slash, /ok/*");
        settings.put("exclude-paths", "/a/*/b");
        settings.put("injected-header", "X Bad");
        settings.put("injection-point", "middle");
        settings.put("inject-error-pages", "sometimes");
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> InjectionRules.fromMap(settings));
        assertThat(e.problems()).extracting(ConfigProblem::property).containsExactly("enabled", "include-paths",
                "exclude-paths", "injected-header", "injection-point", "inject-error-pages");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(e.problems().get(1).message()).isEqualTo("'no-slash' is not a path pattern.");
        assertThat(e.problems().get(4).fix()).contains("head-end").contains("body-end");
        assertThat(InjectionRules.fromMap(Map.of("include-paths", "/ok/*", "injection-point", "body-end")).includes())
                .containsExactly("/ok/*");
    }

    /** "/admin*" was refused as "a * in the middle" (a Tapestry trial: the star is at its end); it says what it is. */
    @Test
    void aStarEndingANameIsToldAsSuch() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> InjectionRules.fromMap(Map.of("exclude-paths", "/admin*, /a/*/b, /reports/x**")));
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly("'/admin*' has a * that is not after a /.",
                "'/a/*/b' has a * in the middle.", "'/reports/x**' has a * in the middle.");
        assertThat(e.problems().get(0).fix()).startsWith("Write /admin/* for a path and everything under it");
        assertThat(catchThrowableOfType(EmbeddableConfigException.class, () -> InjectionRules.fromMap(Map.of(
                "include-paths", "/shop/x*"))).problems().get(0).fix()).startsWith("Write /shop/x/* ");
    }
    /**
     * An HTML page refused for its charset got no widget without a word (a trial asked why): it is said once per
     * charset, with what to do; a non-HTML answer in such a charset says nothing.
     */
    @Test
    void anHtmlPageRefusedForItsCharsetIsSaidOncePerCharset() {
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(InjectionRules.class)) {
            assertThat(rules.check(200, "text/plain;charset=UTF-32BE", null, null, "UTF-32BE")).isEqualTo(PASS);
            assertThat(log.messages()).isEmpty();
            for (int i = 0; i < 3; i++) {
                assertThat(rules.check(200, "text/html;charset=UTF-32LE", null, null, "UTF-32LE")).isEqualTo(PASS);
            }
            assertThat(log.messages()).singleElement().asString().contains("'utf-32le' get no widget").contains("UTF-8")
                    .contains("Embeddable.scriptTag");
            assertThat(rules.check(200, "text/html", null, null, "x-no-such\ncharset")).isEqualTo(PASS);
            assertThat(log.messages()).hasSize(2).last().asString().contains("'x-no-such?charset'"); // no line break into the log
        }
    }

    /**
     * A page already compressed when it reaches the filter gets no widget, and says so once per encoding: a Javalin
     * trial's pages lost the widget above Javalin's own compression threshold without a word. Not for other types,
     * nor for a file to save.
     */
    @Test
    void anEncodedPageIsSaidOncePerEncoding() {
        InjectionRules rules = InjectionRules.defaults();
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(InjectionRules.class)) {
            assertThat(rules.check(200, "application/json", "x-test-json", null, "UTF-8")).isEqualTo(PASS);
            assertThat(rules.check(200, "text/html", "x-test-attached", "attachment; filename=a.html", "UTF-8")).isEqualTo(PASS);
            assertThat(log.messages()).isEmpty();
            assertThat(rules.check(200, "text/html;charset=UTF-8", "x-test-br", null, "UTF-8")).isEqualTo(PASS);
            assertThat(rules.check(200, "text/html", "x-test-br", null, "UTF-8")).isEqualTo(PASS);
            assertThat(log.messages()).singleElement().asString().contains("Content-Encoding: x-test-br")
                    .contains("compressionStrategy", "ZK: the init-param compress=false");
        }
    }

    /**
     * Once per rules, not once per class: a copy of the library shared by several web applications (a server's lib
     * folder) told only the first application (a trial; SharedLibraryTest runs it in Tomcat).
     */
    @Test
    void eachRulesSayTheirWarningsThemselves() {
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(InjectionRules.class)) {
            InjectionRules first = InjectionRules.defaults();
            InjectionRules second = InjectionRules.defaults();
            assertThat(second).isNotSameAs(first);
            first.check(200, "text/html", "x-test-each", null, "UTF-8");
            first.check(200, "text/html", "x-test-each", null, "UTF-8");
            second.check(200, "text/html", "x-test-each", null, "UTF-8");
            first.check(200, "text/html;charset=UTF-16", null, null, "UTF-16");
            second.check(200, "text/html;charset=UTF-16", null, null, "UTF-16");
            assertThat(log.messages()).hasSize(4);
        }
    }
}

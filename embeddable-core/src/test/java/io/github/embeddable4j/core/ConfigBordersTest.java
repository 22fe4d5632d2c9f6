package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The borders of reading and checking a configuration that mutation testing found untested (the reader, the values'
 * checks, the rules across settings): each case a user can write, with what they should read back.
 */
class ConfigBordersTest {

    private static List<ConfigProblem> problems(ThrowingRead read) {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, read::read);
        assertThat(e).as("the configuration is refused").isNotNull();
        return e.problems();
    }

    private interface ThrowingRead {
        void read();
    }

    private static List<ConfigProblem> warnings(UnaryOperator<EmbeddableConfig.Builder> settings) {
        return settings.apply(EmbeddableConfig.builder()).build().warnings();
    }

    // ---- the file under the environment

    /** A variable replaces its own parameter only: the file's other parameters stay, and a bracket key is the same name. */
    @Test
    void aVariableReplacesOnlyTheParameterItNames() {
        Map<String, String> file = Map.of("ringcentral.embeddable.params.alpha", "1", "ringcentral.embeddable.params.beta", "2",
                "ringcentral.embeddable.params[gamma]", "3");
        EmbeddableConfig config = EmbeddableConfig.fromMap(file, "ringcentral.embeddable.",
                Map.of("RINGCENTRAL_EMBEDDABLE_PARAMS_ALPHA", "9", "RINGCENTRAL_EMBEDDABLE_PARAMS_GAMMA", "8"));
        assertThat(config.extraParams()).containsEntry("alpha", "9").containsEntry("beta", "2").containsEntry("gamma", "8")
                .hasSize(3);
    }

    // ---- JSON documents

    /** Jackson's message may quote a value written without quotes (a secret, maybe); JSON's own words stay. */
    @Test
    void aJsonSyntaxErrorHidesTheDocumentsTextButKeepsJsonsOwnWords() {
        List<ConfigProblem> found = problems(() -> EmbeddableConfig.fromJson(new StringReader("{\"clientId\": s3cr3tvalue}")));
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("not valid JSON at line 1").doesNotContain("s3cr3tvalue")
                    .contains("'null', 'true' or 'false'");
            assertThat(p.fix()).isEqualTo("Correct the JSON syntax.");
        });
    }

    /**
     * A setting written twice (a file merged by hand) is refused, as JSON does not say which value wins; the message
     * names the setting, a key and not a value, so the user knows which line to keep. A key that is none of ours (it
     * could be a value pasted in the wrong place) stays hidden, as in any syntax error.
     */
    @Test
    void aSettingWrittenTwiceIsNamed() {
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader(
                "{\"clientId\": \"one\",\n \"clientId\": \"two\"}")))).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("not valid JSON at line 2").contains("Duplicate field 'clientId'")
                    .doesNotContain("one").doesNotContain("two");
            assertThat(p.fix()).contains("Write each setting once");
        });
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader(
                "{\"params\": {\"disableCall\": true, \"disableCall\": false}}")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Duplicate field 'disableCall'"));
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader(
                "{\"ringcentral.embeddable.app-server\": \"sandbox\", \"ringcentral.embeddable.app-server\": \"x\"}"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("'ringcentral.embeddable.app-server'"));
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader(
                "{\"s3cr3tvalue\": 1, \"s3cr3tvalue\": 2}")))).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("Duplicate field '...'").doesNotContain("s3cr3tvalue");
            assertThat(p.fix()).contains("Write each setting once");
        });
    }

    @Test
    void anEmptyJsonDocumentIsNotAnObject() {
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader("")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a JSON object"));
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader("null")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a JSON object"));
    }

    /** {@code "params"} holds an object of parameters; anything else there is reported, not dropped. */
    @Test
    void jsonParamsThatAreNoObjectAreReported() {
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader("{\"params\": \"someFlag=true\"}"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("'params' is not a setting"));
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader("{\"params\": [\"someFlag\"]}"))))
                .singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("the value is a JSON array."));
        assertThat(problems(() -> EmbeddableConfig.fromJson(new StringReader("{\"clientId\": {\"value\": \"abc\"}}"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.property()).isEqualTo("clientId");
                    assertThat(p.message()).isEqualTo("the value is a JSON object.");
                });
    }

    /** A JSON document may use the properties' keys, prefix and all, as fromMap reads them. */
    @Test
    void aJsonKeyMayCarryThePrefix() {
        EmbeddableConfig config = EmbeddableConfig.fromJson(new StringReader(
                "{\"ringcentral.embeddable.client-id\": \"abc\", \"RINGCENTRAL_EMBEDDABLE_APP_SERVER\": \"sandbox\"}"));
        assertThat(config.clientId()).hasValue("abc");
        assertThat(config.appServer()).isEqualTo(AppServer.SANDBOX);
    }

    // ---- keys

    /** Only frame-origins is a list a framework may flatten; another setting with an index is simply not a setting. */
    @Test
    void anIndexedKeyOfAnotherSettingIsNotAListItem() {
        assertThat(problems(() -> EmbeddableConfig.fromMap(Map.of("disable-call[0]", "true")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'disable-call[0]' is not a setting")
                        .doesNotContain("item of a list"));
        assertThat(problems(() -> EmbeddableConfig.fromMap(Map.of("frame-origins[0]", "https://a.example.com"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("is an item of a list"));
    }

    /** An empty value means "not set" (a template's empty variable): the default, not a problem. */
    @Test
    void emptyHostingAndRequireClientIdAreTheDefaults() {
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("hosting", " ", "require-client-id", "", "client-id", "abc"));
        assertThat(config.hosting()).isEqualTo(Hosting.latest());
        assertThat(config.requireClientId()).isFalse();
    }

    /** The suggestion for a misspelt prefix joins the prefix and the rest with one separator, however it ends. */
    @Test
    void aMisspeltPrefixIsSuggestedWithOneSeparator() {
        for (String prefix : List.of("ringcentral.embeddable.", "ringcentral.embeddable", "RINGCENTRAL_EMBEDDABLE_",
                "ringcentral-embeddable-")) {
            List<ConfigProblem> found = problems(() -> EmbeddableConfig.fromMap(Map.of("ringcentral.embedable.client-id", "abc",
                    prefix + "require-client-id", "true"), prefix));
            String joined = prefix + (prefix.endsWith(".") || prefix.endsWith("_") || prefix.endsWith("-") ? "" : ".");
            assertThat(found).as(prefix).anySatisfy(p -> assertThat(p.message())
                    .contains("Did you mean '" + joined + "client-id'?"));
        }
        // the misspelt head may end at '-' too
        assertThat(SettingNames.misspeltPrefixTail("ringcentral.embedable-client-id", "ringcentral.embeddable",
                SettingNames::isSetting)).hasValue("client-id");
    }

    @Test
    void aPlaceholderHasANameBetweenItsBraces() {
        assertThat(ConfigReader.isPlaceholder("a${b}c")).isTrue();
        assertThat(ConfigReader.isPlaceholder("${RC_ID}")).isTrue();
        assertThat(ConfigReader.isPlaceholder("${}")).as("no name").isFalse();
        assertThat(ConfigReader.isPlaceholder("abc${")).as("never closed").isFalse();
        assertThat(ConfigReader.isPlaceholder("}${")).as("closed before it opens").isFalse();
        assertThat(ConfigReader.isPlaceholder("ab}cd}")).as("never opened").isFalse();
    }

    /** The relaxed prefix: any separators, any case, and only at a separator or the key's end. */
    @Test
    void aPrefixIsStrippedRelaxedAndOnlyWhole() {
        String wanted = Keys.normalize("ringcentral.embeddable.");
        assertThat(ConfigReader.stripPrefix("ringcentral.embeddable.client-id", wanted)).isEqualTo("client-id");
        assertThat(ConfigReader.stripPrefix("RINGCENTRAL_EMBEDDABLE_CLIENT_ID", wanted)).isEqualTo("CLIENT_ID");
        assertThat(ConfigReader.stripPrefix("ringcentral-embeddable-client-id", wanted)).isEqualTo("client-id");
        assertThat(ConfigReader.stripPrefix("ringcentral.embeddable..client-id", wanted)).isEqualTo("client-id");
        assertThat(ConfigReader.stripPrefix("ring-central.embeddable.x", wanted)).isEqualTo("x");
        assertThat(ConfigReader.stripPrefix("ringcentral.embeddable", wanted)).as("the prefix alone").isEmpty();
        assertThat(ConfigReader.stripPrefix("ringcentral.embeddable.", wanted)).isEmpty();
        assertThat(ConfigReader.stripPrefix("ringcentral.emb", wanted)).as("shorter than the prefix").isNull();
        assertThat(ConfigReader.stripPrefix("ringcentral", wanted)).isNull();
        assertThat(ConfigReader.stripPrefix("ringcentral.embeddableFoo", wanted)).as("not at a separator").isNull();
        assertThat(ConfigReader.stripPrefix("spring.embeddable.client-id", wanted)).isNull();
        assertThat(ConfigReader.stripPrefix("client-id", "")).as("no prefix").isEqualTo("client-id");
        assertThat(ConfigReader.stripPrefix(".client-id", "")).isEqualTo("client-id");
    }

    // ---- values

    /** A value of two quotes is quoted too: the widget would read the quotes. */
    @Test
    void twoQuotesAloneAreAQuotedValue() {
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("\"\"").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is in quotes"));
        assertThat(problems(() -> EmbeddableConfig.builder().userAgent("''").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is in quotes"));
    }

    /** RingCentral's client IDs have no spaces, markup or URL syntax, and are at most 256 characters. */
    @Test
    void aClientIdIsRefusedForASpaceAMarkupCharacterOrItsLength() {
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("abc def").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("has spaces or control characters"));
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("abc<def").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("(it has <, which a client ID never has"));
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("abc!def").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("(it has !, which a client ID never has"));
        assertThat(EmbeddableConfig.builder().clientId("a".repeat(256)).build().clientId()).hasValue("a".repeat(256));
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("a".repeat(257)).build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is too long"));
    }

    @Test
    void anExamplesPlaceholderIsRefusedWithItsBracketsAndDots() {
        for (String placeholder : List.of("<YOUR_CLIENT_ID>", "your.client.id", "<change-me>")) {
            assertThat(problems(() -> EmbeddableConfig.builder().clientId(placeholder).build())).as(placeholder)
                    .singleElement().satisfies(p -> assertThat(p.message()).contains("is a placeholder from an example"));
        }
    }

    /**
     * A value of control characters alone is unset whatever its type, in code as in a map (whose reader trims them):
     * a flag given one in code was refused, the same flag from a map was not.
     */
    @Test
    void controlCharactersAloneAreUnsetForEveryType() {
        for (String name : List.of("disableCall", "userAgent", "defaultCallWith", "appServer")) {
            assertThat(EmbeddableConfig.builder().param(name, "\u0001\t").build().toMap()).as(name).doesNotContainKey(name);
            assertThat(EmbeddableConfig.fromMap(Map.of(name, "\u0001")).toMap()).as(name).doesNotContainKey(name);
        }
        assertThat(problems(() -> EmbeddableConfig.builder().param("disableCall", "\u0001x").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is not true or false"));
    }

    /**
     * A check's "what is wrong; how to fix it" becomes a problem and its fix at the "; " after the quoted value, as the
     * value may hold a "; " of its own (a CSP source pasted into hosting).
     */
    @Test
    void aMessageSplitsIntoProblemAndFixAfterTheQuotedValue() {
        ConfigProblem pasted = ConfigValues.problem("hosting", " https://x.example/; script-src * ",
                new IllegalArgumentException("'https://x.example/; script-src *' is no origin; write an https:// origin"));
        assertThat(pasted.message()).isEqualTo("'https://x.example/; script-src *' is no origin.");
        assertThat(pasted.fix()).isEqualTo("Write an https:// origin.");
        ConfigProblem ended = ConfigValues.problem("x", "v", new IllegalArgumentException("'v' is bad; use w."));
        assertThat(ended.message()).isEqualTo("'v' is bad.");
        assertThat(ended.fix()).as("no second full stop").isEqualTo("Use w.");
        ConfigProblem unquoted = ConfigValues.problem("x", "a-long-value", new IllegalArgumentException("too long; shorten it"));
        assertThat(unquoted.message()).isEqualTo("too long.");
        assertThat(unquoted.fix()).isEqualTo("Shorten it.");
        ConfigProblem first = ConfigValues.problem("x", "a; b", new IllegalArgumentException("a; b is bad; fix it"));
        assertThat(first.message()).as("the value at the start of the message").isEqualTo("a; b is bad.");
        ConfigProblem blank = ConfigValues.problem("x", " ", new IllegalArgumentException("missing; give one"));
        assertThat(blank.message()).isEqualTo("missing.");
        ConfigProblem whole = ConfigValues.problem("x", "v", new IllegalArgumentException("'v' is bad"));
        assertThat(whole.message()).isEqualTo("'v' is bad");
        assertThat(whole.fix()).isEqualTo("Correct the value of x.");
        assertThat(ConfigValues.problem("x", "v", new IllegalArgumentException()).message()).isEqualTo("invalid value");
    }

    // ---- rules across settings

    /** appKey, the old name of clientId: blank is unset, the same value agrees, only a different one conflicts. */
    @Test
    void theOldNameOfClientIdAgreesWithItWhenBlankOrTheSame() {
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put("clientId", "abc");
        blank.put("appKey", " ");
        EmbeddableConfig config = EmbeddableConfig.fromMap(blank);
        assertThat(config.clientId()).hasValue("abc");
        assertThat(config.warnings()).extracting(ConfigProblem::property).doesNotContain("appKey");

        Map<String, String> same = Map.of("clientId", "abc", "appKey", "abc");
        assertThat(EmbeddableConfig.fromMap(same).warnings()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("appKey");
            assertThat(p.message()).contains("deprecated");
        });
        assertThat(problems(() -> EmbeddableConfig.fromMap(Map.of("clientId", "abc", "appKey", "xyz")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("are both set, to different values"));
    }

    /** The GitHub Pages build is in the demo app's redirect URIs: only its legacy warning, no redirect one. */
    @Test
    void theDemoAppOnGithubPagesGetsNoRedirectWarning() {
        assertThat(warnings(b -> b.hosting("github-pages"))).extracting(ConfigProblem::property)
                .containsExactly("clientId", "hosting");
        assertThat(warnings(b -> b.hosting("github-pages"))).noneSatisfy(p -> assertThat(p.message())
                .contains("does not list"));
    }

    /**
     * A redirect page in RingCentral's folders is accepted only in the folder of the widget loaded: the other
     * location's page is refused, another page of the same folder is not.
     */
    @Test
    void aRedirectPageOfRingCentralsOtherFolderIsRefused() {
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://ringcentral.github.io/ringcentral-embeddable/redirect.html").build())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("in another widget folder than the one loaded"));
        assertThat(problems(() -> EmbeddableConfig.builder().clientId("abc").hosting("github-pages")
                .redirectUri("https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/redirect.html").build()))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("in another widget folder"));
        assertThat(EmbeddableConfig.builder().clientId("abc")
                .redirectUri("https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/redirect2.html").build()
                .customRedirectUri()).hasValue("https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/redirect2.html");
    }

    /** Every problem at once: a JWT with a secret and no client ID is two problems, each with its own fix. */
    @Test
    void aJwtWithASecretButNoClientIdIsTwoProblems() {
        List<ConfigProblem> found = problems(() -> EmbeddableConfig.builder().jwt("eyJx.y.z").clientSecret("s")
                .allowSecretsInMarkup(true).build());
        assertThat(found).extracting(ConfigProblem::property).containsExactlyInAnyOrder("clientSecret", "jwt");
        assertThat(found).filteredOn(p -> p.property().equals("jwt")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs both clientId and clientSecret"));
    }

    /** Each secret's fix says what to do about that secret. */
    @Test
    void aSecretsFixNamesThatSecret() {
        List<ConfigProblem> found = problems(() -> EmbeddableConfig.builder().clientId("abc").clientSecret("s").build());
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("clientSecret");
            assertThat(p.fix()).startsWith("Remove clientSecret: with a clientId and no secret the widget uses PKCE");
        });
        List<ConfigProblem> jwt = problems(() -> EmbeddableConfig.builder().clientId("abc").clientSecret("s").jwt("eyJx.y.z")
                .build());
        assertThat(jwt).filteredOn(p -> p.property().equals("jwt")).singleElement()
                .satisfies(p -> assertThat(p.fix()).startsWith("Remove jwt: a JWT in the page signs every visitor in"));
    }

    /** A parameter of one major version is warned about under another, not under a self-hosted build of no known version. */
    @Test
    void aParameterOfOneMajorIsWarnedAboutOnlyUnderAnotherKnownMajor() {
        assertThat(warnings(b -> b.clientId("abc").hosting("2.x").param("enableRingoutCallerId", "true")))
                .filteredOn(p -> p.property().equals("enableRingoutCallerId")).singleElement()
                .satisfies(p -> assertThat(p.fix()).isEqualTo("Set hosting=3.x to use it, or remove it."));
        assertThat(warnings(b -> b.clientId("abc").hosting("2.x").param("enableNoiseReductionSetting", "true")))
                .filteredOn(p -> p.property().equals("enableNoiseReductionSetting")).singleElement()
                .satisfies(p -> assertThat(p.fix()).isEqualTo("Remove it (2.x and later use disableNoiseReduction)."));
        assertThat(warnings(b -> b.clientId("abc").hosting("https://cdn.example.com/rc/").frameOrigins("https://cdn.example.com")
                .param("enableRingoutCallerId", "true"))).extracting(ConfigProblem::property)
                .doesNotContain("enableRingoutCallerId");
    }

    /** The advice against disconnectInactiveWebphone with the pop-out is for the pair, not either alone. */
    @Test
    void theWebphoneAndPopOutAdviceIsForThePairOnly() {
        assertThat(warnings(b -> b.clientId("abc").param("disconnectInactiveWebphone", "true")))
                .extracting(ConfigProblem::property).doesNotContain("disconnectInactiveWebphone");
        assertThat(warnings(b -> b.clientId("abc").param("enablePopup", "true").param("multipleTabsSupport", "true")))
                .extracting(ConfigProblem::property).doesNotContain("disconnectInactiveWebphone");
        assertThat(warnings(b -> b.clientId("abc").param("enablePopup", "true").param("multipleTabsSupport", "true")
                .param("disconnectInactiveWebphone", "true"))).extracting(ConfigProblem::property)
                .contains("disconnectInactiveWebphone");
    }

    /** A parameter name the widget could not read: a credential's is said to be one, a kebab one gets its spelling. */
    @Test
    void aBadParameterNameSaysWhatItIsAndHowToSpellIt() {
        assertThat(problems(() -> EmbeddableConfig.builder().param("access.token", "t").build())).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).contains("it looks like a credential");
                    assertThat(p.fix()).contains("Spring reads each _ as a dot");
                });
        assertThat(problems(() -> EmbeddableConfig.builder().param("some$flag", "1").build())).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).doesNotContain("credential");
                    assertThat(p.fix()).isEqualTo("Use letters and digits only, starting with a letter.");
                });
        assertThat(problems(() -> EmbeddableConfig.builder().param("some-flag", "1").build())).singleElement()
                .satisfies(p -> assertThat(p.fix()).isEqualTo("params. takes names as the widget spells them: write"
                        + " params.someFlag."));
        assertThat(problems(() -> EmbeddableConfig.builder().param("-some-flag", "1").build())).singleElement()
                .satisfies(p -> assertThat(p.fix()).endsWith("write params.someFlag."));
        assertThat(problems(() -> EmbeddableConfig.builder().param("disable-call", "true").build())).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("this is its setting disableCall: set disable-call itself"));
    }

    // ---- hosting

    @Test
    void hostingFormsAtTheirBorders() {
        for (String form : List.of("github-pages", "github_pages", "GitHubPages")) {
            assertThat(Hosting.parse(form)).as(form).isEqualTo(Hosting.githubPages());
        }
        for (String v : List.of("v2.3.1", "V2.3.1")) {
            assertThatThrownBy(() -> Hosting.parse(v)).as(v).hasMessageContaining("release folders have no 'v' prefix;"
                    + " write 2.3.1");
        }
        for (String nothing : List.of(" ", "abc", "x.y.z")) {
            assertThatThrownBy(() -> Hosting.parse(nothing)).as(nothing).hasMessageContaining("is not a hosting");
        }
        for (String file : List.of("https://cdn.example.com/rc/adapter.js", "https://cdn.example.com/rc/app.html")) {
            assertThatThrownBy(() -> Hosting.parse(file)).as(file).hasMessageContaining("names a file");
        }
        assertThat(Hosting.latest()).isNotEqualTo("latest").isNotEqualTo(Hosting.githubPages());
    }
}

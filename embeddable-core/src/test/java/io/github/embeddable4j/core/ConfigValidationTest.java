package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per validation rule, plus several problems reported together. */
class ConfigValidationTest {

    private static List<ConfigProblem> problems(UnaryOperator<EmbeddableConfig.Builder> settings) {
        try {
            settings.apply(EmbeddableConfig.builder()).build();
        } catch (EmbeddableConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be invalid");
    }

    private static List<ConfigProblem> warnings(UnaryOperator<EmbeddableConfig.Builder> settings) {
        return settings.apply(EmbeddableConfig.builder().clientId("abc")).build().warnings();
    }

    /**
     * A {@code ${...}} nobody replaced (a web.xml whose system property was not set) is reported, not sent to every page
     * as the client ID (a legacy-JSP trial's pages carried clientId=%24%7Bringcentral.clientid%7D).
     */
    @Test
    void anUnreplacedPlaceholderIsAProblemNotAValue() {
        assertThatThrownBy(() -> EmbeddableConfig.fromMap(java.util.Map.of("client-id", "${ringcentral.clientid}",
                "redirect-uri", "https://${host}/redirect", "params.x", "${x}")))
                .isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("client-id: '${ringcentral.clientid}' is a placeholder nobody replaced.")
                .hasMessageContaining("redirect-uri: 'https://${host}/redirect' is a placeholder nobody replaced.")
                .hasMessageContaining("params.x: '${x}' is a placeholder nobody replaced.")
                .hasMessageContaining("define what the placeholder names");
        assertThatThrownBy(() -> EmbeddableConfig.fromEnvironment(java.util.Map.of("RINGCENTRAL_CLIENT_ID", "${CLIENT_ID}")))
                .hasMessageContaining("RINGCENTRAL_CLIENT_ID: '${CLIENT_ID}' is a placeholder nobody replaced.");
        // A secret's placeholder is not quoted: its default may be the secret itself (a log audit).
        assertThatThrownBy(() -> EmbeddableConfig.fromMap(java.util.Map.of("client-secret", "${RC_SECRET:TopSecretValue123}")))
                .hasMessageContaining("client-secret: the value is a placeholder nobody replaced.")
                .hasMessageNotContaining("TopSecretValue123");
        // A lone "$" or braces are no placeholder.
        assertThat(EmbeddableConfig.fromMap(java.util.Map.of("client-id", "abc$", "params.x", "{}", "params.y", "${}"))
                .clientId()).hasValue("abc$");
    }

    /**
     * A value in quotes keeps them: an operations trial's .env file gave RINGCENTRAL_CLIENT_ID="AbC123..." to a process
     * that does not strip them, and every page carried clientId=%22AbC123...%22 without a word at start-up.
     */
    @Test
    void aValueInQuotesIsAProblemNamedAsTheSourceSpeltIt() {
        assertThatThrownBy(() -> EmbeddableConfig.fromEnvironment(java.util.Map.of("RINGCENTRAL_CLIENT_ID", "\"AbC123xyz\"",
                "RINGCENTRAL_EMBEDDABLE_REDIRECT_URI", "'https://app.example.com/redirect.html'", "RINGCENTRAL_APP_SERVER", " 'sandbox' ")))
                .isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("RINGCENTRAL_CLIENT_ID: \"AbC123xyz\" is in quotes, which would be part of the value")
                .hasMessageContaining("RINGCENTRAL_EMBEDDABLE_REDIRECT_URI: 'https://app.example.com/redirect.html' is in quotes")
                .hasMessageContaining("RINGCENTRAL_APP_SERVER: 'sandbox' is in quotes")
                .hasMessageContaining("Fix: Remove the quotes.");
        // Quotes inside a value, or only on one side, are the value's own.
        assertThat(EmbeddableConfig.fromMap(java.util.Map.of("params.x", "say \"hi\"", "params.y", "\"half")).toMap())
                .containsEntry("params.x", "say \"hi\"").containsEntry("params.y", "\"half");
    }

    @Test
    void everyProblemIsReportedAtOnceWithPropertyMessageAndFix() {
        EmbeddableConfigException e = (EmbeddableConfigException) org.assertj.core.api.Assertions.catchThrowable(() ->
                EmbeddableConfig.builder().requireClientId(true).appServer("http://platform.ringcentral.com")
                        .hosting("2.3").stylesUri("javascript:alert(1)").prefix("1 bad").jwt("eyJ").zIndex(null)
                        .set(WidgetParameter.DEFAULT_CALL_WITH, "phone").build());
        assertThat(e.problems()).extracting(ConfigProblem::property).containsExactly(
                "appServer", "hosting", "stylesUri", "prefix", "defaultCallWith", "clientId", "jwt", "jwt");
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.message()).isNotBlank().endsWith(".");
            assertThat(p.fix()).isNotBlank().endsWith(".");
        });
        assertThat(e.getMessage()).startsWith("Invalid RingCentral Embeddable configuration (8 problems):")
                .contains("1. appServer: 'http://platform.ringcentral.com' does not use https.")
                .contains("Fix: Write one of browser, jupiter, softphone, ringout.")
                .contains("5. defaultCallWith: 'phone' is not a calling option.");
    }

    @Test
    void secretsAreRefusedUnlessTheLegacyOptInIsUsed() {
        // Anything in the widget's URL is readable by every visitor of the page, and lands in history and logs.
        assertThat(problems(b -> b.clientId("abc").clientSecret("s").authorizationCode("c").authorizationCodeVerifier("v")))
                .extracting(ConfigProblem::property)
                .containsExactly("clientSecret", "authorizationCode", "authorizationCodeVerifier");
        assertThat(problems(b -> b.clientId("abc").clientSecret("s").jwt("j")))
                .filteredOn(p -> p.property().equals("jwt")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("same RingCentral user"));
        EmbeddableConfig legacy = EmbeddableConfig.builder().clientId("abc").clientSecret("s").allowSecretsInMarkup(true).build();
        assertThat(legacy.secrets()).containsExactly(WidgetParameter.CLIENT_SECRET);
        assertThat(legacy.warnings()).extracting(ConfigProblem::property).containsExactly("allowSecretsInMarkup");
    }

    @Test
    void secretsNeedTheirCompanions() {
        assertThat(problems(b -> b.allowSecretsInMarkup(true).clientSecret("s"))).extracting(ConfigProblem::property)
                .containsExactly("clientSecret");
        assertThat(problems(b -> b.allowSecretsInMarkup(true).clientId("a").jwt("j"))).extracting(ConfigProblem::property)
                .containsExactly("jwt");
        assertThat(problems(b -> b.allowSecretsInMarkup(true).clientId("a").authorizationCodeVerifier("v")))
                .extracting(ConfigProblem::property).containsExactly("authorizationCodeVerifier");
    }

    @Test
    void deprecatedAppKeyAndAppSecretAreReadAsClientIdAndClientSecret() {
        EmbeddableConfig config = EmbeddableConfig.builder().param("appKey", "abc").param("appSecret", "s")
                .allowSecretsInMarkup(true).build();
        assertThat(config.clientId()).hasValue("abc");
        assertThat(config.get(WidgetParameter.CLIENT_SECRET)).hasValue("s");
        assertThat(config.warnings()).extracting(ConfigProblem::property).contains("appKey", "appSecret");
        assertThat(Embeddable.of(config).adapterUrl()).contains("clientId=abc").contains("clientSecret=s")
                .doesNotContain("appKey").doesNotContain("appSecret");
        assertThat(problems(b -> b.clientId("abc").param("appKey", "xyz"))).extracting(ConfigProblem::property)
                .containsExactly("appKey");
    }

    @Test
    void redirectUriMustBeInTheLoadedFolderWhenItIsRingCentrals() {
        assertThat(problems(b -> b.hosting("2.x").redirectUri(
                "https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/redirect.html")))
                .extracting(ConfigProblem::property).containsExactly("redirectUri");
        EmbeddableConfig same = EmbeddableConfig.builder().hosting("2.x")
                .redirectUri("https://apps.ringcentral.com/integration/ringcentral-embeddable/2.x/redirect.html").build();
        assertThat(same.customRedirectUri()).isEmpty(); // the folder's default: nothing to write
        EmbeddableConfig own = EmbeddableConfig.builder().redirectUri("https://crm.example.com/rc/redirect").build();
        assertThat(own.redirectUri()).isEqualTo("https://crm.example.com/rc/redirect");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/r", "/relative/redirect.html", "https://example.com/r#frag",
        "https://user@example.com/r", "http://example.com/r", "javascript:alert(1)"})
    void urlSettingsMustBeAbsoluteHttps(String url) {
        assertThat(problems(b -> b.redirectUri(url))).extracting(ConfigProblem::property).containsExactly("redirectUri");
        assertThat(problems(b -> b.popupPageUri(url))).extracting(ConfigProblem::property).containsExactly("popupPageUri");
    }

    @Test
    void aScriptOrDataUrlIsToldItsSchemeIsWrongNotThatItIsRelative() {
        // javascript:alert(1) is an absolute URI; a trial was told "is not an absolute URL", which reads as a wrong fix
        for (String url : new String[] {"javascript:alert(1)", "javascript:1;alert(1)", "data:text/html,x",
                "mailto:ops@example.com"}) {
            assertThat(problems(b -> b.redirectUri(url))).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("is a " + url.substring(0, url.indexOf(':') + 1) + " URL, not a web address")
                        .doesNotContain("absolute");
                assertThat(p.fix()).contains("https://host/path");
            });
        }
        for (String noScheme : new String[] {"/relative/redirect.html", "localhost:8080/redirect", "crm.example.com:8443/r"}) {
            assertThat(problems(b -> b.redirectUri(noScheme))).as(noScheme).singleElement() // a host and port, no scheme
                    .satisfies(p -> assertThat(p.message()).contains("is not an absolute URL"));
        }
    }

    /** A red-team trial's hosting value with a "; " of its own was cut there: "'https://evil.example/. Fix: Script-src *'". */
    @Test
    void aValueHoldingTheMessagesOwnSeparatorStaysWholeInTheMessage() {
        String value = "https://evil.example/; script-src *";
        for (UnaryOperator<EmbeddableConfig.Builder> settings : List.<UnaryOperator<EmbeddableConfig.Builder>>of(
                b -> b.hosting(value), b -> b.set(WidgetParameter.REDIRECT_URI, value))) {
            assertThat(problems(settings)).singleElement().satisfies(p -> {
                assertThat(p.message()).startsWith("'" + value + "' is not");
                assertThat(p.fix()).doesNotContain("script-src").matches("[A-Z].*\\.");
            });
        }
        assertThatThrownBy(() -> EmbeddableConfig.fromMap(java.util.Map.of("hosting", value))) // read from properties
                .hasMessageContaining("hosting: '" + value + "' is not a valid URL.");
    }

    @Test
    void featureCombinations() {
        assertThat(problems(b -> b.enablePopup(true))).extracting(ConfigProblem::property).containsExactly("enablePopup");
        assertThat(problems(b -> b.enableVoicemailDrop(true).hosting("3.x")))
                .extracting(ConfigProblem::property).containsExactly("enableVoicemailDrop");
        assertThat(problems(b -> b.authProxy(true))).extracting(ConfigProblem::property).containsExactly("authProxy");
        assertThat(problems(b -> b.brand(Brand.ATT))).extracting(ConfigProblem::property).containsExactly("brand");
        assertThat(EmbeddableConfig.builder().brand(Brand.ATT).appServer(AppServer.RINGCENTRAL_BIZ).clientId("a").build()
                .warnings()).isEmpty();
        assertThat(warnings(b -> b.enablePopup(true).multipleTabsSupport(true).disconnectInactiveWebphone(true)))
                .extracting(ConfigProblem::property).containsExactly("disconnectInactiveWebphone");
    }

    @Test
    void authProxyNeedsNoClientIdButItsOwnServer() {
        EmbeddableConfig proxy = EmbeddableConfig.builder().authProxy(true).appServer("https://proxy.example.com")
                .hosting("https://proxy.example.com/widget/").build();
        assertThat(proxy.warnings()).extracting(ConfigProblem::property).containsExactly("hosting"); // self-hosting note only
    }

    @Test
    void anExamplesPlaceholderIsNotAClientId() {
        // A client ID copied from an example (the docs' web.xml has YOUR_CLIENT_ID) would reach the widget, which
        // then fails at sign-in with RingCentral's "invalid client"; refused at startup instead.
        for (String placeholder : new String[] {"YOUR_CLIENT_ID", "your-client-id", "<client_id>", "ChangeMe", "clientId"}) {
            assertThat(problems(b -> b.clientId(placeholder))).as(placeholder).singleElement().satisfies(p -> {
                assertThat(p.property()).isEqualTo("clientId");
                assertThat(p.message()).contains("is a placeholder from an example");
            });
        }
        for (String real : new String[] {"abc", "aB3dE5fG7hI9jK1lM3nO5p", "your-client-id-2", "client"}) {
            assertThat(EmbeddableConfig.builder().clientId(real).build().get(WidgetParameter.CLIENT_ID)).as(real).hasValue(real);
        }
    }

    /**
     * A client ID with markup, quotes or URL syntax in it is something else pasted (a red-team trial started with
     * {@code abc"><script>...} as its client ID: escaped everywhere, it would only have failed at sign-in).
     */
    @Test
    void aClientIdWithMarkupOrUrlSyntaxIsSomethingElsePasted() {
        for (String pasted : new String[] {"abc\"><script>alert(1)</script>", "https://developers.ringcentral.com/my-apps",
                "aB3dE5fG7hI9jK1lM3nO5p\"", "{{clientId}}", "id&clientSecret=x", "a#b"}) {
            assertThat(problems(b -> b.clientId(pasted))).as(pasted).singleElement().satisfies(p -> {
                assertThat(p.property()).isEqualTo("clientId");
                assertThat(p.message()).contains("does not look like a client ID").contains("which a client ID never has");
            });
        }
        // A JWT (a secret) pasted as the client ID would be in every page and the start-up log: refused, never quoted.
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlc2lnbmF0dXJl";
        assertThat(problems(b -> b.clientId(jwt))).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("clientId");
            assertThat(p.message()).contains("is a JWT, a secret, not a client ID").doesNotContain("eyJzdWIi");
            assertThat(p.toString()).doesNotContain("c2lnbmF0dXJl");
        });
        // A real JWT is longer than any client ID (a token of 700 characters): the length check, which came first,
        // quoted it in full in the start-up log (a log audit). Nor is an ID and secret pasted together quoted whole.
        String realJwt = "eyJraWQiOiI4NzYyZjU5OGQwNTk0NGRiODZiZjVjYTk3ODA0NzYwOCIsInR5cCI6IkpXVCIsImFsZyI6IlJTMjU2In0."
                + "eyJ" + "a".repeat(500) + "." + "s".repeat(200);
        assertThat(problems(b -> b.clientId(realJwt))).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("is a JWT, a secret, not a client ID").doesNotContain("eyJraWQiOiI4")
                    .doesNotContain("aaaaaaaaaa").hasSizeLessThan(400);
        });
        for (String pasted : new String[] {"aB3dE5fG7hI9jK1lM3nO5p:S3cr3tS3cr3tS3cr3tS3cr3t", "0123456789".repeat(30)}) {
            assertThat(problems(b -> b.clientId(pasted))).as(pasted).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("does not look like a client ID").contains("(" + pasted.length() + " characters)")
                        .doesNotContain(pasted.substring(6, 12));
            });
        }
        for (String real : new String[] {"aB3dE5fG7hI9jK1lM3nO5p", "ZqQRnTwk-TAyB1f1_D4RZJw", "old+key/with=", "a.b~c",
                "eyJustAnId", "eyJ.two"}) {
            assertThat(EmbeddableConfig.builder().clientId(real).build().get(WidgetParameter.CLIENT_ID)).as(real).hasValue(real);
        }
    }

    @Test
    void valuesThatCannotBeWritten() {
        assertThat(problems(b -> b.clientId("has space"))).extracting(ConfigProblem::property).containsExactly("clientId");
        assertThat(problems(b -> b.userAgent("broken \uD800 text"))).extracting(ConfigProblem::property).containsExactly("userAgent");
        assertThat(problems(b -> b.set(WidgetParameter.DISABLE_CALL, "maybe"))).singleElement()
                .satisfies(p -> assertThat(p.fix()).isEqualTo("Write true or false."));
        assertThat(problems(b -> b.set(WidgetParameter.Z_INDEX, "high"))).extracting(ConfigProblem::property).containsExactly("zIndex");
        assertThat(problems(b -> b.discoverAppServer("https://evil.example.com"))).extracting(ConfigProblem::property)
                .containsExactly("discoverAppServer");
        assertThat(EmbeddableConfig.builder().discoverAppServer("https://discovery.ringcentral.com/").build()
                .get(WidgetParameter.DISCOVER_APP_SERVER)).hasValue("https://discovery.ringcentral.com");
    }

    @Test
    void extraParameters() {
        assertThat(problems(b -> b.param("fromAdapter", "1"))).extracting(ConfigProblem::property).containsExactly("params.fromAdapter");
        assertThat(problems(b -> b.param("_t", "1"))).extracting(ConfigProblem::property).containsExactly("params._t");
        assertThat(problems(b -> b.param("a b", "1"))).extracting(ConfigProblem::property).containsExactly("params.a b");
        // A trial wrote params.client-secret, kebab case as every other property: the fix names the widget's spelling.
        assertThat(problems(b -> b.param("client-secret", "x"))).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("params.client-secret");
            assertThat(p.fix()).contains("its setting clientSecret: set client-secret itself (without params.)");
        });
        assertThat(problems(b -> b.param("my-crm.flag", "1"))).singleElement()
                .satisfies(p -> assertThat(p.fix()).isEqualTo("params. takes names as the widget spells them: write params.myCrmFlag."
                        + " From an environment variable, Spring reads each _ as a dot; set such a parameter in a properties file,"
                        + " or in SPRING_APPLICATION_JSON ({\"ringcentral.embeddable.params.someName\":\"1\"}), which keeps its"
                        + " name as written."));
        // A red-team trial's RINGCENTRAL_EMBEDDABLE_PARAMS_ACCESS_TOKEN, which Spring reads as params.access.token: it
        // was refused for its dots only, not said to be a credential
        assertThat(problems(b -> b.param("access.token", "tok3n"))).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("'access.token' is not a parameter name the widget could read, and it looks"
                    + " like a credential (its name), which would be written into every page.");
            assertThat(p.fix()).contains("Spring reads each _ as a dot");
        });
        assertThat(problems(b -> b.param("a b", "1"))).singleElement()
                .satisfies(p -> assertThat(p.fix()).isEqualTo("Use letters and digits only, starting with a letter."));
        List<ConfigProblem> w = warnings(b -> b.param("disablecall", "1").param("enableErrorReport", "1"));
        assertThat(w).extracting(ConfigProblem::property).containsExactly("params.disablecall", "params.enableErrorReport");
        assertThat(w.get(0).message()).contains("Did you mean 'disableCall'?");
        assertThat(w.get(1).message()).contains("never reads");
        // A known name given to param() is the typed setting, not an extra.
        EmbeddableConfig typed = EmbeddableConfig.builder().param("disableCall", "true").build();
        assertThat(typed.isOn(WidgetParameter.DISABLE_CALL)).isTrue();
        assertThat(typed.extraParams()).isEmpty();
    }

    @Test
    void versionSpecificParametersAndHostings() {
        assertThat(warnings(b -> b.enableSideWidget(true))).extracting(ConfigProblem::message).singleElement()
                .asString().contains("only widget 3.x reads enableSideWidget");
        assertThat(warnings(b -> b.enableSideWidget(true).hosting("3.x"))).isEmpty();
        assertThat(warnings(b -> b.enableNoiseReductionSetting(true))).extracting(ConfigProblem::property)
                .containsExactly("enableNoiseReductionSetting");
        assertThat(warnings(b -> b.hosting("1.x"))).extracting(ConfigProblem::property).containsExactly("hosting");
        assertThat(warnings(b -> b.hosting("4.x"))).singleElement().satisfies(p -> assertThat(p.message()).contains("not known"));
        assertThat(warnings(b -> b.hosting("https://cdn.example.com/rc/"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("self-hosting"));
        // Its fix made (the origin the copy frames is named), the warning goes: it could not be silenced before (a trial).
        assertThat(warnings(b -> b.hosting("https://cdn.example.com/rc/").frameOrigins("https://phone.example.com"))).isEmpty();
        assertThat(warnings(b -> b.hosting("github-pages"))).extracting(ConfigProblem::property).containsExactly("hosting");
        assertThat(warnings(b -> b.proxyUri("https://example.com/proxy.html"))).extracting(ConfigProblem::property)
                .containsExactly("proxyUri");
        assertThat(problems(b -> b.hosting("1.8.5"))).extracting(ConfigProblem::property).containsExactly("hosting");
        assertThat(warnings(b -> b.hosting("1.9.3"))).isEmpty();
    }

    /**
     * A pinned 2.x release older than a parameter ignores it without a word: the widget's 2.2.2 tag reads no
     * externalAuthId (so sign in once cannot work there), 2.0.0 no mainTab, and no release up to 2.3.1 reads
     * enableTypingTimeTracking (an audit of the settings against the widget's tags).
     */
    @Test
    void aPinnedReleaseThatDoesNotReadAParameterIsNamed() {
        assertThat(warnings(b -> b.hosting("2.2.1").externalAuthId("ada"))).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("externalAuthId");
            assertThat(p.message()).isEqualTo("widget releases up to 2.2.2 do not read externalAuthId, so hosting 2.2.1 ignores it.");
            assertThat(p.fix()).contains("pin a release after 2.2.2");
        });
        assertThat(warnings(b -> b.hosting("2.3.0").externalAuthId("ada"))).isEmpty();
        assertThat(warnings(b -> b.hosting("2.3.1").enableTypingTimeTracking(true).enableSharedMessages(true)))
                .extracting(ConfigProblem::property).containsExactly("enableTypingTimeTracking");
        assertThat(warnings(b -> b.hosting("2.0.0").mainTab(true).enableLoadMoreCalls(true).enableAudioInitPrompt(true)))
                .extracting(ConfigProblem::property).containsExactly("mainTab", "enableAudioInitPrompt", "enableLoadMoreCalls");
        assertThat(warnings(b -> b.hosting("2.1.0").mainTab(true))).isEmpty();
        // a flag that is off is not written, so the release has nothing to ignore; channels and latest are not pinned
        assertThat(warnings(b -> b.hosting("2.0.0").mainTab(false))).isEmpty();
        assertThat(warnings(b -> b.hosting("2.x").enableTypingTimeTracking(true))).isEmpty();
        assertThat(warnings(b -> b.enableTypingTimeTracking(true))).isEmpty();
        assertThat(Hosting.version("2.3.0-beta.1").predates(WidgetParameter.ENABLE_SHARED_MESSAGES)).isFalse();
        assertThat(Hosting.version("2.2.2").predates(WidgetParameter.CLIENT_ID)).isFalse();
        assertThat(Hosting.lastReleaseWithout(WidgetParameter.ENABLE_SHARED_MESSAGES)).contains("2.2.2");
        // part by part: 2.0.1000 is older than 2.1.0 (one number of the three, 2001000, made them equal)
        assertThat(Hosting.version("2.0.1000").predates(WidgetParameter.MAIN_TAB)).isFalse(); // MAIN_TAB: up to 2.0.0
        assertThat(Hosting.version("2.0.1000").predates(WidgetParameter.EXTERNAL_AUTH_ID)).isTrue();
        // 1.x, channel or release, predates every parameter that came in 2.x (sign in once relies on it for externalAuthId)
        assertThat(Hosting.channel("1.x").predates(WidgetParameter.EXTERNAL_AUTH_ID)).isTrue();
        assertThat(Hosting.version("1.9.3").predates(WidgetParameter.ENABLE_TYPING_TIME_TRACKING)).isTrue();
        assertThat(Hosting.version("1.9.3").predates(WidgetParameter.CLIENT_ID)).isFalse();
        assertThat(warnings(b -> b.hosting("1.9.3").externalAuthId("ada"))).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("widget releases up to 2.2.2 do not read externalAuthId, so hosting 1.9.3"
                        + " ignores it."));
        assertThat(warnings(b -> b.hosting("1.x").externalAuthId("ada"))).extracting(ConfigProblem::message)
                .containsExactly("the 1.x channel is deprecated.",
                        "widget releases up to 2.2.2 do not read externalAuthId, so hosting 1.x ignores it.");
        // a part too long for a number is no release: a problem with its fix, not a NumberFormatException from build()
        assertThat(problems(b -> b.hosting("2.99999999999999999999.0"))).extracting(ConfigProblem::property)
                .containsExactly("hosting");
        assertThat(problems(b -> b.hosting("99999999999.x"))).extracting(ConfigProblem::property).containsExactly("hosting");
    }

    /** The widget reads discoverAppServer only inside {@code if (enableDiscovery)} (its src/app.js): alone it does nothing. */
    @Test
    void aDiscoveryServerWithoutDiscoveryIsNamed() {
        assertThat(warnings(b -> b.discoverAppServer("https://discovery.ringcentral.com"))).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("discoverAppServer");
            assertThat(p.message()).contains("only when discovery is on");
            assertThat(p.fix()).contains("discovery=true");
        });
        assertThat(warnings(b -> b.discoverAppServer("https://discovery.ringcentral.com").discovery(true))).isEmpty();
    }

    @Test
    void serverWarnings() {
        assertThat(warnings(b -> b.appServer(AppServer.SANDBOX))).extracting(ConfigProblem::property).containsExactly("appServer");
        assertThat(warnings(b -> b.appServer("https://proxy.example.com"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Content-Security-Policy"));
    }

    @Test
    void blankValuesMeanNotSet() {
        // So that RINGCENTRAL_CLIENT_ID="" or ${RC_CLIENT_ID:} falls back to the demo app instead of failing.
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("").set(WidgetParameter.DISABLE_CALL, " ").build();
        assertThat(config).isEqualTo(EmbeddableConfig.defaults());
    }

    @Test
    void urlsWithABrokenCharacterAreRefusedNotWrittenChanged() {
        // Found by the hostile-values suite: java.net.URI accepts a lone surrogate, which then became '?' in the widget's
        // URL (UTF-8 cannot encode it) or U+FFFD in the page, so the widget got another URL than the one configured.
        String broken = "https://crm.example.com/a\uD800b/";
        assertThat(problems(b -> b.redirectUri(broken + "r").stylesUri(broken + "s.css").popupPageUri(broken + "p.html")
                .proxyUri(broken + "x").hosting(broken).frameOrigins("https://x\uDC00.example.com")))
                .extracting(ConfigProblem::property)
                .containsExactlyInAnyOrder("redirectUri", "stylesUri", "popupPageUri", "proxyUri", "hosting", "frameOrigins");
        assertThat(problems(b -> b.redirectUri(broken))).singleElement().satisfies(p -> assertThat(p.message() + " " + p.fix())
                .contains("lone UTF-16 surrogate").contains("Fix the text's encoding."));
    }

    /**
     * The widget reads its own URL with a parser that throws when the query has an error (an OAuth error's callback):
     * with params.error the real loader stopped before adding its frame (measured in Chromium by a review), while the
     * warning said only that the loader does not pass the parameter on.
     */
    @Test
    void anExtraParameterNamedErrorIsRefusedBecauseTheWidgetStopsOnIt() {
        assertThatThrownBy(() -> EmbeddableConfig.builder().param("error", "1").build())
                .isInstanceOf(EmbeddableConfigException.class)
                .satisfies(e -> assertThat(((EmbeddableConfigException) e).problems()).singleElement().asString()
                        .contains("params.error", "stops", "Remove it"));
        assertThat(EmbeddableConfig.builder().param("error", " ").build().extraParams()).as("blank: never written")
                .isEmpty();
    }

    /**
     * The widget puts userAgent in front of every API request's X-User-Agent header; fetch() refuses a header with a
     * character above U+00FF or a control character, so every call failed (a review).
     */
    @Test
    void aUserAgentNoHttpHeaderCanCarryIsRefused() {
        for (String agent : new String[] {"CRM\u2013Pro/1.0", "My\nCRM/1.0", "CR\u0000M", "\u65e5\u672c/1"}) {
            assertThatThrownBy(() -> EmbeddableConfig.builder().userAgent(agent).build()).as(agent)
                    .isInstanceOf(EmbeddableConfigException.class).hasMessageContaining("X-User-Agent")
                    .hasMessageContaining("in ASCII");
        }
        assertThat(EmbeddableConfig.builder().userAgent("Café CRM/1.0\t(beta)").build().get(WidgetParameter.USER_AGENT))
                .as("Latin-1 and a tab go in a header").contains("Café CRM/1.0\t(beta)");
    }

    /** Credential-named extra parameters reached every page without allowSecretsInMarkup (a review). */
    @ParameterizedTest
    @ValueSource(strings = {"passphrase", "pwd", "passcode", "sharedKey", "signingKey", "licenseKey", "pass", "pin", "otp"})
    void credentialNamedExtrasAreSecrets(String name) {
        assertThatThrownBy(() -> EmbeddableConfig.builder().param(name, "hunter2").build())
                .isInstanceOf(EmbeddableConfigException.class).hasMessageContaining("looks like a credential");
    }

    /** The readers trim a URL; the builder refused one with a space, quoting it trimmed, with a wrong fix (a review). */
    @Test
    void theBuilderTrimsUrlsAsTheReadersDo() {
        EmbeddableConfig built = EmbeddableConfig.builder().redirectUri(" https://app.example.com/cb ").build();
        assertThat(built.redirectUri()).isEqualTo("https://app.example.com/cb");
        assertThat(built).isEqualTo(EmbeddableConfig.fromMap(java.util.Map.of("redirectUri", " https://app.example.com/cb ")));
    }

    /** An internationalised host is absolute; "not an absolute URL; write it as https://host/path" repeated it (a review). */
    @Test
    void aHostJavaCannotReadIsNamedAsSuch() {
        for (String url : new String[] {"https://b\u00fccher.example/app.css", "https://my_host.example/app.css"}) {
            assertThatThrownBy(() -> EmbeddableConfig.builder().stylesUri(url).build()).as(url)
                    .hasMessageContaining("has a host name this library cannot read").hasMessageContaining("punycode")
                    .hasMessageNotContaining("is not an absolute URL");
        }
    }
}

package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void relaxedKeysAreOneKey() {
        for (String key : List.of("clientId", "client-id", "client_id", "CLIENT_ID", "ringcentral.embeddable.client-id",
                "RINGCENTRAL_EMBEDDABLE_CLIENT_ID", "ringcentral.embeddable.clientId")) {
            assertThat(EmbeddableConfig.fromMap(Map.of(key, "abc")).clientId()).as(key).hasValue("abc");
        }
    }

    @Test
    void aSettingGivenTwiceUnderDifferentSpellingsMustAgree() {
        Map<String, String> same = new LinkedHashMap<>();
        same.put("clientId", "abc");
        same.put("CLIENT_ID", "abc");
        assertThat(EmbeddableConfig.fromMap(same).clientId()).hasValue("abc");
        Map<String, String> different = new LinkedHashMap<>(same);
        different.put("client-id", "xyz");
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromMap(different));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("set twice"));
    }

    /**
     * A typed parameter given as {@code params.<name>} is that setting: its problems name the key as written (a WebFlux
     * trial's {@code params.clientSecret} was reported as {@code client-secret}, a key it never set), and it must
     * agree with the typed key when both are set. The secret itself is never in a message.
     */
    @Test
    void aTypedParameterGivenAsParamsIsNamedAsWrittenAndMustAgreeWithItsTypedKey() {
        for (String key : List.of("ringcentral.embeddable.params.clientSecret", "ringcentral.embeddable.params[clientSecret]",
                "ringcentral.embeddable.params.appSecret")) {
            EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig.fromMap(
                    Map.of("ringcentral.embeddable.client-id", "abc", key, "s3cr3t-value"), "ringcentral.embeddable."));
            assertThat(e.problems()).as(key).singleElement().satisfies(p -> {
                assertThat(p.property()).isEqualTo(key);
                assertThat(p.message()).contains("would be written into every page");
            });
            assertThat(e.getMessage()).doesNotContain("s3cr3t-value");
        }
        EmbeddableConfigException jwt = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromMap(Map.of("params.jwt", "s3cr3t-value")));
        assertThat(jwt.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.property()).isEqualTo("params.jwt"));

        Map<String, String> both = new LinkedHashMap<>();
        both.put("app-server", "sandbox");
        both.put("params.appServer", "production");
        assertThat(catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig.fromMap(both)).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("set twice"));
        both.put("params.appServer", "sandbox");
        assertThat(EmbeddableConfig.fromMap(both).appServer()).isEqualTo(AppServer.SANDBOX);
    }

    @Test
    void prefixSelectsKeysAndIgnoresTheRest() {
        Map<String, String> env = Map.of("RINGCENTRAL_CLIENT_ID", "abc", "RINGCENTRAL_APP_SERVER", "sandbox",
                "PATH", "/usr/bin", "RINGCENTRALX_OTHER", "no");
        EmbeddableConfig config = EmbeddableConfig.fromMap(env, "ringcentral.");
        assertThat(config.clientId()).hasValue("abc");
        assertThat(config.appServer()).isEqualTo(AppServer.SANDBOX);
    }

    /**
     * A key one or two letters off the prefix that names a setting is a typo (a trial's
     * {@code ringcentral.embedable.client-id} was ignored, and its application ran on the demo app without a word).
     * Keys of other libraries (another prefix, or no setting after it) are still ignored.
     */
    @Test
    void aMisspeltPrefixIsReportedNotIgnored() {
        Map<String, String> file = Map.of("ringcentral.embedable.client-id", "abc", "ringcentral.embeddable.app-server",
                "sandbox", "ringcentral.sdk.client-id", "other", "spring.embeddable.color", "x");
        assertThatThrownBy(() -> EmbeddableConfig.fromMap(file, "ringcentral.embeddable."))
                .isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("'ringcentral.embedable.client-id' is not read")
                .hasMessageContaining("Did you mean 'ringcentral.embeddable.client-id'?")
                .hasMessageNotContaining("ringcentral.sdk");
        assertThatThrownBy(() -> EmbeddableConfig.fromMap(Map.of("RINGCENTRALX_CLIENT_ID", "no"), "ringcentral."))
                .hasMessageContaining("Did you mean 'ringcentral.CLIENT_ID'?");

        Map<String, String> env = Map.of("RINGCENTRAL_EMBEDABLE_CLIENT_ID", "abc", "RINGCENTRAL_JWT", "server-sdk-jwt",
                "RINGCENTRAL_CLIENT_SECRET", "server-sdk-secret");
        assertThatThrownBy(() -> EmbeddableConfig.fromEnvironment(env)).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("Did you mean 'RINGCENTRAL_EMBEDDABLE_CLIENT_ID'?")
                .hasMessageNotContaining("JWT").hasMessageNotContaining("SECRET");
    }

    /**
     * One environment scheme for every example: a shell set up for RingCentral's server SDKs (client secret, JWT)
     * used to stop the servlet example, which read every RINGCENTRAL_* variable as a widget setting.
     */
    @Test
    void theEnvironmentSchemeReadsItsOwnNamesAndIgnoresTheServerSdksVariables() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("RINGCENTRAL_CLIENT_ID", "short-id");
        env.put("RINGCENTRAL_APP_SERVER", "sandbox");
        env.put("RINGCENTRAL_CLIENT_SECRET", "server-sdk-secret");
        env.put("RINGCENTRAL_JWT", "server-sdk-jwt");
        env.put("RINGCENTRAL_SERVER_URL", "https://platform.ringcentral.com");
        env.put("RINGCENTRAL_EMBEDDABLE_DEFAULT_CALL_WITH", "ringout");
        env.put("PATH", "/usr/bin");
        EmbeddableConfig config = EmbeddableConfig.fromEnvironment(env);
        assertThat(config.clientId()).contains("short-id");
        assertThat(config.appServer()).isEqualTo(AppServer.SANDBOX);
        assertThat(config.get(WidgetParameter.DEFAULT_CALL_WITH)).contains(CallWith.RINGOUT);
        assertThat(config.secrets()).isEmpty();
        // The long form wins over the short one; a typo under the prefix is still an error.
        env.put("RINGCENTRAL_EMBEDDABLE_CLIENT_ID", "long-id");
        assertThat(EmbeddableConfig.fromEnvironment(env).clientId()).contains("long-id");
        env.put("RINGCENTRAL_EMBEDDABLE_DISABLE_CAL", "true");
        assertThatThrownBy(() -> EmbeddableConfig.fromEnvironment(env)).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("Did you mean 'RINGCENTRAL_EMBEDDABLE_DISABLE_CALL'?");
    }

    /**
     * Warnings name settings as the builder does ({@code set clientId}); {@code environmentKey} names them for an
     * application that reads the environment, which a trial's Vaadin application without Spring was left to
     * translate. Every setting's key is the one {@code fromEnvironment} reads it from.
     */
    @Test
    void environmentKeyNamesEachSettingAsFromEnvironmentReadsIt() {
        for (String setting : ConfigReader.settingNames()) {
            String key = EmbeddableConfig.environmentKey(setting);
            assertThat(key).startsWith(EmbeddableConfig.ENVIRONMENT_PREFIX).matches("[A-Z0-9_]+");
            assertThat(ConfigReader.settingName(key.substring(EmbeddableConfig.ENVIRONMENT_PREFIX.length())))
                    .as(key).contains(setting);
        }
        EmbeddableConfig config = EmbeddableConfig.fromEnvironment(Map.of("RINGCENTRAL_EMBEDDABLE_PARAMS_SOMEFLAG", "1",
                "RINGCENTRAL_APP_SERVER", "sandbox"));
        assertThat(config.extraParams()).containsKey("someflag");
        List<String> warnings = config.warnings().stream()
                .map(w -> w.named(EmbeddableConfig::environmentKey).toString()).toList();
        assertThat(String.join("\n", warnings))
                .contains("RINGCENTRAL_EMBEDDABLE_CLIENT_ID: no client ID is set", "set RINGCENTRAL_EMBEDDABLE_CLIENT_ID;",
                        "RINGCENTRAL_EMBEDDABLE_REQUIRE_CLIENT_ID=true", "RINGCENTRAL_EMBEDDABLE_APP_SERVER: the sandbox",
                        "RINGCENTRAL_EMBEDDABLE_PARAMS_SOMEFLAG: ")
                .doesNotContain("clientId", "appServer", "params.");
    }

    /**
     * Warnings as the source spelt the settings (a servlet trial's listener, configured from the environment, was told
     * to "set client-id" by the filter, which named every configuration's warnings as init-params): the variables for
     * the environment (a short name as written), keys as written in a map, the prefix's style where nothing was set,
     * the builder's names in code.
     */
    @Test
    void warningsAsReadNameSettingsAsTheirSourceDoes() {
        String fromEnvironment = EmbeddableConfig.fromEnvironment(Map.of("RINGCENTRAL_APP_SERVER", "sandbox"))
                .warningsAsRead().toString();
        assertThat(fromEnvironment).contains("RINGCENTRAL_EMBEDDABLE_CLIENT_ID: no client ID is set",
                "set RINGCENTRAL_EMBEDDABLE_CLIENT_ID;", "RINGCENTRAL_APP_SERVER: the sandbox").doesNotContain("clientId", "client-id");
        assertThat(EmbeddableConfig.fromEnvironment(Map.of()).warningsAsRead().toString())
                .contains("RINGCENTRAL_EMBEDDABLE_CLIENT_ID: no client ID is set").doesNotContain("clientId");
        assertThat(EmbeddableConfig.fromMap(Map.of("ringcentral.embeddable.app-server", "sandbox")).warningsAsRead().toString())
                .contains("ringcentral.embeddable.client-id: no client ID", "ringcentral.embeddable.app-server: the sandbox");
        assertThat(EmbeddableConfig.fromMap(Map.of()).warningsAsRead().toString()).contains("client-id: no client ID")
                .doesNotContain("clientId");
        assertThat(EmbeddableConfig.fromMap(Map.of(), "app.phone.").warningsAsRead().toString())
                .contains("app.phone.client-id: no client ID");
        assertThat(EmbeddableConfig.fromMap(Map.of("appServer", "sandbox")).warningsAsRead().toString())
                .contains("clientId: no client ID", "appServer: the sandbox");
        // one word set carries no separator to copy (a re-check trial: "set RINGCENTRAL_EMBEDDABLE_clientId")
        assertThat(EmbeddableConfig.fromEnvironment(Map.of("RINGCENTRAL_EMBEDDABLE_HOSTING", "latest")).warningsAsRead().toString())
                .contains("RINGCENTRAL_EMBEDDABLE_CLIENT_ID: no client ID", "set RINGCENTRAL_EMBEDDABLE_REQUIRE_CLIENT_ID=true")
                .doesNotContain("clientId");
        assertThat(EmbeddableConfig.fromMap(Map.of("hosting", "latest")).warningsAsRead().toString())
                .contains("client-id: no client ID").doesNotContain("clientId");
        EmbeddableConfig built = EmbeddableConfig.builder().build();
        assertThat(built.warningsAsRead()).isEqualTo(built.warnings());
        assertThat(built.warnings().toString()).contains("clientId: no client ID");
        // warnings() itself keeps the builder's names, whatever the source
        assertThat(EmbeddableConfig.fromEnvironment(Map.of()).warnings().toString()).contains("clientId: no client ID");
    }

    /**
     * A problem names the settings as the source spelt them: an application that reads the environment reports
     * {@code RINGCENTRAL_EMBEDDABLE_APP_SERVER}, not the widget's {@code appServer}, and a typo's suggestion is in the
     * typo's own spelling (found by a trial that used core alone; its report mixed the two).
     */
    @Test
    void problemsNameSettingsAsTheSourceSpeltThem() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RINGCENTRAL_EMBEDDABLE_DISABLE_CAL", "true");
        env.put("RINGCENTRAL_APP_SERVER", "sandbx");
        env.put("RINGCENTRAL_EMBEDDABLE_Z_INDEX", "abc");
        env.put("RINGCENTRAL_EMBEDDABLE_REQUIRE_CLIENT_ID", "true");
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig.fromEnvironment(env));
        assertThat(e.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder(
                "RINGCENTRAL_EMBEDDABLE_DISABLE_CAL", "RINGCENTRAL_APP_SERVER", "RINGCENTRAL_EMBEDDABLE_Z_INDEX",
                "RINGCENTRAL_EMBEDDABLE_CLIENT_ID");
        assertThat(e.getMessage()).doesNotContain("appServer", "zIndex", "clientId", "disableCall", "requireClientId")
                .contains("Did you mean 'RINGCENTRAL_EMBEDDABLE_DISABLE_CALL'?");

        EmbeddableConfigException kebab = catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig.fromMap(
                Map.of("ringcentral.embeddable.disable-cal", "true", "ringcentral.embeddable.app-server", "sandbx")));
        assertThat(kebab.problems()).extracting(ConfigProblem::property)
                .containsExactlyInAnyOrder("ringcentral.embeddable.disable-cal", "ringcentral.embeddable.app-server");
        assertThat(kebab.getMessage()).contains("Did you mean 'ringcentral.embeddable.disable-call'?");
        // Renaming a problem again (as the adapters do) leaves a key that is no setting name as the user wrote it.
        ConfigProblem typo = kebab.problems().stream().filter(p -> p.property().endsWith("disable-cal")).findFirst().orElseThrow();
        assertThat(typo.named(s -> "ringcentral.embeddable." + EmbeddableConfig.kebabKey(s)).property())
                .isEqualTo("ringcentral.embeddable.disable-cal");
        // Dotted, as Quarkus spells an environment variable it maps: the suggestion is dotted too.
        assertThatThrownBy(() -> EmbeddableConfig.fromMap(Map.of("ringcentral.embeddable.disable.cal", "true"), "ringcentral.embeddable."))
                .hasMessageContaining("Did you mean 'ringcentral.embeddable.disable.call'?");
        // Keys in the widget's own spelling keep it.
        EmbeddableConfigException camel = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromMap(Map.of("appServer", "sandbx", "disableCal", "true")));
        assertThat(camel.problems()).extracting(ConfigProblem::property).containsExactlyInAnyOrder("appServer", "disableCal");
        assertThat(camel.getMessage()).contains("Did you mean 'disableCall'?");
    }

    @Test
    void everyWidgetParameterIsAcceptedUnderItsOwnNameWithStringValues() {
        Map<String, String> pasted = new LinkedHashMap<>();
        pasted.put("clientId", "abc");
        pasted.put("appServer", "https://platform.devtest.ringcentral.com");
        pasted.put("defaultCallWith", "softphone");
        pasted.put("disableMessages", "true");
        pasted.put("disableGlip", "false");
        pasted.put("stylesUri", "https://cdn.example.com/rc.css");
        pasted.put("zIndex", "1200");
        pasted.put("defaultDirection", "LEFT");
        pasted.put("hosting", "2.x");
        pasted.put("params.someNewFlag", "1");
        EmbeddableConfig config = EmbeddableConfig.fromMap(pasted);
        assertThat(config.get(WidgetParameter.DEFAULT_CALL_WITH)).hasValue(CallWith.SOFTPHONE);
        assertThat(config.isOn(WidgetParameter.DISABLE_MESSAGES)).isTrue();
        assertThat(config.isOn(WidgetParameter.DISABLE_GLIP)).isFalse();
        assertThat(config.get(WidgetParameter.Z_INDEX)).hasValue(1200);
        assertThat(config.get(WidgetParameter.DEFAULT_DIRECTION)).hasValue(Direction.LEFT);
        assertThat(config.hosting()).isEqualTo(Hosting.channel("2.x"));
        assertThat(config.extraParams()).containsExactly(Map.entry("someNewFlag", "1"));
    }

    @Test
    void zeroReadsAsOffEvenThoughTheWidgetReadsItAsOn() {
        // The widget reads disableCall by presence, so a pasted "disableCall=0" would turn calling OFF in the widget.
        // This library reads 0/false as off and writes nothing, so the pasted intent ("not disabled") holds.
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("disableCall", "0", "disableMessages", "false"));
        assertThat(config.isOn(WidgetParameter.DISABLE_CALL)).isFalse();
        assertThat(Embeddable.of(config).adapterUrl()).doesNotContain("disableCall").doesNotContain("disableMessages");
    }

    @Test
    void unknownKeysAreErrorsWithTheNearestKeySuggested() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromMap(Map.of("client-idd", "abc", "disable-mesages", "true", "zzz", "1")));
        assertThat(e.problems()).extracting(ConfigProblem::property).containsExactly("client-idd", "disable-mesages", "zzz");
        assertThat(e.problems().get(0).message()).contains("Did you mean 'client-id'?"); // in the typo's spelling
        assertThat(e.problems().get(1).message()).contains("Did you mean 'disable-messages'?");
        assertThat(e.problems().get(2).message()).doesNotContain("Did you mean");
    }

    @Test
    void jsonAcceptsStringsBooleansNumbersAndAParamsObject() {
        String json = """
                {"clientId": "abc", "app-server": "sandbox", "disableMessages": true, "zIndex": 1200,
                 "defaultCallWith": "ringout", "redirectUri": null, "params": {"someNewFlag": "1"}}
                """;
        EmbeddableConfig config = EmbeddableConfig.fromJson(new StringReader(json));
        assertThat(config.clientId()).hasValue("abc");
        assertThat(config.appServer()).isEqualTo(AppServer.SANDBOX);
        assertThat(config.isOn(WidgetParameter.DISABLE_MESSAGES)).isTrue();
        assertThat(config.get(WidgetParameter.Z_INDEX)).hasValue(1200);
        assertThat(config.extraParams()).containsEntry("someNewFlag", "1");
    }

    @Test
    void jsonProblemsAreReportedTogether() {
        String json = """
                {"clientid": "abc", "defaultCalWith": "ringout", "disableCall": [1], "appServer": "ftp://x"}
                """;
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromJson(new StringReader(json)));
        assertThat(e.problems()).extracting(ConfigProblem::property)
                .containsExactlyInAnyOrder("defaultCalWith", "disableCall", "appServer");
        assertThat(e.problems()).filteredOn(p -> p.property().equals("defaultCalWith")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Did you mean 'defaultCallWith'?"));
    }

    @Test
    void malformedAndNonObjectJsonAreClearProblems() {
        EmbeddableConfigException broken = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromJson(new StringReader("{\"clientId\": \"abc\",\n \"x\" }")));
        assertThat(broken.problems()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("json");
            assertThat(p.message()).contains("line 2");
        });
        EmbeddableConfigException array = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromJson(new StringReader("[1, 2]")));
        assertThat(array.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not a JSON object"));
        EmbeddableConfigException duplicate = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.fromJson(new StringReader("{\"clientId\": \"a\", \"clientId\": \"b\"}")));
        assertThat(duplicate.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("Duplicate"));
    }

    @Test
    void valuesAreTrimmedAndBlankMeansNotSet() {
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("client-id", "  abc  ", "app-server", "",
                "require-client-id", "true"));
        assertThat(config.clientId()).hasValue("abc");
        assertThat(config.appServer()).isEqualTo(AppServer.PRODUCTION);
        assertThat(config.requireClientId()).isTrue();
    }

    /**
     * docs/configuration.md lists RINGCENTRAL_EMBEDDABLE_ENABLED (the starter's kill switch) beside the widget's
     * settings; a servlet application reading the environment was told it "is not a setting", with a pointer to the
     * very page that lists it (a Jetty trial). It is still refused, with what it is and what to do instead.
     */
    @Test
    void aStarterSwitchInTheEnvironmentIsNamedAsOne() {
        EmbeddableConfigException e = catchThrowableOfType(EmbeddableConfigException.class, () -> EmbeddableConfig
                .fromEnvironment(Map.of("RINGCENTRAL_EMBEDDABLE_ENABLED", "false",
                        "RINGCENTRAL_EMBEDDABLE_INJECT_EXCLUDE_PATHS", "/api/*", "RINGCENTRAL_EMBEDDABLE_DISABLE_CAL", "true")));
        assertThat(e.problems()).extracting(ConfigProblem::message).contains(
                "'RINGCENTRAL_EMBEDDABLE_ENABLED' is a switch of the Spring Boot starter, which reads it; this"
                        + " configuration holds the widget's settings only.",
                "'RINGCENTRAL_EMBEDDABLE_INJECT_EXCLUDE_PATHS' is a switch of the Spring Boot starter, which reads it;"
                        + " this configuration holds the widget's settings only.");
        assertThat(e.problems()).filteredOn(p -> p.property().equals("RINGCENTRAL_EMBEDDABLE_ENABLED")).singleElement()
                .extracting(ConfigProblem::fix).asString().contains("EmbeddableFilter.fromSettings");
        // a misspelt widget setting is still one, with its suggestion
        assertThat(e.problems()).extracting(ConfigProblem::message).anyMatch(m -> m.contains("is not a setting")
                && m.contains("Did you mean"));
    }
}

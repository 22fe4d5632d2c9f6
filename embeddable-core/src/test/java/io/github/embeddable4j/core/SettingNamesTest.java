package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingNamesTest {

    private static final String SPRING = "ringcentral.embeddable.";

    @Test
    void listsTheConfigurationSettingsAndEveryParameter() {
        List<String> all = SettingNames.all();
        assertThat(all).startsWith("hosting", "frameOrigins", "requireClientId", "allowSecretsInMarkup");
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(all).contains(p.wireName());
        }
        assertThat(all).doesNotContain("appKey", "appSecret").doesNotHaveDuplicates();
    }

    @Test
    void findsSettingsByRelaxedKeysIncludingDeprecatedNames() {
        assertThat(SettingNames.find("CLIENT_ID")).hasValue("clientId");
        assertThat(SettingNames.find("client.id")).hasValue("clientId");
        assertThat(SettingNames.find("enable-web-rtc-plan-b")).hasValue("enableWebRTCPlanB");
        assertThat(SettingNames.find("ENABLE_WEBRTC_PLAN_B")).hasValue("enableWebRTCPlanB");
        assertThat(SettingNames.find("require-client-id")).hasValue("requireClientId");
        assertThat(SettingNames.find("app-key")).hasValue("appKey");
        assertThat(SettingNames.find("disable-cal")).isEmpty();
        assertThat(SettingNames.find("params.x")).isEmpty();
    }

    /**
     * Widget 1.4.0 renamed appKey and appSecret; {@link WidgetParameter#formerName()} is the one table of them, so
     * every reader (relaxed keys, {@code param(...)}, secrecy, the starter's IDE metadata) knows the same old names.
     */
    @Test
    void everyFormerNameIsReadAsItsParameterAndIsAsSecret() {
        assertThat(WidgetParameter.CLIENT_ID.formerName()).hasValue("appKey");
        assertThat(WidgetParameter.CLIENT_SECRET.formerName()).hasValue("appSecret");
        int renamed = 0;
        for (WidgetParameter p : WidgetParameter.values()) {
            if (p.formerName().isEmpty()) {
                continue;
            }
            renamed++;
            String former = p.formerName().get();
            assertThat(SettingNames.find(EmbeddableConfig.kebabKey(former))).as(former).hasValue(former);
            assertThat(SettingNames.isSecretName(former)).as(former).isEqualTo(p.isSecret());
            EmbeddableConfig config = EmbeddableConfig.builder().allowSecretsInMarkup(true)
                    .param("clientId", p == WidgetParameter.CLIENT_ID ? null : "client1") // a secret needs one
                    .param(former, "abc123").build();
            assertThat(config.get(p)).as(former).hasValue("abc123");
        }
        assertThat(renamed).isEqualTo(2);
    }

    @Test
    void suggestsTheNearestCandidateInTheCandidatesOwnSpelling() {
        assertThat(SettingNames.nearest("disable-cal", List.of("disable-call", "disable-meeting"))).hasValue("disable-call");
        assertThat(SettingNames.nearest("DISABLE_CAL", List.of("DISABLE_CALL"))).hasValue("DISABLE_CALL");
        assertThat(SettingNames.nearest("zzz", List.of("disable-call"))).isEmpty();
    }

    @Test
    void closedParametersListTheirChoicesInTheWidgetsSpelling() {
        assertThat(SettingNames.choices(WidgetParameter.DEFAULT_CALL_WITH)).containsExactly("browser", "jupiter", "softphone", "ringout");
        assertThat(SettingNames.choices(WidgetParameter.DEFAULT_DIRECTION)).containsExactly("left", "right");
        assertThat(SettingNames.choices(WidgetParameter.BRAND)).hasSize(Brand.values().length).contains("rc", "att");
        assertThat(SettingNames.choices(WidgetParameter.APP_SERVER)).containsExactly("production", "sandbox", "ringcentral-biz");
        assertThat(SettingNames.choices(WidgetParameter.DISCOVER_APP_SERVER)).contains("https://discovery.ringcentral.com").hasSize(5);
        assertThat(SettingNames.choices(WidgetParameter.DISABLE_CALL)).containsExactly("true", "false");
        assertThat(SettingNames.choices(WidgetParameter.CLIENT_ID)).isEmpty();
    }

    @Test
    void problemsCanBeNamedInAFrameworksVocabulary() {
        ConfigProblem problem = new ConfigProblem("enablePopup", "the pop-out window needs multipleTabsSupport.",
                "Also set multipleTabsSupport=true, or remove enablePopup.");
        ConfigProblem named = problem.named(s -> SPRING + EmbeddableConfig.kebabKey(s));
        assertThat(named.property()).isEqualTo(SPRING + "enable-popup");
        assertThat(named.message()).isEqualTo("the pop-out window needs " + SPRING + "multiple-tabs-support.");
        assertThat(named.fix()).isEqualTo("Also set " + SPRING + "multiple-tabs-support=true, or remove " + SPRING + "enable-popup.");
    }

    @Test
    void namingLeavesPlainWordsQuotedValuesAndUrlsAlone() {
        ConfigProblem problem = new ConfigProblem("brand", "the att brand runs on the .biz platform; 'clientId' at"
                + " https://x.example/redirectUri is a value, the widget's prefix too.", "Set hosting=3.x to use it, or remove it.");
        ConfigProblem named = problem.named(s -> "<" + s + ">");
        assertThat(named.property()).isEqualTo("<brand>");
        assertThat(named.message()).isEqualTo(problem.message());
        assertThat(named.fix()).isEqualTo("Set <hosting>=3.x to use it, or remove it.");
    }

    @Test
    void everyValidatorMessageNamesSettingsSoTheyCanBeRenamed() {
        // The warnings core gives for a demo-app sandbox configuration mention camel-case settings; renamed, none is left.
        EmbeddableConfig config = EmbeddableConfig.fromMap(Map.of("appServer", "sandbox", "enableSideWidget", "true"));
        for (ConfigProblem w : config.warnings()) {
            ConfigProblem named = w.named(s -> SPRING + EmbeddableConfig.kebabKey(s));
            assertThat(named.property()).startsWith(SPRING);
            assertThat(named.message() + " " + named.fix()).doesNotContainPattern("\\b(clientId|appServer|requireClientId|enableSideWidget)\\b");
        }
    }

    @Test
    void appServerProblemsListTheServerNames() {
        EmbeddableConfigException url = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.builder().appServer("http://x").build());
        assertThat(url.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("'http://x' does not use https.");
            assertThat(p.fix()).isEqualTo("Write production, sandbox, ringcentral-biz or your own server's https:// origin.");
        });
        EmbeddableConfigException name = catchThrowableOfType(EmbeddableConfigException.class,
                () -> EmbeddableConfig.builder().appServer("sandbx").build());
        assertThat(name.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("'sandbx' is neither a server name nor an https:// origin (did you mean sandbox?).");
            assertThat(p.fix()).startsWith("Write production, sandbox, ringcentral-biz");
        });
    }

    /** The rule both readers share (core's fromMap and the starter's property scan): one or two letters off, then a name. */
    @Test
    void aMisspeltPrefixGivesTheRestWhenTheRestNamesSomething() {
        assertThat(SettingNames.misspeltPrefixTail("ringcentral.embedable.client-id", "ringcentral.embeddable",
                SettingNames::isSetting)).hasValue("client-id");
        assertThat(SettingNames.misspeltPrefixTail("RINGCENTRAL_EMBEDDABEL_DISABLE_CALL", "ringcentral.embeddable.",
                SettingNames::isSetting)).hasValue("DISABLE_CALL");
        assertThat(SettingNames.misspeltPrefixTail("ringcentral.embedable.zzz", "ringcentral.embeddable",
                SettingNames::isSetting)).as("the rest names nothing").isEmpty();
        assertThat(SettingNames.misspeltPrefixTail("ringcentral.embeddable.client-id", "ringcentral.embeddable",
                SettingNames::isSetting)).as("not misspelt").isEmpty();
        assertThat(SettingNames.misspeltPrefixTail("ringcentral.embedded.client-id", "ringcentral.embeddable",
                SettingNames::isSetting)).as("three letters off").isEmpty();
        assertThat(SettingNames.misspeltPrefixTail("ringcentral.embedable.inject.enabled", "ringcentral.embeddable",
                rest -> rest.equals("inject.enabled"))).as("the caller says what names something").hasValue("inject.enabled");
    }
}

package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddableConfigTest {

    @Test
    void defaultsRunOnTheDemoAppWithAWarningNotAnError() {
        EmbeddableConfig config = EmbeddableConfig.defaults();
        assertThat(config.clientId()).isEmpty();
        assertThat(config.appServer()).isEqualTo(AppServer.PRODUCTION);
        assertThat(config.redirectUri()).isEqualTo(Hosting.latest().defaultRedirectUri());
        assertThat(config.warnings()).extracting(ConfigProblem::property).containsExactly("clientId");
        assertThat(config.warnings().get(0).message()).contains("demo app");
    }

    /**
     * The demo app's registration lists RingCentral's redirect pages only: a redirect URI of one's own with it fails
     * every login in the widget's popup (a Vaadin tenant trial's demo-app row had one, and nothing said so).
     */
    @Test
    void theDemoAppWithARedirectUriOfOnesOwnIsWarnedOf() {
        EmbeddableConfig own = EmbeddableConfig.builder().redirectUri("https://hooli.example/ringcentral/redirect").build();
        assertThat(own.warnings()).extracting(ConfigProblem::property).containsExactly("clientId", "redirectUri");
        assertThat(own.warnings().get(1).message()).contains("demo app does not list https://hooli.example/ringcentral/redirect");
        assertThat(own.warnings().get(1).fix()).contains("Set clientId");

        String hosted = Hosting.latest().baseUrl() + "redirect.html";
        assertThat(EmbeddableConfig.builder().redirectUri(hosted).build().warnings()).extracting(ConfigProblem::property)
                .containsExactly("clientId");
        assertThat(EmbeddableConfig.builder().clientId("abc").redirectUri("https://hooli.example/ringcentral/redirect")
                .build().warnings()).isEmpty();
    }

    @Test
    void requireClientIdTurnsTheMissingClientIdIntoAnError() {
        assertThatThrownBy(() -> EmbeddableConfig.builder().requireClientId(true).build())
                .isInstanceOfSatisfying(EmbeddableConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::property).containsExactly("clientId");
                    assertThat(e.problems().get(0).fix()).contains("Developer Console");
                });
        assertThat(EmbeddableConfig.builder().requireClientId(true).clientId("abc").build().warnings()).isEmpty();
    }

    @Test
    void everyParameterHasATypedBuilderSettingOfTheSameName() {
        // The contract: every widget parameter is a typed builder setting, named as the widget names it.
        var setters = Arrays.stream(EmbeddableConfig.Builder.class.getMethods())
                .filter(m -> m.getReturnType() == EmbeddableConfig.Builder.class && m.getParameterCount() == 1)
                .map(java.lang.reflect.Method::getName).toList();
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(setters).as("setter for %s", p).contains(p.wireName());
        }
    }

    @Test
    void flagsOffAndDefaultValuesAreNotStored() {
        EmbeddableConfig config = EmbeddableConfig.builder().disableMessages(false).disableGlip(true)
                .appServer(AppServer.PRODUCTION).mainTab(false).build();
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(config.get(p)).as("%s", p).isEmpty();
        }
        assertThat(config.isOn(WidgetParameter.DISABLE_GLIP)).isTrue();
        assertThat(config.isOn(WidgetParameter.DISABLE_MESSAGES)).isFalse();
    }

    @Test
    void settingNullRestoresTheDefault() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").clientId(null)
                .appServer("sandbox").appServer((AppServer) null).hosting("2.x").hosting((String) null).build();
        assertThat(config).isEqualTo(EmbeddableConfig.defaults());
    }

    @Test
    void aLaterGoodValueClearsAnEarlierBadOne() {
        EmbeddableConfig config = EmbeddableConfig.builder().appServer("ftp://nope").appServer("sandbox").build();
        assertThat(config.appServer()).isEqualTo(AppServer.SANDBOX);
    }

    @Test
    void toMapAndFromMapRoundTrip() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").appServer(AppServer.SANDBOX)
                .hosting(Hosting.version("2.3.1")).disableGlip(false).defaultCallWith(CallWith.RINGOUT)
                .zIndex(1000).mainTab(true).stylesUri("https://cdn.example.com/rc.css").brand(Brand.BT)
                .param("customThing", "x y").requireClientId(true).build();
        assertThat(EmbeddableConfig.fromMap(config.toMap())).isEqualTo(config);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.toMap()).containsEntry("hosting", "2.3.1").containsEntry("appServer", "sandbox").containsEntry("disableGlip", "false");
    }

    @Test
    void toStringMasksSecrets() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").clientSecret("s3cr3t")
                .allowSecretsInMarkup(true).build();
        assertThat(config.toString()).contains("clientId=abc").contains("clientSecret=****").doesNotContain("s3cr3t");
    }

    @Test
    void scopesFollowTheFeaturesTurnedOn() {
        assertThat(EmbeddableConfig.defaults().scopes()).containsAll(Scope.required())
                .contains(Scope.VIDEO, Scope.READ_CALL_RECORDING).doesNotContain(Scope.TEAM_MESSAGING, Scope.EDIT_EXTENSIONS);
        EmbeddableConfig config = EmbeddableConfig.builder().disableGlip(false).enableSMSTemplate(true)
                .disableMeeting(true).disableCallHistory(true).build();
        assertThat(config.scopes()).contains(Scope.TEAM_MESSAGING, Scope.EDIT_EXTENSIONS)
                .doesNotContain(Scope.VIDEO, Scope.READ_CALL_RECORDING);
        // the widget turns its recordings off with calling too (CallRecording: !disableCall && !disableCallHistory)
        assertThat(EmbeddableConfig.builder().disableCall(true).build().scopes()).doesNotContain(Scope.READ_CALL_RECORDING);
        assertThat(Scope.required()).hasSize(13).extracting(Scope::displayName)
                .contains("VoIP Calling", "WebSocketSubscription", "Call Control", "RingOut", "SMS");
    }

    @Test
    void kebabNamesAreWhatPropertiesFilesUse() {
        assertThat(WidgetParameter.DEFAULT_CALL_WITH.kebabName()).isEqualTo("default-call-with");
        assertThat(WidgetParameter.ENABLE_SMS_TEMPLATE.kebabName()).isEqualTo("enable-sms-template");
        assertThat(WidgetParameter.NEW_ADAPTER_UI.kebabName()).isEqualTo("new-adapter-ui");
        assertThat(WidgetParameter.Z_INDEX.kebabName()).isEqualTo("z-index");
        assertThat(WidgetParameter.ENABLE_WEBRTC_PLAN_B.kebabName()).isEqualTo("enable-web-rtc-plan-b");
        for (WidgetParameter p : WidgetParameter.values()) {
            Map<String, String> settings = validContextFor(p);
            settings.put(p.kebabName(), sampleValue(p));
            assertThat(EmbeddableConfig.fromMap(settings).get(p)).as("%s", p).isPresent();
        }
    }

    /** Settings that make any single parameter valid (secrets need the opt-in, jwt needs a secret, ...). */
    static Map<String, String> validContextFor(WidgetParameter p) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("client-id", "abc", "client-secret", "s",
                "allow-secrets-in-markup", "true", "authorization-code", "c", "multiple-tabs-support", "true",
                "enable-side-widget", "true"));
        if (p == WidgetParameter.AUTH_PROXY) {
            m.put("app-server", "https://proxy.example.com");
        }
        return m;
    }

    static String sampleValue(WidgetParameter p) {
        return switch (p.type()) {
            case FLAG, TRUE_STRING -> "true";
            case FLAG_DEFAULT_ON -> "false";
            case URL -> p == WidgetParameter.REDIRECT_URI ? "https://example.com/rc/redirect" : "https://example.com/x";
            case INTEGER -> "7";
            case CALL_WITH -> "ringout";
            case DIRECTION -> "left";
            case BRAND -> "bt";
            case APP_SERVER -> "sandbox";
            case DISCOVERY_SERVER -> "https://discovery.ringcentral.com";
            case TEXT -> p == WidgetParameter.PREFIX ? "my-widget" : "value";
        };
    }
}

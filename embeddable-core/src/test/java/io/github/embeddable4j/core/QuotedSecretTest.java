package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** No problem ever shows a secret's value: a review found the quotes check did (found in its first version). */
class QuotedSecretTest {

    @Test
    void aQuotedSecretIsNamedNotShown() {
        Throwable e = catchThrowable(() -> EmbeddableConfig.fromEnvironment(Map.of(
                "RINGCENTRAL_EMBEDDABLE_CLIENT_ID", "AbC123xyz",
                "RINGCENTRAL_EMBEDDABLE_CLIENT_SECRET", "\"s3cr3tValue\"",
                "RINGCENTRAL_EMBEDDABLE_JWT", "'eyJhbGciOiJSUzI1NiJ9.payload.sig'")));
        assertThat(e).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("RINGCENTRAL_EMBEDDABLE_CLIENT_SECRET: the value is in quotes")
                .hasMessageContaining("RINGCENTRAL_EMBEDDABLE_JWT: the value is in quotes");
        assertThat(e.getMessage()).doesNotContain("s3cr3tValue").doesNotContain("eyJhbGciOiJSUzI1NiJ9");
    }

    @Test
    void secretNamesAreKnownWithTheirOldNamesAndMisspellings() {
        assertThat(SettingNames.isSecretName("clientSecret")).isTrue();
        assertThat(SettingNames.isSecretName("ringcentral.embeddable.app-secret")).isTrue();
        assertThat(SettingNames.isSecretName("clientSecrt")).isTrue();
        assertThat(SettingNames.isSecretName("params.access_token")).isTrue();
        assertThat(SettingNames.isSecretName("clientId")).isFalse();
        assertThat(SettingNames.isSecretName("appServer")).isFalse();
        // params. and param. are prefixes only before a name: "params" alone is a name of its own
        assertThat(SettingNames.isSecretName("params.jwt")).isTrue();
        assertThat(SettingNames.isSecretName("param.code")).isTrue();
        assertThat(SettingNames.isSecretName("params")).isFalse();
    }

    /**
     * A name that is no setting is as secret as the nearest setting's, within "Did you mean"'s reach, and a tie with a
     * secret counts as a secret: every one- and two-letter misspelling of every setting name, checked against that rule
     * computed on its own (mutation testing found the tie and the nearest choice untested).
     */
    @Test
    void aMisspeltNameIsAsSecretAsTheNearestSetting() {
        java.util.Map<String, Boolean> names = SecretNames.settingNames();
        int ties = 0;
        int secrets = 0;
        for (String name : names.keySet()) {
            java.util.Set<String> variants = new java.util.HashSet<>();
            for (int i = 0; i < name.length(); i++) {
                String dropped = name.substring(0, i) + name.substring(i + 1);
                variants.add(dropped);
                for (int j = i; j < dropped.length(); j++) {
                    variants.add(dropped.substring(0, j) + dropped.substring(j + 1));
                }
                variants.add(name.substring(0, i) + 'q' + name.substring(i + 1));
            }
            for (String v : variants) {
                if (v.isEmpty() || names.containsKey(v) || java.util.List.of("code", "auth", "authorization", "key", "session", "sig").contains(v)
                        || java.util.stream.Stream.of("secret", "jwt", "authorizationcode", "password", "token", "privatekey",
                                "serverkey", "apikey", "accesskey", "credential", "passwd", "verifier", "bearer", "sessionid",
                                "signature", "cookie").anyMatch(v::contains)) {
                    continue; // a name of its own, or secret by its words: not this rule's
                }
                int nearestSecret = Integer.MAX_VALUE;
                int nearestOther = Integer.MAX_VALUE;
                for (java.util.Map.Entry<String, Boolean> n : names.entrySet()) {
                    int d = Suggestions.distance(v, n.getKey());
                    if (n.getValue()) {
                        nearestSecret = Math.min(nearestSecret, d);
                    } else {
                        nearestOther = Math.min(nearestOther, d);
                    }
                }
                boolean expected = nearestSecret <= nearestOther && nearestSecret <= Suggestions.allowedDistance(v);
                ties += nearestSecret == nearestOther && expected ? 1 : 0;
                secrets += expected ? 1 : 0;
                assertThat(SettingNames.isSecretName(v)).as(v).isEqualTo(expected);
            }
        }
        assertThat(secrets).as("misspellings of secrets").isPositive();
        assertThat(ties).as("ties between a secret and another setting").isPositive();
    }
    /**
     * A JSON configuration whose secret a template filled in without quotes does not parse, and Jackson's message quotes
     * the token it did not recognise: the secret, in the start-up failure and the logs (a security review). The problem
     * says where and what kind of mistake it is, without the document's text.
     */
    @Test
    void aJsonSyntaxErrorSaysWhereNotWhat() {
        Throwable secret = catchThrowable(() -> EmbeddableConfig.fromJson(new java.io.StringReader(
                "{\"clientId\": \"AbC123xyz\", \"clientSecret\": s3cr3t'Value9f8e7d}")));
        assertThat(secret).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("not valid JSON at line 1, column")
                .hasMessageContaining("a value without its quotes?");
        assertThat(secret.getMessage()).doesNotContain("s3cr3t").doesNotContain("Value9f8e7d");
        Throwable jwt = catchThrowable(() -> EmbeddableConfig.fromJson(new java.io.StringReader(
                "{\"clientId\": \"AbC123xyz\", \"jwt\": eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl}")));
        assertThat(jwt.getMessage()).doesNotContain("eyJhbGciOiJSUzI1NiJ9");
        Throwable literal = catchThrowable(() -> EmbeddableConfig.fromJson(new java.io.StringReader(
                "{\"clientId\": \"AbC123xyz\", \"jwt\": 'eyJhbGciOiJSUzI1NiJ9'}")));
        assertThat(literal.getMessage()).contains("not valid JSON").doesNotContain("eyJhbGciOiJSUzI1NiJ9");
    }
    /**
     * An extra parameter named as a credential ({@code params.access_token}, a misspelt {@code params.clientSecrt}) went
     * into every page's widget URL with a warning only, and into {@code toString()} in clear (a security review): it is
     * a secret as the widget's own are, refused in markup unless allowSecretsInMarkup, and masked.
     */
    @Test
    void anExtraParameterNamedAsACredentialIsASecret() {
        Throwable e = catchThrowable(() -> EmbeddableConfig.builder().clientId("AbC123xyz")
                .param("access_token", "tok3nValue").param("clientSecrt", "s3cr3tValue").build());
        assertThat(e).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("params.access_token: this looks like a credential")
                .hasMessageContaining("params.clientSecrt: this looks like a credential");
        assertThat(e.getMessage()).doesNotContain("tok3nValue").doesNotContain("s3cr3tValue");

        EmbeddableConfig allowed = EmbeddableConfig.builder().clientId("AbC123xyz").allowSecretsInMarkup(true)
                .param("access_token", "tok3nValue").param("brandColor", "blue").build();
        assertThat(allowed.toString()).contains("params.access_token=****", "params.brandColor=blue").doesNotContain("tok3nValue");
        assertThat(allowed.warnings()).anyMatch(w -> w.property().equals("params.access_token")
                && w.message().contains("written into every page"));
    }

    /** docs/security.md: an extra parameter named as a credential is a secret; with allowSecretsInMarkup "every render logs a warning". */
    @Test
    void renderingASecretExtraParameterLogsAWarning() {
        Embeddable legacy = Embeddable.of(EmbeddableConfig.builder().clientId("a").allowSecretsInMarkup(true)
                .param("access_token", "tok3nValue").build());
        try (LoggedRecords log = new LoggedRecords(Embeddable.class)) {
            assertThat(legacy.iframeTag()).contains("tok3nValue"); // rendered into the page
            assertThat(log.records()).as("a warning per render").hasSize(1);
        }
    }

    /** Extra parameters named as credentials (an API key, OAuth's PKCE code_verifier) that the new rule lets into every page. */
    @Test
    void credentialNamedExtraParametersTheRuleMisses() {
        for (String name : new String[] {"api_key", "apiKey", "code_verifier", "credentials", "passwd"}) {
            assertThat(SettingNames.isSecretName("params." + name)).as(name).isTrue();
        }
    }

    /**
     * More a red-team trial put in every page's loader URL (and saw in {@code toString()} and the setup page): a bearer
     * token, OAuth's code, a signature, a session id. Words such as "code" are secret only as the whole name.
     */
    @Test
    void bearerCodeSignatureAndSessionNamedExtraParametersAreSecretsToo() {
        for (String name : new String[] {"bearer", "bearer_token", "code", "CODE", "signature", "request-signature", "sig",
                "sessionid", "JSESSIONID", "session_id", "session", "auth", "authorization", "key", "access_key", "cookie"}) {
            assertThat(SettingNames.isSecretName("params." + name)).as(name).isTrue();
        }
        for (String name : new String[] {"countryCode", "areaCode", "zipcode", "authProxy", "keyboard", "sessionTimeout",
                "theme", "mode"}) {
            assertThat(SettingNames.isSecretName("params." + name)).as(name).isFalse();
        }
        Throwable e = catchThrowable(() -> EmbeddableConfig.builder().clientId("AbC123xyz")
                .param("bearer", "SuperSecretBearer1").param("code", "OAuthCode2").build());
        assertThat(e).isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("params.bearer: this looks like a credential")
                .hasMessageContaining("params.code: this looks like a credential");
        assertThat(e.getMessage()).doesNotContain("SuperSecretBearer1").doesNotContain("OAuthCode2");
    }
}

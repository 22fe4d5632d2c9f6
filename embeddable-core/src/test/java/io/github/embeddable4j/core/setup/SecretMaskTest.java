package io.github.embeddable4j.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.WidgetParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void secretNamesInEveryFormAndTheirMisspellingsAreSecret() {
        for (String name : List.of("clientSecret", "client-secret", "CLIENT_SECRET", "ringcentral.embeddable.client-secret",
                "RINGCENTRAL_EMBEDDABLE_JWT", "jwt", "authorizationCode", "authorization-code-verifier", "appSecret",
                "params.jwt", "params[authorizationCode]", "param.clientSecret", "clientSecrt", "ringcentral.embeddable.clientSecrt",
                "clientsecert", "jwtt", "authorisationCode", "access_token", "password", "private-key", "apiSecretKey",
                // sign in once's key (a setting of the starters, not the widget's): it derives every externalAuthId
                "ringcentral.embeddable.login.server-key", "login.server-key", "serverKey",
                "RINGCENTRAL_EMBEDDABLE_LOGIN_SERVER_KEY", "login.srever-key", "login.server-kee", "login.sever-key")) {
            assertThat(SecretMask.isSecretName(name)).as(name).isTrue();
        }
    }

    @Test
    void otherSettingsAreNot() {
        for (WidgetParameter p : WidgetParameter.values()) {
            assertThat(SecretMask.isSecretName(p.wireName())).as(p.wireName()).isEqualTo(p.isSecret());
            assertThat(SecretMask.isSecretName(p.kebabName())).as(p.kebabName()).isEqualTo(p.isSecret());
        }
        for (String name : List.of("allowSecretsInMarkup", "allow-secrets-in-markup", "appServer", "appKey", "hosting",
                "frame-origins", "require-client-id", "check", "extra", "defaultCalWith", "params.foo", "params", "clientId")) {
            assertThat(SecretMask.isSecretName(name)).as(name).isFalse();
        }
    }

    @Test
    void masksSecretsAndSecretLookingExtraParametersOnly() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").clientSecret("s1").jwt("j2")
                .param("session_token", "t3").param("foo", "bar").allowSecretsInMarkup(true).build();
        EmbeddableConfig masked = SecretMask.mask(Embeddable.of(config)).config();
        assertThat(masked.toMap()).containsEntry("clientId", "abc").containsEntry("clientSecret", "****")
                .containsEntry("jwt", "****").containsEntry("params.session_token", "****").containsEntry("params.foo", "bar");
        assertThat(masked.warnings()).isEqualTo(config.warnings());
        Embeddable plain = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(SecretMask.mask(plain)).isSameAs(plain);
    }
}

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
    }
}

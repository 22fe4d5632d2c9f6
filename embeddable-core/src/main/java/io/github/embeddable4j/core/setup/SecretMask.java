package io.github.embeddable4j.core.setup;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.WidgetParameter;

/** Keeps secrets off the setup page: what counts as one, and a configuration with their values replaced. */
final class SecretMask {

    /** What a masked value reads as, in properties and (percent-encoded) in the markup. */
    static final String MASK = "****";

    private SecretMask() {
    }

    /** See {@link SettingNames#isSecretName(String)}. */
    static boolean isSecretName(String key) {
        return SettingNames.isSecretName(key);
    }

    /** The same configuration with every secret value, and every extra parameter with a secret name, set to {@link #MASK}. */
    static Embeddable mask(Embeddable embeddable) {
        EmbeddableConfig config = embeddable.config();
        EmbeddableConfig.Builder masked = null;
        for (WidgetParameter secret : config.secrets()) {
            masked = masked == null ? config.toBuilder() : masked;
            masked.set(secret, MASK);
        }
        for (String name : config.extraParams().keySet()) {
            if (isSecretName(name)) {
                masked = masked == null ? config.toBuilder() : masked;
                masked.param(name, MASK);
            }
        }
        return masked == null ? embeddable : Embeddable.of(masked.build());
    }
}

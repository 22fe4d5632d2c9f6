package io.github.embeddable4j.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The vocabulary of settings that {@link EmbeddableConfig#fromMap(java.util.Map)} reads, for adapters that read a
 * framework's own configuration sources or describe them (IDE metadata): every setting name, the relaxed lookup,
 * typo suggestions, and the values a setting with a closed set of choices takes.
 *
 * <pre>{@code SettingNames.find("CLIENT_ID")  // Optional[clientId]}</pre>
 */
public final class SettingNames {

    private SettingNames() {
    }

    /**
     * Every setting name besides {@code params.<name>}, in the widget's spelling: the configuration-level settings
     * ({@code hosting}, {@code requireClientId}, ...) first, then each {@link WidgetParameter}'s wire name. The
     * deprecated {@code appKey} and {@code appSecret} are not listed; {@link #find(String)} knows them.
     */
    public static List<String> all() {
        return List.copyOf(ConfigReader.settingNames());
    }

    /**
     * The setting a relaxed key names: {@code client-id}, {@code CLIENT_ID}, {@code client.id} and {@code clientid}
     * all name {@code clientId}. Empty for a key that names no setting (and for {@code params.<name>}).
     */
    public static Optional<String> find(String key) {
        return ConfigReader.settingName(key);
    }

    /**
     * The candidate nearest to {@code key}, compared as relaxed keys, when it is close enough to be a typo:
     * {@code nearest("disable-cal", names)} is {@code disable-call} when that is among the candidates.
     */
    @Internal("embeddable4j's adapters, which suggest the setting a misspelt name meant")
    public static Optional<String> nearest(String key, Collection<String> candidates) {
        return Suggestions.nearest(key, candidates);
    }

    /**
     * For a key that is not under {@code prefix}: the part after a prefix one or two letters away from it, when that
     * part names something ({@code isName}, given the part as written), so a typo in the prefix is reported rather
     * than ignored. {@code misspeltPrefixTail("ringcentral.embedable.client-id", "ringcentral.embeddable",
     * SettingNames::isSetting)} is {@code client-id}; a key of another library's gives empty.
     */
    @Internal("embeddable4j's adapters, which suggest the setting a misspelt name meant")
    public static Optional<String> misspeltPrefixTail(String key, String prefix, Predicate<String> isName) {
        return Optional.ofNullable(ConfigReader.tailAfterMisspeltPrefix(key, Keys.normalize(prefix), isName));
    }

    /**
     * Whether a setting's name (any relaxed form, with or without the {@code ringcentral.embeddable.} prefix or
     * {@code params.}) names a credential, or is a likely misspelling of one ({@code clientSecrt}, the old
     * {@code appSecret}, an extra {@code access_token}): such a value is never shown.
     *
     * <pre>{@code String shown = SettingNames.isSecretName(key) ? "****" : value;}</pre>
     */
    public static boolean isSecretName(String key) {
        return SecretNames.isSecretName(key);
    }

    /** Whether a relaxed key names a setting: {@code find(key).isPresent()}. */
    public static boolean isSetting(String key) {
        return ConfigReader.settingName(key).isPresent();
    }

    /** The relaxed form of a key, as {@link #find(String)} compares keys: lower case, without '-', '_' and '.'. */
    @Internal("embeddable4j's adapters, which suggest the setting a misspelt name meant")
    public static String relaxed(String key) {
        return Keys.normalize(key);
    }

    /**
     * The values a parameter with a closed set of choices takes, as the widget spells them ({@code browser},
     * {@code jupiter}, ...); empty for open ones. For {@code appServer} these are the named servers (a custom
     * https:// origin is allowed too); for true/false parameters, {@code true} and {@code false}.
     */
    public static List<String> choices(WidgetParameter parameter) {
        List<String> choices = new ArrayList<>();
        switch (parameter.type()) {
            case CALL_WITH -> addWireValues(choices, CallWith.values());
            case DIRECTION -> addWireValues(choices, Direction.values());
            case BRAND -> addWireValues(choices, Brand.values());
            case APP_SERVER -> choices.addAll(ConfigValues.APP_SERVER_NAMES);
            case DISCOVERY_SERVER -> choices.addAll(ConfigValues.DISCOVERY_SERVERS);
            case FLAG, FLAG_DEFAULT_ON, TRUE_STRING -> choices.addAll(List.of("true", "false"));
            case TEXT, URL, INTEGER -> { }
        }
        return List.copyOf(choices);
    }

    private static void addWireValues(List<String> choices, WireValue[] values) {
        for (WireValue v : values) {
            choices.add(v.wireValue());
        }
    }
}

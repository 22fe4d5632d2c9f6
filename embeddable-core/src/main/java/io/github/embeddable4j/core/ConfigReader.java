package io.github.embeddable4j.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Reads flat key/value settings and JSON documents into a builder, with relaxed keys. */
final class ConfigReader {

    /**
     * Core owns its mapper: frameworks may carry another Jackson line (Boot 4 uses Jackson 3) or none. Made on first
     * use: reading settings from a map (every adapter at start-up) needs no JSON.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** The Spring Boot starter's own properties (docs/configuration.md's switches), by their normalized names. */
    private static boolean isStarterSwitch(String normalized) {
        if (normalized.equals("enabled") || normalized.equals("failonunknownproperties")
                || normalized.equals("nonceattribute")) {
            return true;
        }
        for (String group : List.of("inject", "bridge", "graduation", "login", "redirectpage", "service", "setuppage")) {
            if (normalized.startsWith(group)) {
                return true;
            }
        }
        return false;
    }

    static final String HOSTING = "hosting";
    static final String REQUIRE_CLIENT_ID = "requireClientId";
    static final String ALLOW_SECRETS = "allowSecretsInMarkup";
    static final String PARAMS = "params";
    static final String FRAME_ORIGINS = EmbeddableConfig.FRAME_ORIGINS;
    /** A list item as a framework flattens it: {@code frame-origins.0}, {@code frame-origins[0]}, {@code FRAME_ORIGINS_0}. */
    private static final java.util.regex.Pattern LIST_ITEM = java.util.regex.Pattern.compile("(.+?)(?:[._](\\d+)|\\[(\\d+)])");

    private static final Map<String, String> SETTING_NAMES = new HashMap<>();

    static {
        for (WidgetParameter p : WidgetParameter.values()) {
            SETTING_NAMES.put(Keys.normalize(p.wireName()), p.wireName());
            p.formerName().ifPresent(former -> SETTING_NAMES.put(Keys.normalize(former), former));
        }
        for (String name : List.of(HOSTING, FRAME_ORIGINS, REQUIRE_CLIENT_ID, ALLOW_SECRETS)) {
            SETTING_NAMES.put(Keys.normalize(name), name);
        }
    }

    private final EmbeddableConfig.Builder builder = EmbeddableConfig.builder();
    /** Normalised key → the raw key and value first seen under it, to catch one setting given twice. */
    private final Map<String, String[]> seen = new HashMap<>();
    /** The prefix and the key of the first setting read, as written: how to name a setting the source did not set. */
    private @Nullable String typedPrefix;
    private @Nullable String typedKey;
    /** The prefix of the first source read (null: none), for the style of names when nothing was set. */
    private @Nullable String sourcePrefix;
    private boolean sourceRead;
    /** Raw keys the caller made up for a name the user wrote (the environment's short names), to name the latter. */
    private Map<String, String> aliases = Map.of();

    private ConfigReader() {
    }

    /** Every name a settings source may use (besides {@code params.<name>}), in the widget's spelling. */
    static List<String> settingNames() {
        List<String> names = new ArrayList<>(List.of(HOSTING, FRAME_ORIGINS, REQUIRE_CLIENT_ID, ALLOW_SECRETS));
        for (WidgetParameter p : WidgetParameter.values()) {
            names.add(p.wireName());
        }
        return names;
    }

    /** The setting a relaxed key names (deprecated names included), in the widget's spelling. */
    static Optional<String> settingName(String key) {
        return Optional.ofNullable(SETTING_NAMES.get(Keys.normalize(key)));
    }

    /**
     * Reads flat settings and builds them; each problem names its settings as the source spelt them (the key the user
     * wrote, or a setting not given in the style of those that were), so a report reads in one vocabulary.
     */
    static EmbeddableConfig build(Map<String, String> settings, @Nullable String prefix, Map<String, String> aliases) {
        return read(settings, prefix).buildNamed(aliases);
    }

    /** Builds what was read, each problem named as its source spelt it ({@code aliases}: a variable the user set). */
    private EmbeddableConfig buildNamed(Map<String, String> aliases) {
        this.aliases = aliases;
        try {
            return builder.build().namedAsRead(this::asRead);
        } catch (EmbeddableConfigException e) {
            List<ConfigProblem> named = new ArrayList<>();
            e.problems().forEach(p -> named.add(p.named(this::typed)));
            throw new EmbeddableConfigException(named);
        }
    }

    /** The typed setting a {@code params.<name>} sets (the builder routes it there), or null for a parameter of its own. */
    private static @Nullable String typedSettingOf(String name) {
        return WidgetParameter.byWireName(name).or(() -> WidgetParameter.byFormerName(name))
                .map(WidgetParameter::wireName).orElse(null);
    }

    /**
     * A setting as the source would write it, for a warning: as {@link #typed}, and where the source set nothing, in the
     * style its prefix implies (the environment's variables; a prefix's kebab keys; bare kebab keys, as init-params).
     */
    private String asRead(String setting) {
        if (typedKey != null || seen.containsKey(Keys.normalize(setting))) {
            return typed(setting);
        }
        if (EmbeddableConfig.ENVIRONMENT_PREFIX.equals(sourcePrefix)) {
            return EmbeddableConfig.environmentKey(setting);
        }
        return (sourcePrefix == null ? "" : sourcePrefix) + EmbeddableConfig.kebabKey(setting);
    }

    /** A setting as the source would write it. */
    private String typed(String setting) {
        String[] seenAs = seen.get(Keys.normalize(setting));
        String raw = seenAs != null ? seenAs[0]
                : typedKey == null ? setting : typedPrefix + Keys.inStyleOf(typedKey, setting);
        return aliases.getOrDefault(raw, raw);
    }

    static EmbeddableConfig.Builder fromMap(Map<String, String> settings, @Nullable String prefix) {
        return read(settings, prefix).builder;
    }

    private static ConfigReader read(Map<String, String> settings, @Nullable String prefix) {
        ConfigReader reader = new ConfigReader();
        reader.readAll(settings, prefix, key -> false);
        return reader;
    }

    /**
     * A file's settings under {@code prefix} with the environment's over them (variables as
     * {@link EmbeddableConfig#fromEnvironment} collects them): a variable replaces the file's value of its setting,
     * then everything is checked as one, each problem naming the key or variable that set it.
     */
    static EmbeddableConfig buildLayered(Map<String, String> file, String prefix, Map<String, String> environment,
            Map<String, String> aliases) {
        Objects.requireNonNull(prefix, "prefix");
        String variables = Keys.normalize(EmbeddableConfig.ENVIRONMENT_PREFIX);
        java.util.Set<String> setByEnvironment = new java.util.HashSet<>();
        environment.forEach((name, value) -> {
            String bare = stripPrefix(name, variables);
            if (bare != null && value != null) { // a variable without a value is not set, as fromEnvironment reads it
                setByEnvironment.add(identity(bare));
            }
        });
        ConfigReader reader = new ConfigReader();
        reader.readAll(file, prefix, bare -> setByEnvironment.contains(identity(bare)));
        reader.readAll(environment, EmbeddableConfig.ENVIRONMENT_PREFIX, bare -> false);
        return reader.buildNamed(aliases);
    }

    /**
     * Which setting a key without its prefix names: one for every spelling (params in any case, as the environment
     * lowercases them; the bracket form; the old appKey and appSecret as the settings they now are).
     */
    private static String identity(String bare) {
        String lower = bare.toLowerCase(Locale.ROOT);
        for (String p : new String[] {"params.", "params[", "param.", "param[", "params_"}) {
            if (lower.startsWith(p)) {
                String name = lower.substring(p.length());
                return "params." + (p.endsWith("[") && name.endsWith("]") ? name.substring(0, name.length() - 1) : name);
            }
        }
        String name = settingName(bare).orElse(Keys.normalize(bare));
        return WidgetParameter.byFormerName(name).map(WidgetParameter::wireName).orElse(name);
    }

    /** Reads every setting of one source, leaving out those {@code overridden} names (by the key without its prefix). */
    private void readAll(Map<String, String> settings, @Nullable String prefix, Predicate<String> overridden) {
        if (!sourceRead) {
            sourceRead = true;
            sourcePrefix = prefix;
        }
        Objects.requireNonNull(settings, "settings");
        String wanted = prefix == null ? null : Keys.normalize(prefix);
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            String key = e.getKey();
            if (prefix != null && wanted != null) {
                key = stripPrefix(key, wanted);
                if (key == null) {
                    checkNearMissPrefix(e.getKey(), wanted, prefix);
                    continue;
                }
            } else {
                String stripped = stripPrefix(key, Keys.normalize(EmbeddableConfig.DEFAULT_PREFIX));
                key = stripped == null ? key : stripped;
            }
            if (!overridden.test(key)) {
                accept(e.getKey(), key, e.getValue());
            }
        }
    }

    private static final java.util.regex.Pattern UNRECOGNIZED_TOKEN = java.util.regex.Pattern.compile("^Unrecognized token '.*?': ");
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']*)'");
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']{2,})'");

    /**
     * Jackson's syntax message without the document's text: it quotes a token it did not recognise, which is a value
     * written without its quotes, and that may be a secret a template filled in (a security review). One character
     * (an unexpected {@code 'x'}) and JSON's own names ({@code 'null'}) stay, and so does a setting's name written twice
     * (a key, not a value).
     */
    static String withoutDocumentText(String message) {
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.matches() && isSettingName(duplicate.group(1))) {
            return message; // a key, and one of ours: naming it says which to keep
        }
        String m = UNRECOGNIZED_TOKEN.matcher(message).replaceFirst("Unrecognized token (a value without its quotes?): ");
        return QUOTED.matcher(m).replaceAll(t -> java.util.Set.of("null", "true", "false").contains(t.group(1))
                ? java.util.regex.Matcher.quoteReplacement(t.group()) : "'...'");
    }

    /** A setting's name or a widget parameter's, prefixed or not, in any spelling the readers take. */
    private static boolean isSettingName(String key) {
        String stripped = stripPrefix(key, Keys.normalize(EmbeddableConfig.DEFAULT_PREFIX));
        return settingName(stripped == null ? key : stripped).isPresent();
    }

    static EmbeddableConfig.Builder fromJson(Reader json) {
        Objects.requireNonNull(json, "json");
        ConfigReader reader = new ConfigReader();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e.getOriginalMessage();
            reader.problem("json", "the document is not valid JSON" + where + ": " + withoutDocumentText(what) + ".",
                    DUPLICATE.matcher(what).matches() ? "Write each setting once: JSON does not say which of two values wins."
                            : "Correct the JSON syntax.");
            return reader.builder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JSON configuration", e);
        }
        if (root == null || !root.isObject()) {
            reader.problem("json", "the document is not a JSON object.", "Write the settings as {\"clientId\": \"...\", ...}.");
            return reader.builder;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode node = field.getValue();
            if (Keys.normalize(key).equals(PARAMS) && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> p = node.fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> param = p.next();
                    String raw = PARAMS + "." + param.getKey();
                    reader.acceptNode(raw, raw, param.getValue());
                }
            } else {
                String stripped = stripPrefix(key, Keys.normalize(EmbeddableConfig.DEFAULT_PREFIX));
                reader.acceptNode(key, stripped == null ? key : stripped, node);
            }
        }
        return reader.builder;
    }

    private void acceptNode(String rawKey, String key, JsonNode node) {
        if (node.isNull()) {
            return;
        }
        if (!node.isValueNode()) {
            problem(rawKey, "the value is a JSON " + (node.isArray() ? "array" : "object") + ".",
                    "Write a string, a number, or true/false.");
            return;
        }
        accept(rawKey, key, node.asText());
    }

    /** Routes one setting; {@code rawKey} is what the user wrote (for messages), {@code key} has any prefix removed. */
    private void accept(String rawKey, String key, String value) {
        if (value == null) {
            return;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String p : new String[] {"params.", "params[", "param.", "param[", "params_"}) {
            if (lower.startsWith(p)) {
                // params_ is the environment's form (RINGCENTRAL_EMBEDDABLE_PARAMS_SOMEFLAG), lowercased as Spring does
                String name = p.equals("params_") ? lower.substring(p.length()) : key.substring(p.length());
                if (p.endsWith("[") && name.endsWith("]")) {
                    name = name.substring(0, name.length() - 1);
                }
                String typed = typedSettingOf(name);
                if (typed != null) {
                    // params.clientSecret is the typed clientSecret: its problems name this key, as the user wrote it
                    // (a trial's secret was reported as client-secret, a key it never set), and it must agree with
                    // the typed key when both are set.
                    String[] previous = seen.putIfAbsent(Keys.normalize(typed), new String[] {rawKey, value.trim()});
                    if (previous != null) {
                        if (!previous[1].equals(value.trim())) {
                            problem(rawKey, typed + " is set twice, as '" + previous[0] + "' and '" + rawKey
                                    + "', to different values.", "Remove one of them.");
                        }
                        return;
                    }
                }
                if (!unreplaced(rawKey, value)) {
                    builder.param(name, value);
                }
                return;
            }
        }
        String normalized = Keys.normalize(key);
        String name = SETTING_NAMES.get(normalized);
        String prefixAsTyped = rawKey.substring(0, rawKey.length() - key.length());
        if (name == null) {
            java.util.regex.Matcher item = LIST_ITEM.matcher(key);
            if (item.matches() && FRAME_ORIGINS.equals(SETTING_NAMES.get(Keys.normalize(item.group(1))))) {
                // a YAML list, flattened by the framework's configuration (Helidon, Micronaut): frame-origins.0, ...
                String list = prefixAsTyped + item.group(1);
                problem(rawKey, "'" + rawKey + "' is an item of a list, and " + list + " is one comma-separated value.",
                        "Write " + list + ": https://a.example.com,https://b.example.com (a YAML string, not a list).");
                return;
            }
            if (isStarterSwitch(normalized)) {
                // documented beside the widget settings (RINGCENTRAL_EMBEDDABLE_ENABLED, the kill switch), and read by
                // the starter only: a servlet trial's operator stopped the application with it, told it was no setting
                problem(rawKey, "'" + rawKey + "' is a switch of the Spring Boot starter, which reads it; this"
                        + " configuration holds the widget's settings only.", "Without the starter, remove it and say"
                        + " it in code: the servlet filter's own settings (EmbeddableFilter.fromSettings: enabled,"
                        + " exclude-paths, ...) or InjectionRules.builder(); with the starter, let Spring Boot read it.");
                return;
            }
            String suggestion = Suggestions.nearest(key, settingNames())
                    .map(s -> " Did you mean '" + prefixAsTyped + Keys.inStyleOf(key, s) + "'?").orElse("");
            problem(rawKey, "'" + rawKey + "' is not a setting." + suggestion, "Use a setting from the configuration"
                    + " reference (docs/configuration.md), or params.<name> for a parameter this library does not know.");
            return;
        }
        if (typedKey == null) {
            typedPrefix = prefixAsTyped;
            typedKey = key;
        }
        String trimmed = value.trim();
        String[] previous = seen.putIfAbsent(normalized, new String[] {rawKey, trimmed});
        if (previous != null) {
            if (!previous[1].equals(trimmed)) {
                problem(rawKey, name + " is set twice, as '" + previous[0] + "' and '" + rawKey + "', to different values.",
                        "Remove one of them.");
            }
            return;
        }
        if (unreplaced(name, trimmed)) {
            return;
        }
        switch (name) {
            case HOSTING -> builder.hosting(trimmed.isEmpty() ? null : trimmed);
            case FRAME_ORIGINS -> builder.frameOrigins(trimmed);
            case REQUIRE_CLIENT_ID -> booleanSetting(rawKey, trimmed, builder::requireClientId);
            case ALLOW_SECRETS -> booleanSetting(rawKey, trimmed, builder::allowSecretsInMarkup);
            default -> builder.param(name, trimmed);
        }
    }

    private void booleanSetting(String rawKey, String value, java.util.function.Consumer<Boolean> setter) {
        if (value.isEmpty()) {
            return;
        }
        try {
            setter.accept(ConfigValues.parseBoolean(value));
        } catch (IllegalArgumentException e) {
            builder.inputProblems.put(rawKey, ConfigValues.problem(rawKey, value, e));
        }
    }

    /**
     * A key that is not under the prefix but would be a setting under a prefix one or two letters away
     * ({@code ringcentral.embedable.client-id}) is a typo, not another library's key: left unread, the application
     * would run on the demo app without a word.
     */
    private void checkNearMissPrefix(String rawKey, String wanted, String prefix) {
        String rest = tailAfterMisspeltPrefix(rawKey, wanted, name -> SETTING_NAMES.containsKey(Keys.normalize(name)));
        if (rest != null) {
            char last = prefix.charAt(prefix.length() - 1); // a near miss needs a prefix: an empty one matches every key
            String meant = prefix + (last == '.' || last == '_' || last == '-' ? "" : ".") + rest;
            problem(rawKey, "'" + rawKey + "' is not read: its prefix is not '" + prefix + "'. Did you mean '"
                    + meant + "'?", "Spell the prefix as '" + prefix + "'.");
        }
    }

    /**
     * The rest of {@code rawKey} after a head one or two edits away from the relaxed prefix {@code wanted}, when that
     * rest is a name ({@code isName}); else null. The head ends at a separator ('.', '_' or '-').
     */
    static @Nullable String tailAfterMisspeltPrefix(String rawKey, String wanted, Predicate<String> isName) {
        for (int i = 1; i < rawKey.length() - 1; i++) {
            char c = rawKey.charAt(i);
            if (c != '.' && c != '_' && c != '-') {
                continue;
            }
            String head = Keys.normalize(rawKey.substring(0, i));
            if (Math.abs(head.length() - wanted.length()) > 2) {
                continue; // too far for two edits: no need to measure
            }
            int distance = Suggestions.distance(head, wanted);
            String rest = rawKey.substring(i + 1);
            if (distance >= 1 && distance <= 2 && isName.test(rest)) { // rest: at least the key's last character
                return rest;
            }
        }
        return null;
    }

    /**
     * Reports a value holding a {@code ${...}} placeholder: a web.xml or a properties file whose placeholder the
     * container or build did not replace. As a client ID it would reach every page as is.
     */
    private boolean unreplaced(String property, String value) {
        if (!isPlaceholder(value)) {
            return false;
        }
        // a secret's placeholder may carry the secret as its default (${RC_SECRET:s3cret}): not quoted
        problem(property, (SettingNames.isSecretName(property) ? "the value" : "'" + value + "'")
                + " is a placeholder nobody replaced.", "Set the value itself, or define what"
                + " the placeholder names (a system property, an environment variable) where your container or build"
                + " replaces placeholders.");
        return true;
    }

    /** Whether a value holds a {@code ${...}} placeholder. */
    static boolean isPlaceholder(String value) {
        int open = value.indexOf("${");
        return open >= 0 && value.indexOf('}', open + 2) > open + 2;
    }

    private void problem(String property, String message, String fix) {
        builder.inputProblems.put(property, new ConfigProblem(property, message, fix));
    }

    /**
     * Removes a prefix given in normalised form from a raw key, matching relaxed: {@code ringcentralembeddable}
     * matches {@code ringcentral.embeddable.}, {@code RINGCENTRAL_EMBEDDABLE_} and {@code ringcentral-embeddable.}.
     * Returns the rest of the raw key, or {@code null} when the key does not start with the prefix.
     */
    static @Nullable String stripPrefix(String rawKey, String normalizedPrefix) {
        int matched = 0;
        int i = 0;
        while (i < rawKey.length() && matched < normalizedPrefix.length()) {
            char c = rawKey.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                i++;
                continue;
            }
            if (Character.toLowerCase(c) != normalizedPrefix.charAt(matched)) {
                return null;
            }
            matched++;
            i++;
        }
        if (matched < normalizedPrefix.length()) {
            return null;
        }
        while (i < rawKey.length() && (rawKey.charAt(i) == '-' || rawKey.charAt(i) == '_' || rawKey.charAt(i) == '.')) {
            i++;
        }
        // "ringcentral.embeddableFoo" is not under the prefix: it must end at a separator or the key's end.
        if (i < rawKey.length() && i > 0) {
            char before = rawKey.charAt(i - 1);
            if (before != '-' && before != '_' && before != '.') {
                return null;
            }
        }
        return rawKey.substring(i);
    }
}

package io.github.embeddable4j.core;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Reader;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, validated configuration of the RingCentral Embeddable widget. Built with {@link #builder()},
 * or read from key/value settings ({@link #fromMap(Map)}) or a JSON document ({@link #fromJson(Reader)}).
 * A configuration that exists is valid: {@link Builder#build()} throws {@link EmbeddableConfigException}
 * listing every problem. What is worth knowing but not wrong is in {@link #warnings()}.
 *
 * <p>Serializable as its settings ({@link #toMap()}, secrets included, as the object holds them), read back with
 * {@link #fromMap(Map)}: validated again, so a stream that was tampered with cannot make a configuration that
 * {@code build()} would refuse.
 *
 * <pre>{@code EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc123").appServer(AppServer.SANDBOX).build();}</pre>
 */
public final class EmbeddableConfig implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The prefix {@link #fromMap(Map)} strips when present, in any relaxed form ({@code RINGCENTRAL_EMBEDDABLE_}...). */
    public static final String DEFAULT_PREFIX = "ringcentral.embeddable.";
    static final String FRAME_ORIGINS = "frameOrigins";

    private final Map<WidgetParameter, Object> values;
    private final Hosting hosting;
    private final List<String> frameOrigins;
    private final boolean requireClientId;
    private final boolean allowSecretsInMarkup;
    private final SortedMap<String, String> extraParams;
    private final List<ConfigProblem> warnings;
    /** How the source this was read from spells a setting (null: built in code, the builder's names); not written. */
    private transient java.util.function.@Nullable UnaryOperator<String> namesAsRead;

    EmbeddableConfig(Map<WidgetParameter, Object> values, Hosting hosting, List<String> frameOrigins, boolean requireClientId,
            boolean allowSecretsInMarkup, Map<String, String> extraParams, List<ConfigProblem> warnings) {
        EnumMap<WidgetParameter, Object> copy = new EnumMap<>(WidgetParameter.class);
        copy.putAll(values);
        this.values = Collections.unmodifiableMap(copy);
        this.hosting = hosting;
        this.frameOrigins = List.copyOf(frameOrigins);
        this.requireClientId = requireClientId;
        this.allowSecretsInMarkup = allowSecretsInMarkup;
        this.extraParams = Collections.unmodifiableSortedMap(new TreeMap<>(extraParams));
        this.warnings = List.copyOf(warnings);
    }

    /** A new builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration: no client ID (the widget's demo app), production, latest hosting. */
    public static EmbeddableConfig defaults() {
        return builder().build();
    }

    /**
     * Reads settings from flat key/value pairs, such as a properties file or the environment. Keys are relaxed
     * ({@code clientId}, {@code client-id}, {@code client_id} and {@code CLIENT_ID} are one key) and may carry the
     * prefix {@value #DEFAULT_PREFIX} in any of those forms. Every widget parameter is accepted under its own name,
     * with string values ({@code "true"} for flags); {@code params.<name>} passes a parameter this library does not
     * know. Unknown keys are problems, with the nearest known key suggested.
     *
     * @throws EmbeddableConfigException listing every problem
     */
    public static EmbeddableConfig fromMap(Map<String, String> settings) {
        return ConfigReader.build(settings, null, Map.of());
    }

    /**
     * Like {@link #fromMap(Map)}, but reads only the keys that start with {@code prefix} (relaxed:
     * {@code "ringcentral."} also matches {@code RINGCENTRAL_}), ignoring all others. Handy for
     * {@code System.getenv()}.
     */
    public static EmbeddableConfig fromMap(Map<String, String> settings, String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return ConfigReader.build(settings, prefix, Map.of());
    }

    /** The prefix of every setting in {@link #fromEnvironment(Map)}: {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID}, ... */
    public static final String ENVIRONMENT_PREFIX = "RINGCENTRAL_EMBEDDABLE_";

    /**
     * Reads settings from environment variables, the one scheme every embeddable4j example and the Spring starter
     * share: each setting as {@code RINGCENTRAL_EMBEDDABLE_<SETTING>} ({@code RINGCENTRAL_EMBEDDABLE_DEFAULT_CALL_WITH=ringout};
     * Spring Boot binds the same names to {@code ringcentral.embeddable.*}), plus the two short names RingCentral's
     * own tools use, {@code RINGCENTRAL_CLIENT_ID} and {@code RINGCENTRAL_APP_SERVER}, when the long form is not set.
     * Every other variable is ignored, so a shell set up for RingCentral's server SDKs ({@code RINGCENTRAL_CLIENT_SECRET},
     * {@code RINGCENTRAL_JWT}) neither stops the application nor puts a secret into a page.
     *
     * <pre>{@code EmbeddableConfig config = EmbeddableConfig.fromEnvironment(System.getenv());}</pre>
     *
     * @throws EmbeddableConfigException listing every problem
     */
    public static EmbeddableConfig fromEnvironment(Map<String, String> environment) {
        Map<String, String> aliases = new LinkedHashMap<>();
        return ConfigReader.build(variables(environment, aliases), ENVIRONMENT_PREFIX, aliases);
    }

    /**
     * Reads a configuration file's settings with the environment over them, as an application that has both does:
     * the keys under {@code prefix} as {@link #fromMap(Map, String)} reads them, and the variables
     * {@link #fromEnvironment(Map)} reads (the short {@code RINGCENTRAL_CLIENT_ID} and {@code RINGCENTRAL_APP_SERVER}
     * too), a variable replacing the file's value of the same setting. Checked as one; each problem names the key or
     * the variable that set it. For a framework without an adapter, whose configuration gives a flat map:
     *
     * <pre>{@code EmbeddableConfig config = EmbeddableConfig.fromMap(fileSettings, "ringcentral.embeddable.", System.getenv());}</pre>
     *
     * @throws EmbeddableConfigException listing every problem
     */
    public static EmbeddableConfig fromMap(Map<String, String> settings, String prefix, Map<String, String> environment) {
        Map<String, String> aliases = new LinkedHashMap<>();
        return ConfigReader.buildLayered(settings, prefix, variables(environment, aliases), aliases);
    }

    /** The variables {@link #fromEnvironment} reads, the short names under their long ones (in {@code aliases}). */
    private static Map<String, String> variables(Map<String, String> environment, Map<String, String> aliases) {
        Objects.requireNonNull(environment, "environment");
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            // RINGCENTRAL_* too: a misspelt prefix (RINGCENTRAL_EMBEDABLE_CLIENT_ID) is reported, the rest ignored
            if (e.getKey().startsWith("RINGCENTRAL")) {
                settings.put(e.getKey(), e.getValue());
            }
        }
        shortName(environment, settings, aliases, "RINGCENTRAL_CLIENT_ID", "CLIENT_ID");
        shortName(environment, settings, aliases, "RINGCENTRAL_APP_SERVER", "APP_SERVER");
        return settings;
    }

    private static void shortName(Map<String, String> environment, Map<String, String> settings, Map<String, String> aliases,
            String name, String setting) {
        String value = environment.get(name);
        if (value != null && !settings.containsKey(ENVIRONMENT_PREFIX + setting)) {
            settings.put(ENVIRONMENT_PREFIX + setting, value);
            aliases.put(ENVIRONMENT_PREFIX + setting, name); // a problem names the variable the user set
        }
    }

    /**
     * Reads settings from a JSON object with the same keys as {@link #fromMap(Map)}; values may be strings,
     * booleans or numbers, and {@code "params"} may hold an object of extra parameters.
     *
     * @throws EmbeddableConfigException listing every problem, including malformed JSON and unknown keys
     */
    public static EmbeddableConfig fromJson(Reader json) {
        return ConfigReader.fromJson(json).build();
    }

    /** The app's client ID, or empty when the widget is to use RingCentral's shared demo app. */
    public Optional<String> clientId() {
        return Optional.ofNullable((String) values.get(WidgetParameter.CLIENT_ID));
    }

    /** The platform server; {@link AppServer#PRODUCTION} unless set. */
    public AppServer appServer() {
        return (AppServer) values.getOrDefault(WidgetParameter.APP_SERVER, AppServer.PRODUCTION);
    }

    /** Where the widget is loaded from; {@link Hosting#latest()} unless set. */
    public Hosting hosting() {
        return hosting;
    }

    /**
     * Origins the widget's frame may run on besides those the hosting implies (see {@link WidgetOrigins}): needed
     * when a self-hosted or custom-built loader frames {@code app.html} on another origin than its own.
     */
    public List<String> frameOrigins() {
        return frameOrigins;
    }

    /** Every origin the widget's frame may run on: the hosting's, RingCentral's when hosted there, and {@link #frameOrigins()}. */
    public WidgetOrigins widgetOrigins() {
        return WidgetOrigins.of(hosting, frameOrigins);
    }

    /** The OAuth redirect URI to register: the configured one, or {@code redirect.html} in the hosting folder. */
    public String redirectUri() {
        return customRedirectUri().orElse(hosting.defaultRedirectUri());
    }

    /** The redirect URI when one was configured and differs from the hosting folder's default. */
    public Optional<String> customRedirectUri() {
        return Optional.ofNullable((String) values.get(WidgetParameter.REDIRECT_URI));
    }

    /** The brand build; {@link Brand#RC} unless set. */
    public Brand brand() {
        return (Brand) values.getOrDefault(WidgetParameter.BRAND, Brand.RC);
    }

    /** The widget's namespace for element ids and storage keys; {@code rc-widget} unless set. */
    public String prefix() {
        return (String) values.getOrDefault(WidgetParameter.PREFIX, "rc-widget");
    }

    /** Whether a missing client ID is an error rather than a warning. */
    public boolean requireClientId() {
        return requireClientId;
    }

    /** Whether secrets ({@code clientSecret}, {@code jwt}, ...) may be rendered into pages (the legacy flow). */
    public boolean allowSecretsInMarkup() {
        return allowSecretsInMarkup;
    }

    /**
     * The value of a parameter when it differs from the widget's default: a {@code String}, {@code Boolean},
     * {@code Integer}, or one of {@link AppServer}, {@link CallWith}, {@link Direction}, {@link Brand}.
     */
    public Optional<Object> get(WidgetParameter parameter) {
        return Optional.ofNullable(values.get(parameter));
    }

    /** Whether a true/false parameter is on, counting its default ({@code disableGlip} is on unless turned off). */
    public boolean isOn(WidgetParameter parameter) {
        if (!parameter.type().isBoolean()) {
            throw new IllegalArgumentException(parameter + " is not a true/false parameter");
        }
        Object v = values.get(parameter);
        return v == null ? parameter.type() == WidgetParameter.ValueType.FLAG_DEFAULT_ON : (Boolean) v;
    }

    /** Parameters this library does not know, passed through with {@link Builder#param(String, String)}, by name. */
    public SortedMap<String, String> extraParams() {
        return extraParams;
    }

    /** Secret parameters that are set (only possible with {@link #allowSecretsInMarkup()}). */
    public Set<WidgetParameter> secrets() {
        Set<WidgetParameter> secrets = EnumSet.noneOf(WidgetParameter.class);
        for (WidgetParameter p : values.keySet()) {
            if (p.isSecret()) {
                secrets.add(p);
            }
        }
        return secrets;
    }

    /**
     * What is allowed but worth knowing: the demo app, the sandbox, the legacy secret flow, ignored parameters. Each
     * names settings as the builder does ({@code clientId}); {@link #warningsAsRead()} names them as they were read.
     */
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    /**
     * {@link #warnings()}, each naming its settings as the source this configuration was read from spells them:
     * {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID} for {@link #fromEnvironment(Map)}, the keys as written for
     * {@link #fromMap(Map)} ({@code client-id}, or with the prefix given), the builder's names for a configuration
     * built in code (and for one read back from a serialized form). For a log line in the user's own vocabulary (a
     * servlet trial's listener, configured from the environment, was told to "set client-id"):
     *
     * <pre>{@code config.warningsAsRead().forEach(w -> LOG.warning(w.toString()));}</pre>
     */
    public List<ConfigProblem> warningsAsRead() {
        java.util.function.UnaryOperator<String> naming = namesAsRead;
        return naming == null ? warnings : warnings.stream().map(w -> w.named(naming)).toList();
    }

    /** Set once by the reader that made this configuration, before anyone else sees it. */
    EmbeddableConfig namedAsRead(java.util.function.UnaryOperator<String> naming) {
        this.namesAsRead = naming;
        return this;
    }

    /** The scopes to register on the app: the required ones plus those the enabled features need. */
    public Set<Scope> scopes() {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        scopes.addAll(Scope.required());
        // the widget's recordings feature is `!disableCall && !disableCallHistory` (its Phone module)
        if (!isOn(WidgetParameter.DISABLE_CALL_HISTORY) && !isOn(WidgetParameter.DISABLE_CALL)
                && hosting.majorVersion().orElse(2) >= 2) {
            scopes.add(Scope.READ_CALL_RECORDING);
        }
        if (!isOn(WidgetParameter.DISABLE_MEETING)) {
            scopes.add(Scope.VIDEO);
        }
        if (!isOn(WidgetParameter.DISABLE_GLIP)) {
            scopes.add(Scope.TEAM_MESSAGING);
        }
        if (isOn(WidgetParameter.ENABLE_SMS_TEMPLATE)) {
            scopes.add(Scope.EDIT_EXTENSIONS);
        }
        return Collections.unmodifiableSet(scopes);
    }

    /**
     * The settings that differ from the defaults, keyed by the widget's names (plus {@code hosting},
     * {@code requireClientId}, {@code allowSecretsInMarkup} and {@code params.<name>}), in a form
     * {@link #fromMap(Map)} reads back to an equal configuration. Includes secrets when set.
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (!hosting.equals(Hosting.latest())) {
            map.put("hosting", hosting.toString());
        }
        if (!frameOrigins.isEmpty()) {
            map.put("frameOrigins", String.join(",", frameOrigins));
        }
        for (Map.Entry<WidgetParameter, Object> e : values.entrySet()) {
            map.put(e.getKey().wireName(), settingText(e.getValue()));
        }
        if (requireClientId) {
            map.put("requireClientId", "true");
        }
        if (allowSecretsInMarkup) {
            map.put("allowSecretsInMarkup", "true");
        }
        extraParams.forEach((k, v) -> map.put("params." + k, v));
        return map;
    }

    /**
     * The kebab-case key of a setting as {@link ConfigProblem#property()} and {@link #toMap()} name it, for
     * properties files: {@code clientId} to {@code client-id}, {@code enableSMSTemplate} to
     * {@code enable-sms-template}; {@code params.<name>} keeps the parameter's own spelling.
     */
    public static String kebabKey(String setting) {
        if (setting.startsWith("params.")) {
            return setting;
        }
        Optional<WidgetParameter> parameter = WidgetParameter.byWireName(setting);
        return parameter.isPresent() ? parameter.get().kebabName() : Keys.kebab(setting);
    }

    /**
     * The environment variable {@link #fromEnvironment(Map)} reads a setting from: {@code clientId} to
     * {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID}, {@code params.someflag} to {@code RINGCENTRAL_EMBEDDABLE_PARAMS_SOMEFLAG}
     * (the environment's parameter names are read in lower case, as Spring reads them, so a parameter with capitals,
     * {@code params.someFlag}, cannot come from the environment). Warnings name settings as the builder does; this
     * names them for the environment (as {@link #warningsAsRead()} does for a configuration read from it):
     *
     * <pre>{@code config.warnings().forEach(w -> LOG.warning(w.named(EmbeddableConfig::environmentKey).toString()));}</pre>
     */
    public static String environmentKey(String setting) {
        String key = setting.startsWith("params.") ? "PARAMS_" + setting.substring("params.".length())
                : kebabKey(setting).replace('-', '_');
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT);
    }

    /** A builder holding this configuration's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        b.hosting = hosting;
        b.frameOrigins.addAll(frameOrigins);
        b.requireClientId = requireClientId;
        b.allowSecretsInMarkup = allowSecretsInMarkup;
        b.extraParams.putAll(extraParams);
        return b;
    }

    private static String settingText(Object value) {
        if (value instanceof WireValue w) {
            return w.wireValue();
        }
        if (value instanceof AppServer s) {
            return s.name();
        }
        return String.valueOf(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EmbeddableConfig c && c.values.equals(values) && c.hosting.equals(hosting)
                && c.frameOrigins.equals(frameOrigins) && c.requireClientId == requireClientId && c.allowSecretsInMarkup == allowSecretsInMarkup
                && c.extraParams.equals(extraParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, hosting, frameOrigins, requireClientId, allowSecretsInMarkup, extraParams);
    }

    @Serial
    private Object writeReplace() {
        return new SerializedForm(new LinkedHashMap<>(toMap()));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("An EmbeddableConfig is read through its serialized form");
    }

    private record SerializedForm(LinkedHashMap<String, String> settings) implements Serializable {
        @Serial
        private Object readResolve() throws InvalidObjectException {
            try {
                return fromMap(settings);
            } catch (EmbeddableConfigException e) {
                InvalidObjectException invalid = new InvalidObjectException("A serialized RingCentral Embeddable configuration"
                        + " is no longer valid: " + e.getMessage());
                invalid.initCause(e);
                throw invalid;
            }
        }
    }

    /** The settings that differ from the defaults, with secrets masked. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "EmbeddableConfig{", "}");
        toMap().forEach((k, v) -> {
            boolean secret = WidgetParameter.byWireName(k).map(WidgetParameter::isSecret).orElse(false)
                    || k.startsWith("params.") && SettingNames.isSecretName(k);
            j.add(k + "=" + (secret ? "****" : v));
        });
        return j.toString();
    }

    /**
     * Collects settings; {@link #build()} validates them all at once. Setters never throw: a bad value is
     * recorded and reported, with every other problem, by {@code build()}. Setting {@code null} restores the default.
     */
    public static final class Builder {

        final EnumMap<WidgetParameter, Object> values = new EnumMap<>(WidgetParameter.class);
        /** Values given under the deprecated names appKey/appSecret, merged (or reported as conflicting) by build(). */
        final EnumMap<WidgetParameter, String> aliasValues = new EnumMap<>(WidgetParameter.class);
        /** Bad values seen by setters, by property; a later good value for the same property clears its entry. */
        final Map<String, ConfigProblem> inputProblems = new LinkedHashMap<>();
        final SortedMap<String, String> extraParams = new TreeMap<>();
        Hosting hosting = Hosting.latest();
        final java.util.Set<String> frameOrigins = new java.util.LinkedHashSet<>();
        boolean requireClientId;
        boolean allowSecretsInMarkup;

        Builder() {
        }

        /** Validates every setting and returns the configuration. @throws EmbeddableConfigException listing every problem */
        public EmbeddableConfig build() {
            return ConfigValidator.validate(this);
        }

        // ---- configuration-level settings -------------------------------------------------------------------

        /** Where the widget is loaded from (default {@link Hosting#latest()}). */
        public Builder hosting(@Nullable Hosting hosting) {
            inputProblems.remove("hosting");
            this.hosting = hosting == null ? Hosting.latest() : hosting;
            return this;
        }

        /** Parses {@code latest}, {@code 2.x}, {@code 2.3.1}, {@code github-pages} or a self-hosted folder URL. */
        public Builder hosting(@Nullable String hosting) {
            if (hosting == null) {
                return hosting((Hosting) null);
            }
            try {
                return hosting(Hosting.parse(hosting));
            } catch (IllegalArgumentException e) {
                return invalid("hosting", hosting, e);
            }
        }

        /**
         * Origins the widget's frame may run on besides those of the hosting: for a loader that frames
         * {@code app.html} on another origin than its own (a self-hosted copy of a built adapter.js does). Each is
         * {@code https://host[:port]} ({@code http://} only for localhost, 127.0.0.1 or [::1]). Replaces earlier values; none clears them.
         */
        public Builder frameOrigins(String @Nullable ... origins) {
            return frameOrigins(origins == null ? List.of() : Arrays.asList(origins));
        }

        /** Like {@link #frameOrigins(String...)}; a single value may also list origins separated by commas or spaces. */
        public Builder frameOrigins(java.util.@Nullable Collection<String> origins) {
            inputProblems.remove(FRAME_ORIGINS);
            frameOrigins.clear();
            List<String> bad = new ArrayList<>();
            for (String entry : origins == null ? List.<String>of() : origins) {
                for (String origin : entry == null ? new String[0] : entry.trim().split("[,\\s]+")) {
                    if (origin.isEmpty()) {
                        continue;
                    }
                    try {
                        frameOrigins.add(Urls.requireOrigin(origin, true));
                    } catch (IllegalArgumentException e) {
                        bad.add(e.getMessage());
                    }
                }
            }
            if (!bad.isEmpty()) {
                inputProblems.put(FRAME_ORIGINS, new ConfigProblem(FRAME_ORIGINS, String.join("; ", bad) + ".",
                        "Write each as https://, the host and any port, without a path (http:// only for localhost, 127.0.0.1 or [::1]),"
                                + " separated by commas, such as https://widget.example.com."));
            }
            return this;
        }

        /** Whether a missing client ID is an error (for production) rather than a warning (default false). */
        public Builder requireClientId(boolean require) {
            this.requireClientId = require;
            return this;
        }

        /**
         * The legacy opt-in: allow {@code clientSecret}, {@code jwt}, {@code authorizationCode} and
         * {@code authorizationCodeVerifier} to be rendered into pages, where every visitor can read them. Every
         * render then logs a warning. Default false; leave it so and use the PKCE flow (the default with a client ID).
         */
        public Builder allowSecretsInMarkup(boolean allow) {
            this.allowSecretsInMarkup = allow;
            return this;
        }

        /**
         * Sets a widget parameter by its name in the widget's URL. Known names go to their typed setting (so
         * {@code param("disableMessages", "true")} is {@code disableMessages(true)}); the deprecated {@code appKey}
         * and {@code appSecret} mean {@code clientId} and {@code clientSecret}; any other name is passed through as
         * is, with a warning that the widget does not read it.
         */
        public Builder param(String name, @Nullable String value) {
            Objects.requireNonNull(name, "name");
            Optional<WidgetParameter> known = WidgetParameter.byWireName(name);
            if (known.isPresent()) {
                return set(known.get(), value);
            }
            Optional<WidgetParameter> renamed = WidgetParameter.byFormerName(name);
            if (renamed.isPresent()) {
                WidgetParameter target = renamed.get();
                if (value == null) {
                    aliasValues.remove(target);
                } else {
                    aliasValues.put(target, value.trim());
                }
                return this;
            }
            inputProblems.remove(name);
            if (value == null) {
                extraParams.remove(name);
            } else {
                extraParams.put(name, value);
            }
            return this;
        }

        /** Sets a parameter from its text form, as read from a properties file or JSON. */
        public Builder set(WidgetParameter parameter, @Nullable String value) {
            Objects.requireNonNull(parameter, "parameter");
            if (value == null) {
                return put(parameter, null);
            }
            try {
                return put(parameter, ConfigValues.parse(parameter, value));
            } catch (IllegalArgumentException e) {
                return invalid(parameter.wireName(), value, e);
            }
        }

        // ---- typed widget parameters, in WidgetParameter order ----------------------------------------------

        /** Client ID of your RingCentral app (Developer Console, Credentials). Without one the widget runs on the demo app. */
        public Builder clientId(@Nullable String clientId) { return text(WidgetParameter.CLIENT_ID, clientId); }

        /** Secret; see {@link #allowSecretsInMarkup(boolean)}. Only for the deprecated non-PKCE flow or JWT login. */
        public Builder clientSecret(@Nullable String clientSecret) { return text(WidgetParameter.CLIENT_SECRET, clientSecret); }

        /** The platform server (default production). */
        public Builder appServer(@Nullable AppServer appServer) { return put(WidgetParameter.APP_SERVER, appServer); }

        /** Parses {@code production}, {@code sandbox}, {@code ringcentral-biz} or a custom {@code https://} origin. */
        public Builder appServer(@Nullable String appServer) { return set(WidgetParameter.APP_SERVER, appServer); }

        /** The OAuth redirect URI, when you host your own redirect page; it must be registered on the app exactly. */
        public Builder redirectUri(@Nullable String redirectUri) { return set(WidgetParameter.REDIRECT_URI, redirectUri); }

        /** The OAuth redirect URI, when you host your own redirect page. */
        public Builder redirectUri(@Nullable URI redirectUri) { return redirectUri(redirectUri == null ? null : redirectUri.toString()); }

        /** Secret; see {@link #allowSecretsInMarkup(boolean)}. A pre-obtained authorization code for silent login. */
        public Builder authorizationCode(@Nullable String code) { return text(WidgetParameter.AUTHORIZATION_CODE, code); }

        /** Secret; see {@link #allowSecretsInMarkup(boolean)}. The PKCE verifier for {@link #authorizationCode(String)}. */
        public Builder authorizationCodeVerifier(@Nullable String verifier) { return text(WidgetParameter.AUTHORIZATION_CODE_VERIFIER, verifier); }

        /** Secret; see {@link #allowSecretsInMarkup(boolean)}. JWT login: every user is the same RingCentral user. */
        public Builder jwt(@Nullable String jwt) { return text(WidgetParameter.JWT, jwt); }

        /** Identity of your signed-in user; when it changes the widget logs in again with the supplied code or JWT. */
        public Builder externalAuthId(@Nullable String id) { return text(WidgetParameter.EXTERNAL_AUTH_ID, id); }

        /** Auth-proxy mode: {@code appServer} is your own server holding the tokens (experimental). */
        public Builder authProxy(boolean on) { return flag(WidgetParameter.AUTH_PROXY, on); }

        /** Whether to use RingCentral discovery. */
        public Builder discovery(boolean on) { return flag(WidgetParameter.DISCOVERY, on); }

        /** The discovery server: one of RingCentral's platform or discovery origins. */
        public Builder discoverAppServer(@Nullable String server) { return set(WidgetParameter.DISCOVER_APP_SERVER, server); }

        /**
         * Legacy proxy page.
         *
         * @deprecated current widget builds ignore it, and the configuration warns of it
         */
        @Deprecated
        public Builder proxyUri(@Nullable String uri) { return set(WidgetParameter.PROXY_URI, uri); }

        /** An extra stylesheet loaded inside the widget. */
        public Builder stylesUri(@Nullable String uri) { return set(WidgetParameter.STYLES_URI, uri); }

        /** Namespace for element ids and storage keys (default {@code rc-widget}). */
        public Builder prefix(@Nullable String prefix) { return set(WidgetParameter.PREFIX, prefix); }

        /** Your app's name and version, such as {@code MyCRM/1.0}. */
        public Builder userAgent(@Nullable String userAgent) { return text(WidgetParameter.USER_AGENT, userAgent); }

        /** The version string the widget shows for your app. */
        public Builder appVersion(@Nullable String appVersion) { return text(WidgetParameter.APP_VERSION, appVersion); }

        /** The default calling option. */
        public Builder defaultCallWith(@Nullable CallWith callWith) { return put(WidgetParameter.DEFAULT_CALL_WITH, callWith); }

        /** Whether calling-settings events include fromNumbers. */
        public Builder enableFromNumberSetting(boolean on) { return flag(WidgetParameter.ENABLE_FROM_NUMBER_SETTING, on); }

        /** Whether RingOut calls get a caller-ID selector (3.x only). */
        public Builder enableRingoutCallerId(boolean on) { return flag(WidgetParameter.ENABLE_RINGOUT_CALLER_ID, on); }

        /** Whether calling-settings events include myLocation numbers. */
        public Builder showMyLocationNumbers(boolean on) { return flag(WidgetParameter.SHOW_MY_LOCATION_NUMBERS, on); }

        /** Whether the widget emits {@code rc-sms-settings-notify}. */
        public Builder enableSmsSettingEvent(boolean on) { return flag(WidgetParameter.ENABLE_SMS_SETTING_EVENT, on); }

        /** Whether to turn off calling. */
        public Builder disableCall(boolean on) { return flag(WidgetParameter.DISABLE_CALL, on); }

        /** Whether to turn off messages (SMS, fax, voicemail). */
        public Builder disableMessages(boolean on) { return flag(WidgetParameter.DISABLE_MESSAGES, on); }

        /** Whether to turn off reading SMS. */
        public Builder disableReadText(boolean on) { return flag(WidgetParameter.DISABLE_READ_TEXT, on); }

        /** Whether to turn off call history and recordings. */
        public Builder disableCallHistory(boolean on) { return flag(WidgetParameter.DISABLE_CALL_HISTORY, on); }

        /** Whether to turn off contacts. */
        public Builder disableContacts(boolean on) { return flag(WidgetParameter.DISABLE_CONTACTS, on); }

        /** Whether to turn off meetings. */
        public Builder disableMeeting(boolean on) { return flag(WidgetParameter.DISABLE_MEETING, on); }

        /** Whether team messaging is off (default true); {@code disableGlip(false)} turns it on (TeamMessaging scope). */
        public Builder disableGlip(boolean off) { return flag(WidgetParameter.DISABLE_GLIP, off); }

        /** Whether the conference-invite feature is off (default true). */
        public Builder disableConferenceInvite(boolean off) { return flag(WidgetParameter.DISABLE_CONFERENCE_INVITE, off); }

        /** Whether to hide the floating widget's minimise button (loader only). */
        public Builder disableMinimize(boolean on) { return flag(WidgetParameter.DISABLE_MINIMIZE, on); }

        /** Whether the floating widget uses the dock-badge UI (loader only). */
        public Builder newAdapterUI(boolean on) { return flag(WidgetParameter.NEW_ADAPTER_UI, on); }

        /** The side the floating widget docks to (loader only). */
        public Builder defaultDirection(@Nullable Direction direction) { return put(WidgetParameter.DEFAULT_DIRECTION, direction); }

        /** CSS z-index of the floating widget (loader only; default 999). */
        public Builder zIndex(@Nullable Integer zIndex) { return put(WidgetParameter.Z_INDEX, zIndex); }

        /** Whether the floating widget shows browser notifications for incoming calls (loader only). */
        public Builder notification(boolean on) { return flag(WidgetParameter.NOTIFICATION, on); }

        /** Whether to show the pop-out button (loader only; needs {@link #multipleTabsSupport(boolean)}). */
        public Builder enablePopup(boolean on) { return flag(WidgetParameter.ENABLE_POPUP, on); }

        /** Your own copy of popup.html, on your pages' origin (loader only). */
        public Builder popupPageUri(@Nullable String uri) { return set(WidgetParameter.POPUP_PAGE_URI, uri); }

        /** Whether only one tab holds the phone connection (beta). */
        public Builder multipleTabsSupport(boolean on) { return flag(WidgetParameter.MULTIPLE_TABS_SUPPORT, on); }

        /** Whether inactive tabs disconnect their phone connection. */
        public Builder disconnectInactiveWebphone(boolean on) { return flag(WidgetParameter.DISCONNECT_INACTIVE_WEBPHONE, on); }

        /** Whether call events fire only in the last active tab. */
        public Builder disableInactiveTabCallEvent(boolean on) { return flag(WidgetParameter.DISABLE_INACTIVE_TAB_CALL_EVENT, on); }

        /** Whether this page is forced to be the main tab. */
        public Builder mainTab(boolean on) { return flag(WidgetParameter.MAIN_TAB, on); }

        /** Whether to emit {@code rc-login-popup-notify} instead of opening the login popup. */
        public Builder disableLoginPopup(boolean on) { return flag(WidgetParameter.DISABLE_LOGIN_POPUP, on); }

        /** Whether the web phone uses WebRTC Plan B. */
        public Builder enableWebRTCPlanB(boolean on) { return flag(WidgetParameter.ENABLE_WEBRTC_PLAN_B, on); }

        /** Whether to show the ringtone settings page. */
        public Builder enableRingtoneSettings(boolean on) { return flag(WidgetParameter.ENABLE_RINGTONE_SETTINGS, on); }

        /** Whether to remove the noise-reduction setting. */
        public Builder disableNoiseReduction(boolean on) { return flag(WidgetParameter.DISABLE_NOISE_REDUCTION, on); }

        /** Whether to show the noise-reduction setting (1.x only). */
        public Builder enableNoiseReductionSetting(boolean on) { return flag(WidgetParameter.ENABLE_NOISE_REDUCTION_SETTING, on); }

        /** Whether the login page shows a sign-up button. */
        public Builder showSignUpButton(boolean on) { return flag(WidgetParameter.SHOW_SIGN_UP_BUTTON, on); }

        /** Whether the widget emits {@code rc-analytics-track} events. */
        public Builder enableAnalytics(boolean on) { return flag(WidgetParameter.ENABLE_ANALYTICS, on); }

        /** Whether to enable SMS templates (Edit Extensions scope). */
        public Builder enableSMSTemplate(boolean on) { return flag(WidgetParameter.ENABLE_SMS_TEMPLATE, on); }

        /** Whether to enable AI notes. */
        public Builder enableSmartNote(boolean on) { return flag(WidgetParameter.ENABLE_SMART_NOTE, on); }

        /** Whether to prompt the user to click to start audio. */
        public Builder enableAudioInitPrompt(boolean on) { return flag(WidgetParameter.ENABLE_AUDIO_INIT_PROMPT, on); }

        /** Whether call history can load calls older than 7 days. */
        public Builder enableLoadMoreCalls(boolean on) { return flag(WidgetParameter.ENABLE_LOAD_MORE_CALLS, on); }

        /** Whether to enable the shared SMS inbox of call queues. */
        public Builder enableSharedMessages(boolean on) { return flag(WidgetParameter.ENABLE_SHARED_MESSAGES, on); }

        /** Whether to enable the side panel and call widgets (3.x). */
        public Builder enableSideWidget(boolean on) { return flag(WidgetParameter.ENABLE_SIDE_WIDGET, on); }

        /** Whether to enable voicemail drop (3.x; needs {@link #enableSideWidget(boolean)}). */
        public Builder enableVoicemailDrop(boolean on) { return flag(WidgetParameter.ENABLE_VOICEMAIL_DROP, on); }

        /** Whether logged SMS carry the time spent typing. */
        public Builder enableTypingTimeTracking(boolean on) { return flag(WidgetParameter.ENABLE_TYPING_TIME_TRACKING, on); }

        /** Whether "auto log calls" starts on. */
        public Builder defaultAutoLogCallEnabled(boolean on) { return flag(WidgetParameter.DEFAULT_AUTO_LOG_CALL_ENABLED, on); }

        /** Whether "auto log messages" starts on. */
        public Builder defaultAutoLogMessageEnabled(boolean on) { return flag(WidgetParameter.DEFAULT_AUTO_LOG_MESSAGE_ENABLED, on); }

        /** The brand build (default {@link Brand#RC}). */
        public Builder brand(@Nullable Brand brand) { return put(WidgetParameter.BRAND, brand); }

        // ---- internals ------------------------------------------------------------------------------------------

        private Builder text(WidgetParameter p, @Nullable String value) {
            return set(p, value);
        }

        private Builder flag(WidgetParameter p, boolean on) {
            return put(p, on);
        }

        /** Stores a typed value; a value equal to the widget's default is not stored, so it is never written. */
        private Builder put(WidgetParameter p, @Nullable Object value) {
            inputProblems.remove(p.wireName());
            if (value == null || ConfigValues.isDefault(p, value)) {
                values.remove(p);
            } else {
                values.put(p, value);
            }
            return this;
        }

        private Builder invalid(String property, String value, IllegalArgumentException e) {
            inputProblems.put(property, ConfigValues.problem(property, value, e));
            return this;
        }
    }
}

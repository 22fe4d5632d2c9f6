package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.SettingNames;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Everything under {@code ringcentral.embeddable} in Spring's {@link Environment}, from every property source
 * (properties and YAML files, environment variables such as {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID}, system
 * properties, the command line): the widget settings, read into core's {@link EmbeddableConfig} by the names core
 * knows ({@link SettingNames}); the starter's own switches ({@link EmbeddableProperties}); and every other key, which
 * is a typo. Problems are named by their Spring property, with where they were set.
 */
final class EnvironmentSettings {

    private static final String PREFIX = EmbeddableProperties.PREFIX + ".";
    private static final String PARAMS = "params";
    private static final String ENV_PREFIX = "RINGCENTRAL_EMBEDDABLE_";

    /** The starter's own switches, relaxed ({@code injectexcludepaths}) to their kebab-case name ({@code inject.exclude-paths}). */
    private static final Map<String, String> SWITCHES = switches();

    private final Map<String, String> settings = new LinkedHashMap<>();
    /** Where each setting was set, by core name, when Spring knows. */
    private final Map<String, String> origins = new HashMap<>();
    private final List<ConfigProblem> switchProblems = new ArrayList<>();
    private final List<ConfigProblem> unknown = new ArrayList<>();
    private boolean failOnUnknown = true;

    private EnvironmentSettings() {
    }

    /** Reads the environment; never throws for bad values (they are problems of {@link #toConfig()}). */
    static EnvironmentSettings read(Environment environment) {
        EnvironmentSettings read = new EnvironmentSettings();
        Binder binder = Binder.get(environment);
        read.bindSwitches(binder);
        Map<String, PropertyKey> spelled = read.scan(environment);
        read.bindSettings(environment, binder, spelled);
        return read;
    }

    /** The widget settings found, by core name, as text; {@code params.<name>} for parameters core does not know. */
    Map<String, String> settings() {
        return settings;
    }

    /** Properties under the prefix that name no setting, each with the nearest property name. */
    List<ConfigProblem> unknownProperties() {
        return unknown;
    }

    /** Whether unknown properties stop the application ({@code fail-on-unknown-properties}, default true). */
    boolean failOnUnknown() {
        return failOnUnknown;
    }

    /**
     * The validated configuration.
     *
     * @throws EmbeddableConfigException listing every problem, named by property: bad switch values, unknown
     *                                   properties (unless they only warn), and everything core finds wrong
     */
    EmbeddableConfig toConfig() {
        List<ConfigProblem> problems = switchAndNameProblems();
        try {
            EmbeddableConfig config = EmbeddableConfig.fromMap(settings);
            if (problems.isEmpty()) {
                return config;
            }
        } catch (EmbeddableConfigException e) {
            for (ConfigProblem p : e.problems()) {
                problems.add(named(p, true));
            }
        }
        throw new EmbeddableConfigException(problems);
    }

    /**
     * Checks only what concerns the starter when the application builds its own {@code Embeddable}.
     *
     * @throws EmbeddableConfigException listing bad switch values and unknown properties
     */
    void checkSwitchesAndNames() {
        List<ConfigProblem> problems = switchAndNameProblems();
        if (!problems.isEmpty()) {
            throw new EmbeddableConfigException(problems);
        }
    }

    private List<ConfigProblem> switchAndNameProblems() {
        List<ConfigProblem> problems = new ArrayList<>(switchProblems);
        if (failOnUnknown) {
            problems.addAll(unknown);
        }
        return problems;
    }

    /** A core problem or warning, named by its Spring property, its text too; with where the value was set if asked. */
    ConfigProblem named(ConfigProblem core, boolean withOrigin) {
        ConfigProblem named = core.named(EnvironmentSettings::property);
        String origin = origins.get(core.property());
        if (!withOrigin || origin == null) {
            return named;
        }
        return new ConfigProblem(named.property(), withOrigin(named.message(), origin), named.fix());
    }

    /** The Spring property for a core setting name: {@code clientId} to {@code ringcentral.embeddable.client-id}. */
    static String property(String setting) {
        return PREFIX + EmbeddableConfig.kebabKey(setting);
    }

    // ---- the starter's switches ------------------------------------------------------------------------------

    private void bindSwitches(Binder binder) {
        EmbeddableProperties switches = new EmbeddableProperties();
        try {
            binder.bind(EmbeddableProperties.PREFIX, Bindable.ofInstance(switches), new AbstractBindHandler() {
                @Override
                public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error) {
                    switchProblems.add(switchProblem(name, target, context.getConfigurationProperty(), error));
                    return target.getValue() == null ? null : target.getValue().get();
                }
            });
        } catch (BindException e) {
            switchProblems.add(new ConfigProblem(EmbeddableProperties.PREFIX, "the properties cannot be read ("
                    + rootMessage(e) + ").", "Correct the value."));
        }
        failOnUnknown = switches.isFailOnUnknownProperties();
    }

    private static ConfigProblem switchProblem(ConfigurationPropertyName name, Bindable<?> target, ConfigurationProperty property,
            Exception error) {
        Class<?> type = target.getType().resolve(Object.class);
        boolean bool = type == boolean.class || type == Boolean.class;
        String value = property == null ? null : String.valueOf(property.getValue());
        String message = value == null ? "it cannot be read (" + rootMessage(error) + ")."
                : "'" + value + "' is not " + (bool ? "true or false." : "a valid " + type.getSimpleName() + " (" + rootMessage(error) + ").");
        if (property != null && property.getOrigin() != null) {
            message = withOrigin(message, describe(property.getOrigin()));
        }
        return new ConfigProblem(name.toString(), message, bool ? "Write true or false." : "Correct the value.");
    }

    // ---- widget settings -------------------------------------------------------------------------------------

    /**
     * Each setting core knows, by Spring's own lookup of its kebab-case name (precedence, relaxed names, placeholders);
     * then any spelling Spring does not map but core reads ({@code RINGCENTRAL_EMBEDDABLE_ENABLE_WEBRTC_PLAN_B},
     * the deprecated {@code app-key}), from the scan.
     */
    private void bindSettings(Environment environment, Binder binder, Map<String, PropertyKey> spelled) {
        Set<String> names = new LinkedHashSet<>(SettingNames.all());
        names.addAll(spelled.keySet());
        for (String setting : names) {
            String name = property(setting);
            OriginCapture capture = new OriginCapture();
            String value = null;
            String origin = null;
            if (ConfigurationPropertyName.isValid(name)) {
                try {
                    value = binder.bind(name, Bindable.of(String.class), capture).orElse(null);
                    origin = capture.origin;
                } catch (BindException e) {
                    switchProblems.add(new ConfigProblem(name, withOrigin("it cannot be read (" + rootMessage(e) + ").",
                            capture.origin), "Correct the value."));
                    continue;
                }
            }
            PropertyKey key = spelled.get(setting);
            if (value == null && key != null && key.source.getProperty(key.name) != null) {
                value = environment.resolvePlaceholders(String.valueOf(key.source.getProperty(key.name)));
                origin = key.where();
            }
            if (value == null) {
                continue;
            }
            if (value.contains("${")) {
                // Spring leaves a placeholder it cannot resolve as it is; the widget would get the literal text.
                switchProblems.add(new ConfigProblem(name, withOrigin("the value '" + value + "' has a placeholder that"
                        + " nothing defines.", origin), "Define it (as an environment variable or property), or give it a"
                        + " default: ${NAME:default}; an empty default means not set."));
                continue;
            }
            settings.put(setting, value);
            if (origin != null) {
                origins.put(setting, origin);
            }
        }
        try {
            binder.bind(PREFIX + PARAMS, Bindable.mapOf(String.class, String.class))
                    .ifBound(params -> params.forEach((k, v) -> settings.put(PARAMS + "." + k, v)));
        } catch (BindException e) {
            switchProblems.add(new ConfigProblem(PREFIX + PARAMS, "it cannot be read (" + rootMessage(e) + ").",
                    "Write each parameter as " + PREFIX + PARAMS + ".<name>=<value>."));
        }
    }

    /** Remembers where Spring found a value. */
    private static final class OriginCapture implements BindHandler {
        String origin;

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getOrigin() != null) {
                origin = describe(property.getOrigin());
            }
            return result;
        }
    }

    // ---- the scan over every property source -----------------------------------------------------------------

    /** A key as written in one property source. */
    private record PropertyKey(PropertySource<?> source, String name) {
        String where() {
            Origin origin = OriginLookup.getOrigin(source, name);
            return origin != null ? describe(origin) : describe(source);
        }
    }

    /**
     * Goes over every key of every enumerable property source, in precedence order: unknown keys become problems;
     * known settings are returned, each with its first (winning) spelling, by core name.
     */
    private Map<String, PropertyKey> scan(Environment environment) {
        Map<String, PropertyKey> known = new HashMap<>();
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return known;
        }
        Set<String> reported = new LinkedHashSet<>();
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            boolean environmentVariables = source instanceof SystemEnvironmentPropertySource;
            for (String key : enumerable.getPropertyNames()) {
                List<String> tail = tailUnderPrefix(key, environmentVariables);
                if (tail == null || (!tail.isEmpty() && SettingNames.relaxed(tail.get(0)).equals(PARAMS))) {
                    continue;
                }
                String relaxed = SettingNames.relaxed(String.join("", tail));
                if (SWITCHES.containsKey(relaxed)) {
                    continue;
                }
                PropertyKey at = new PropertyKey(source, key);
                String setting = relaxed.isEmpty() ? null : SettingNames.find(relaxed).orElse(null);
                if (setting != null) {
                    known.putIfAbsent(setting, at);
                } else if (reported.add(key)) {
                    unknown.add(unknownProblem(at, String.join(".", tail)));
                }
            }
        }
        return known;
    }

    /**
     * The elements of a key after {@code ringcentral.embeddable} (list indexes left out), or null when the key is not
     * under the prefix as Spring reads it: {@code ringcentral.embeddable.inject.exclude-paths[0]} gives
     * [inject, exclude-paths]; the environment variable {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID} gives [CLIENT, ID].
     */
    static List<String> tailUnderPrefix(String key, boolean environmentVariable) {
        char separator = environmentVariable && key.indexOf('.') < 0 ? '_' : '.';
        ConfigurationPropertyName name;
        try {
            name = ConfigurationPropertyName.adapt(key, separator);
        } catch (RuntimeException e) {
            return null;
        }
        if (name.getNumberOfElements() < 2 || !SettingNames.relaxed(name.getElement(0, ConfigurationPropertyName.Form.ORIGINAL)).equals("ringcentral")
                || !SettingNames.relaxed(name.getElement(1, ConfigurationPropertyName.Form.ORIGINAL)).equals("embeddable")) {
            return null;
        }
        List<String> tail = new ArrayList<>();
        for (int i = 2; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
            if (!name.isNumericIndex(i) && !element.chars().allMatch(Character::isDigit)) {
                tail.add(element);
            }
        }
        return tail;
    }

    private static ConfigProblem unknownProblem(PropertyKey at, String tail) {
        boolean environmentStyle = at.name.indexOf('.') < 0 && at.name.indexOf('_') >= 0;
        List<String> candidates = new ArrayList<>(SWITCHES.values());
        for (String setting : SettingNames.all()) {
            candidates.add(EmbeddableConfig.kebabKey(setting));
        }
        String suggestion = tail.isEmpty() ? null : SettingNames.nearest(tail, candidates)
                .map(kebab -> environmentStyle ? ENV_PREFIX + kebab.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_')
                        : PREFIX + kebab)
                .orElse(null);
        String message = withOrigin("no RingCentral Embeddable setting has this name", at.where())
                + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?");
        String fix = suggestion != null ? "Rename it to " + suggestion + "."
                : "Remove it or correct its name (your IDE completes every " + PREFIX + "* property); a widget parameter"
                + " this library does not know goes under " + PREFIX + PARAMS + ".<name>.";
        return new ConfigProblem(at.name, message, fix);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The switches' relaxed names, from {@link EmbeddableProperties} and its nested classes. */
    private static Map<String, String> switches() {
        Map<String, String> names = new LinkedHashMap<>();
        collectSwitches(EmbeddableProperties.class, "", names);
        return Map.copyOf(names);
    }

    private static void collectSwitches(Class<?> type, String path, Map<String, String> names) {
        for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
            if (d.getReadMethod() == null || d.getName().equals("class")) {
                continue;
            }
            String name = path + EmbeddableConfig.kebabKey(d.getName());
            Class<?> propertyType = d.getPropertyType();
            if (propertyType != null && propertyType.getDeclaringClass() == EmbeddableProperties.class) {
                collectSwitches(propertyType, name + ".", names);
            } else if (d.getWriteMethod() != null) {
                names.put(SettingNames.relaxed(name), name);
            }
        }
    }

    /**
     * Where a value was set, briefly: a file and line ({@code class path resource [application.properties] - 3:1}),
     * an environment variable, the command line, or a property source by name.
     */
    private static String describe(Origin origin) {
        if (origin instanceof PropertySourceOrigin from) {
            return from.getOrigin() != null ? describe(from.getOrigin()) : describe(from.getPropertySource());
        }
        return origin.toString();
    }

    private static String describe(PropertySource<?> source) {
        return source instanceof CommandLinePropertySource<?> ? "the command line" : "property source '" + source.getName() + "'";
    }

    /** {@code message (from origin).}: the message with its final period moved after where it was set. */
    private static String withOrigin(String message, String origin) {
        if (origin == null) {
            return message;
        }
        String text = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return text + " (set in " + origin + ").";
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

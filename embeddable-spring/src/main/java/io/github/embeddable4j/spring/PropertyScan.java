package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;
import org.springframework.beans.BeanUtils;
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
 * Every key under {@code ringcentral.embeddable} in every enumerable property source, as written: which setting core
 * knows it as (the winning spelling first, by precedence), and which keys name nothing, each with the nearest
 * property in the user's own spelling ({@code RINGCENTRAL_EMBEDDABLE_DISABLE_CALL} for an environment variable).
 */
@NullUnmarked // internal: keys that name no setting give null
final class PropertyScan {

    private static final String PREFIX = EmbeddableProperties.PREFIX + ".";
    private static final String PARAMS = "params";
    private static final String ENV_PREFIX = "RINGCENTRAL_EMBEDDABLE_";

    /**
     * The starter's own switches, relaxed ({@code injectexcludepaths}) to their kebab-case name
     * ({@code inject.exclude-paths}); read from {@link EmbeddableProperties} when a key is not a widget setting (no
     * switch has a setting's name), so an application that sets only widget settings does not pay for it.
     */
    private static final class Switches {
        static final Map<String, String> NAMES = switches();
    }

    /** A key as written in one property source. */
    record PropertyKey(PropertySource<?> source, String name) {
        /** Where the key is: a file and line, an environment variable, the command line. */
        String where() {
            Origin origin = OriginLookup.getOrigin(source, name);
            return origin != null ? describe(origin) : describe(source);
        }
    }

    private final Map<String, PropertyKey> known = new HashMap<>();
    private final List<ConfigProblem> unknown = new ArrayList<>();
    private boolean complete;
    private boolean params;

    private PropertyScan() {
    }

    /** Known settings by core name, each with its winning spelling. */
    Map<String, PropertyKey> known() {
        return known;
    }

    /** Keys that name no setting and no switch. */
    List<ConfigProblem> unknown() {
        return unknown;
    }

    /**
     * Sources that cannot list their names but hold no {@code ringcentral.embeddable} property: {@code random.*}, and
     * the servlet context's parameters before the web server starts (a stub then).
     */
    private static final Set<String> SEEN_THROUGH_OTHERS = Set.of("org.springframework.boot.env.RandomValuePropertySource",
            "org.springframework.core.env.PropertySource$StubPropertySource");

    /**
     * Whether the scan saw every source that may hold a setting: then a setting it did not find is not set, and need
     * not be looked up (binding each of the widget's ~60 settings through the Binder cost ~10 ms of start-up).
     */
    boolean complete() {
        return complete;
    }

    /** Whether some source has a key under {@code ringcentral.embeddable.params}. */
    boolean sawParams() {
        return params;
    }

    /**
     * Goes over every key of every enumerable property source, in precedence order: unknown keys become problems;
     * known settings are returned, each with its first (winning) spelling, by core name.
     */
    static PropertyScan of(Environment environment) {
        PropertyScan scan = new PropertyScan();
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return scan;
        }
        Set<String> reported = new LinkedHashSet<>();
        scan.complete = true;
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                scan.complete &= SEEN_THROUGH_OTHERS.contains(source.getClass().getName())
                        || source.getName().equals("configurationProperties"); // Boot's view of all the others
                continue;
            }
            boolean environmentVariables = source instanceof SystemEnvironmentPropertySource;
            for (String key : enumerable.getPropertyNames()) {
                // Every spelling Spring maps to the prefix starts with an r: most keys need no closer look.
                if (key.isEmpty() || (key.charAt(0) | 0x20) != 'r') {
                    continue;
                }
                List<String> tail = tailUnderPrefix(key, environmentVariables);
                if (tail == null) {
                    misspeltPrefix(source, key).or(() -> environmentStyleElsewhere(source, key, environmentVariables))
                            .filter(problem -> reported.add(key)).ifPresent(scan.unknown::add);
                    continue;
                }
                if (!tail.isEmpty() && SettingNames.relaxed(tail.get(0)).equals(PARAMS)) {
                    scan.params = true;
                    continue;
                }
                String relaxed = SettingNames.relaxed(String.join("", tail));
                if (relaxed.isEmpty() && String.valueOf(enumerable.getProperty(key)).isBlank()) {
                    continue; // a YAML section whose lines are all commented out: an empty value, which Spring ignores
                }
                String setting = relaxed.isEmpty() ? null : SettingNames.find(relaxed).orElse(null);
                if (setting != null) {
                    scan.known.putIfAbsent(setting, new PropertyKey(source, key));
                } else if (Switches.NAMES.containsKey(relaxed)) {
                    continue;
                } else if (reported.add(key)) {
                    PropertyKey at = new PropertyKey(source, key);
                    scan.unknown.add(unknownProblem(at, String.join(".", tail)));
                }
            }
        }
        return scan;
    }

    /**
     * A key whose prefix is one or two letters off ({@code ringcentral.embedable.client-id}) and whose rest names a
     * setting, a switch or a widget parameter: a typo, which left unread would run the widget on the demo app.
     */
    static Optional<ConfigProblem> misspeltPrefix(PropertySource<?> source, String key) {
        return SettingNames.misspeltPrefixTail(key, EmbeddableProperties.PREFIX, PropertyScan::namesSomething).map(rest -> {
            boolean environmentStyle = key.indexOf('.') < 0 && key.indexOf('_') >= 0;
            String meant = environmentStyle ? ENV_PREFIX + rest : PREFIX + rest;
            String message = withOrigin("not read, as its prefix is not "
                    + (environmentStyle ? "RINGCENTRAL_EMBEDDABLE" : EmbeddableProperties.PREFIX),
                    new PropertyKey(source, key).where()) + " Did you mean '" + meant + "'?";
            return new ConfigProblem(key, message, "Rename it to " + meant + ".");
        });
    }

    /**
     * A key written as an environment variable in another source, which Spring Boot reads as it is written: a Kubernetes
     * secret mounted as a config tree, its file named {@code RINGCENTRAL_EMBEDDABLE_CLIENT_ID}, was read by nobody (a
     * production-style trial), while the same typo as a variable is caught.
     */
    static Optional<ConfigProblem> environmentStyleElsewhere(PropertySource<?> source, String key, boolean environmentVariables) {
        if (environmentVariables || key.indexOf('.') >= 0 || key.indexOf('_') < 0) {
            return Optional.empty();
        }
        List<String> tail = tailUnderPrefix(key, true);
        if (tail == null || tail.isEmpty()) {
            return Optional.empty();
        }
        String relaxed = SettingNames.relaxed(String.join("", tail));
        String kebab = SettingNames.find(relaxed).map(EmbeddableConfig::kebabKey).orElse(Switches.NAMES.get(relaxed));
        if (kebab == null) {
            return Optional.empty();
        }
        String property = PREFIX + kebab;
        return Optional.of(new ConfigProblem(key, withOrigin("written as an environment variable, but not one: Spring Boot"
                + " reads this source's names as they are written, so nothing reads it", new PropertyKey(source, key).where()),
                "Rename it to " + property + " (for a config tree, the file's name)."));
    }

    private static boolean namesSomething(String rest) {
        String relaxed = SettingNames.relaxed(rest.replaceAll("\\[[^]]*]|[._]\\d+(?=$|[._])", "")); // list indexes
        return SettingNames.isSetting(relaxed) || Switches.NAMES.containsKey(relaxed) || relaxed.startsWith(PARAMS);
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
            if (!name.isNumericIndex(i) && !allDigits(element)) {
                tail.add(element);
            }
        }
        return tail;
    }

    private static boolean allDigits(String element) {
        for (int i = 0; i < element.length(); i++) {
            if (!Character.isDigit(element.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static ConfigProblem unknownProblem(PropertyKey at, String tail) {
        boolean environmentStyle = at.name.indexOf('.') < 0 && at.name.indexOf('_') >= 0;
        List<String> candidates = new ArrayList<>(Switches.NAMES.values());
        for (String setting : SettingNames.all()) {
            candidates.add(EmbeddableConfig.kebabKey(setting));
        }
        String suggestion = tail.isEmpty() ? null : SettingNames.nearest(tail, candidates)
                .or(() -> sameNameElsewhere(tail, candidates))
                .map(kebab -> environmentStyle ? ENV_PREFIX + kebab.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_')
                        : PREFIX + kebab)
                .orElse(null);
        String message = withOrigin("no RingCentral Embeddable setting has this name", at.where())
                + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?");
        String fix = suggestion != null ? "Rename it to " + suggestion + "."
                : "Remove it or correct its name (your IDE completes every " + PREFIX + "* property); a widget parameter"
                + " this library does not know goes under " + PREFIX + PARAMS + ".<name>. The prefix " + PREFIX.substring(0,
                PREFIX.length() - 1) + " is this library's: give your application's own settings a prefix of their own"
                + " (or set " + PREFIX + "fail-on-unknown-properties=false to have unknown names only logged).";
        return new ConfigProblem(at.name, message, fix);
    }

    /**
     * The one setting whose own name is the key's last part, at another level: {@code redirect-uri} for a trial's
     * {@code login.redirect-uri}, {@code inject.exclude-paths} for {@code exclude-paths} (too far apart for "Did you
     * mean" by spelling alone).
     */
    private static java.util.Optional<String> sameNameElsewhere(String tail, List<String> candidates) {
        String last = SettingNames.relaxed(tail.substring(tail.lastIndexOf('.') + 1));
        List<String> same = candidates.stream().distinct()
                .filter(c -> SettingNames.relaxed(c.substring(c.lastIndexOf('.') + 1)).equals(last)).toList();
        return same.size() == 1 ? java.util.Optional.of(same.get(0)) : java.util.Optional.empty();
    }

    /** The switches' kebab-case names by relaxed name. */
    static Map<String, String> switchNames() {
        return Switches.NAMES;
    }

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
    static String describe(Origin origin) {
        if (origin instanceof PropertySourceOrigin from) {
            return from.getOrigin() != null ? describe(from.getOrigin()) : describe(from.getPropertySource());
        }
        return origin.toString();
    }

    private static String describe(PropertySource<?> source) {
        return source instanceof CommandLinePropertySource<?> ? "the command line" : "property source '" + source.getName() + "'";
    }

    /** {@code message (from origin).}: the message with its final period moved after where it was set. */
    static String withOrigin(String message, String origin) {
        if (origin == null) {
            return message;
        }
        String text = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return text + " (set in " + origin + ").";
    }
}

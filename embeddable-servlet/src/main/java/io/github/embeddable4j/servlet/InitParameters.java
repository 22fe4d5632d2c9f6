package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.inject.InjectionRules;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code web.xml} init-params: the filter's own settings, and the widget settings ({@link EmbeddableConfig}).
 * Every problem is reported at once, named as {@code web.xml} spells it ({@code default-call-with}), with its fix; a
 * name that is neither kind is a problem too, with the nearest name of either kind.
 */
final class InitParameters {

    static final String NONCE_ATTRIBUTE = "nonce-attribute";
    /** The filter's own init-params, as {@code web.xml} writes them. */
    static final List<String> FILTER_KEYS = List.of("enabled", "include-paths", "exclude-paths", "inject-error-pages",
            "inject-post-pages", "injected-header", "injection-point", NONCE_ATTRIBUTE);
    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger("io.github.embeddable4j");
    }

    /** The widget, the rules and the nonce lookup a filter's init-params describe. */
    record FilterSettings(Embeddable embeddable, InjectionRules rules, NonceResolver nonceResolver) {
    }

    private final Map<String, String> filterSettings = new LinkedHashMap<>();
    private final Map<String, String> configSettings = new LinkedHashMap<>();
    private final List<ConfigProblem> unknown = new ArrayList<>();

    /** @param forFilter whether the filter's own settings are expected too (for a servlet they are ignored) */
    InitParameters(Enumeration<String> names, Function<String, @Nullable String> values, boolean forFilter) {
        for (String name : Collections.list(names)) {
            String value = values.apply(name);
            if (InjectionRules.isRuleKey(name) || normalize(name).equals(normalize(NONCE_ATTRIBUTE))) {
                filterSettings.put(name, value);
            } else if (SettingNames.find(name).isPresent() || name.regionMatches(true, 0, "params.", 0, 7)) {
                configSettings.put(name, value);
            } else {
                unknown.add(unknownName(name, forFilter));
            }
        }
    }

    private static ConfigProblem unknownName(String name, boolean forFilter) {
        List<String> candidates = new ArrayList<>(forFilter ? FILTER_KEYS : List.of());
        SettingNames.all().forEach(setting -> candidates.add(EmbeddableConfig.kebabKey(setting)));
        String suggestion = withoutPrefix(name, candidates)
                .map(s -> " Did you mean '" + s + "'? Settings here are named without a prefix.")
                .or(() -> SettingNames.nearest(name, candidates).map(s -> " Did you mean '" + s + "'?")).orElse("");
        return new ConfigProblem(name, "'" + name + "' is not a setting." + suggestion, "Use "
                + (forFilter ? "one of the filter's own settings (" + String.join(", ", FILTER_KEYS) + "), " : "")
                + "a widget setting (docs/configuration.md lists them), or params.<name> for a widget parameter this"
                + " library does not know.");
    }

    /**
     * The name after a Spring-style prefix, spelt right or a letter or two off ({@code ringcentral.embedable.disable-call}),
     * when that names a setting: init-params take the bare name.
     */
    private static Optional<String> withoutPrefix(String name, List<String> candidates) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || SettingNames.nearest(name.substring(0, dot), List.of(EmbeddableConfig.DEFAULT_PREFIX)).isEmpty()) {
            return Optional.empty();
        }
        String tail = name.substring(dot + 1);
        return SettingNames.nearest(tail, candidates);
    }

    /** The filter's settings; a bad one stops the application with every problem, of both kinds, listed. */
    FilterSettings filter(String owner) throws ServletException {
        FilterSettings settings = checkedFilter(owner);
        logStartup(owner, settings.embeddable());
        return settings;
    }

    /** {@link #filter(String)} without logging the warnings: for a check before the filter is made. */
    FilterSettings checkedFilter(String owner) throws ServletException {
        List<ConfigProblem> problems = new ArrayList<>(unknown);
        Embeddable embeddable = widget(problems);
        InjectionRules rules = null;
        try {
            rules = InjectionRules.fromMap(filterSettings);
        } catch (EmbeddableConfigException e) {
            problems.addAll(e.problems());
        }
        nonceAttributeProblems(problems);
        if (embeddable == null || rules == null || !problems.isEmpty()) {
            throw failure(owner, problems);
        }
        return new FilterSettings(embeddable, rules, nonceResolver());
    }

    /** The widget configuration, for a servlet; a bad one stops the application with every problem listed. */
    Embeddable embeddable(String owner) throws ServletException {
        Embeddable embeddable = checkedEmbeddable(owner);
        logWarnings(owner, embeddable);
        return embeddable;
    }

    /** {@link #embeddable(String)} without logging the warnings. */
    Embeddable checkedEmbeddable(String owner) throws ServletException {
        List<ConfigProblem> problems = new ArrayList<>(unknown);
        Embeddable embeddable = widget(problems);
        if (embeddable == null || !problems.isEmpty()) {
            throw failure(owner, problems);
        }
        return embeddable;
    }

    private @Nullable Embeddable widget(List<ConfigProblem> problems) {
        try {
            return Embeddable.of(EmbeddableConfig.fromMap(configSettings));
        } catch (EmbeddableConfigException e) {
            e.problems().forEach(p -> problems.add(p.named(EmbeddableConfig::kebabKey)));
            return null;
        }
    }

    private static ServletException failure(String owner, List<ConfigProblem> problems) {
        EmbeddableConfigException all = new EmbeddableConfigException(problems);
        return new ServletException(owner + ": " + all.getMessage(), all);
    }

    private NonceResolver nonceResolver() {
        for (Map.Entry<String, String> e : filterSettings.entrySet()) {
            if (normalize(e.getKey()).equals(normalize(NONCE_ATTRIBUTE)) && e.getValue() != null && !e.getValue().isBlank()) {
                return NonceResolver.requestAttributes(e.getValue().trim());
            }
        }
        return NonceResolver.defaults();
    }

    /**
     * {@code nonce-attribute} given twice (which one a container's map gives first is not the order written), or not a
     * request attribute's name (a {@code ${...}} nobody replaced, a list): under a strict CSP the loader would be
     * blocked, with nothing in the log. Blank is not set.
     */
    private void nonceAttributeProblems(List<ConfigProblem> problems) {
        String first = null;
        String firstValue = null;
        for (Map.Entry<String, String> e : filterSettings.entrySet()) {
            if (!normalize(e.getKey()).equals(normalize(NONCE_ATTRIBUTE))) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (first != null) {
                if (!value.equals(firstValue)) { // the same value twice is what it says, as for a widget setting
                    problems.add(new ConfigProblem(e.getKey(), "it is set twice, as '" + first + "' and '" + e.getKey()
                            + "', to different values.", "Keep one of them."));
                }
                continue;
            }
            first = e.getKey();
            firstValue = value;
            if (value.contains("${") || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',')) {
                problems.add(new ConfigProblem(e.getKey(), "'" + value + "' is not a request attribute's name.",
                        "Write the name of the request attribute that holds the page's CSP nonce, such as csp-nonce"
                        + " (a ${...} placeholder nobody replaced is not one)."));
            }
        }
    }

    /**
     * What is worth knowing about a configuration but not wrong (the demo app, the sandbox), logged once at start-up,
     * each setting named as the configuration was read: init-params as written, variables for one read from the
     * environment, the builder's names for one built in code. {@code owner}: the filter or servlet whose init-params
     * these are, or null for a configuration given in code (a trial read {@code embeddable4j: RingCentral Embeddable:}
     * as a prefix said twice).
     */
    static void logWarnings(@Nullable String owner, Embeddable embeddable) {
        for (ConfigProblem warning : embeddable.config().warningsAsRead()) {
            if (owner == null) {
                log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: {0}", warning);
            } else {
                log().log(System.Logger.Level.WARNING, "{0}: RingCentral Embeddable: {1}", owner, warning);
            }
        }
    }

    /** The warnings, then (once per application: for the filter) the redirect URI the client ID's app must list. */
    static void logStartup(@Nullable String owner, Embeddable embeddable) {
        logWarnings(owner, embeddable);
        // not in a lambda: java.util.logging names the caller, and would print lambda$logStartup$0 as the method
        java.util.Optional<String> line = embeddable.registrationChecklist().startupLine();
        if (line.isPresent()) {
            log().log(System.Logger.Level.INFO, line.get());
        }
    }

    private static String normalize(String key) {
        return key.replaceAll("[-_.\\s]", "").toLowerCase(Locale.ROOT);
    }
}

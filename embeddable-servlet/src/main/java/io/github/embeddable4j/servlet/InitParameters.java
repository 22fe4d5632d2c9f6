package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.ConfigProblem;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.inject.InjectionRules;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reads {@code web.xml} init-params: filter settings, and every other key as an {@link EmbeddableConfig} setting. */
final class InitParameters {

    static final String NONCE_ATTRIBUTE = "nonce-attribute";
    private static final System.Logger LOG = System.getLogger("io.github.embeddable4j");

    private final Map<String, String> filterSettings = new LinkedHashMap<>();
    private final Map<String, String> configSettings = new LinkedHashMap<>();

    InitParameters(Enumeration<String> names, Function<String, String> values) {
        for (String name : Collections.list(names)) {
            String value = values.apply(name);
            if (InjectionRules.isRuleKey(name) || normalize(name).equals(normalize(NONCE_ATTRIBUTE))) {
                filterSettings.put(name, value);
            } else {
                configSettings.put(name, value);
            }
        }
    }

    /** The widget configuration; a bad one stops the application with every problem listed. */
    Embeddable embeddable(String owner) throws ServletException {
        try {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.fromMap(configSettings));
            logWarnings(owner, embeddable);
            return embeddable;
        } catch (EmbeddableConfigException e) {
            throw new ServletException(owner + ": " + e.getMessage(), e);
        }
    }

    InjectionRules rules(String owner) throws ServletException {
        try {
            return InjectionRules.fromMap(filterSettings);
        } catch (IllegalArgumentException e) {
            throw new ServletException(owner + ": " + e.getMessage(), e);
        }
    }

    NonceResolver nonceResolver() {
        for (Map.Entry<String, String> e : filterSettings.entrySet()) {
            if (normalize(e.getKey()).equals(normalize(NONCE_ATTRIBUTE))) {
                return NonceResolver.requestAttributes(e.getValue());
            }
        }
        return NonceResolver.defaults();
    }

    static void logWarnings(String owner, Embeddable embeddable) {
        for (ConfigProblem warning : embeddable.warnings()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: RingCentral Embeddable: {1}", owner, warning);
        }
    }

    private static String normalize(String key) {
        return key.replaceAll("[-_.\\s]", "").toLowerCase(Locale.ROOT);
    }
}

package io.github.embeddable4j.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.WidgetParameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/configuration.md} from the sources of truth: every {@link WidgetParameter} (names, type, where it
 * is written, description), core's configuration-level settings ({@link SettingNames#all()}), the filter's own
 * init-params, and the starter's switches as its {@code spring-configuration-metadata.json} describes them (Javadoc
 * of {@link EmbeddableProperties}). Defaults of widget parameters are found by asking core: the value a setter does
 * not store is the widget's default. {@link ConfigurationReferenceTest} compares the result with the committed file.
 */
final class ConfigurationReference {

    static final String PREFIX = "ringcentral.embeddable.";
    static final String ENV_PREFIX = EmbeddableConfig.ENVIRONMENT_PREFIX;
    static final String REWRITE_PROPERTY = "embeddable.docs.write";

    /** Configuration-level settings: not widget parameters, but read from the same sources under the same prefix. */
    static final List<String> CONFIG_LEVEL = List.of("hosting", "frameOrigins", "requireClientId", "allowSecretsInMarkup");

    /** The servlet filter's own init-params (read by InjectionRules.fromMap and the filter), with their starter switch. */
    static final List<String[]> FILTER_INIT_PARAMS = List.of(
            new String[] {"enabled", "true", "Whether the filter injects at all.", "inject.enabled"},
            new String[] {"include-paths", "(every path)", "Comma-separated path patterns to inject into: /app/*, *.html, /exact (within the context path; a servlet's path included).",
                "inject.include-paths"},
            new String[] {"exclude-paths", "(none)", "Comma-separated path patterns never to inject into (within the context path); they win over include-paths.",
                "inject.exclude-paths"},
            new String[] {"inject-error-pages", "false", "Whether 4xx and 5xx HTML pages the application renders get the widget.",
                "inject.error-pages"},
            new String[] {"inject-post-pages", "false", "Whether HTML pages answering POST requests get the widget: a form shown"
                + " again with its errors, a Jakarta Faces postback. Fragments answering a POST still get nothing.",
                "inject.post-pages"},
            new String[] {"injected-header", "(none)", "Response header set to 1 on pages that got the widget while their headers could still be set (not on a page flushed before its head ended).",
                "inject.injected-header"},
            new String[] {"injection-point", "head-end", "head-end (where the head ends: before </head>, or before a <body> tag that ends it, else before </body>) or body-end (before </body>).",
                "(none)"},
            new String[] {"nonce-attribute", "(none)", "Request attribute holding the page's CSP nonce, looked at before _csp_nonce"
                + " and cspNonce.", "nonce-attribute"});

    private final Map<String, JsonNode> metadata;

    private ConfigurationReference(Map<String, JsonNode> metadata) {
        this.metadata = metadata;
    }

    /** Reads the starter's metadata from the classpath (the build's classes, or the jar in the Boot 4 run). */
    static ConfigurationReference fromClasspath() {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(ConfigurationReference.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
                        if (p.path("name").asText().startsWith(PREFIX)) {
                            properties.put(p.path("name").asText(), p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException("No spring-configuration-metadata.json with " + PREFIX + "* on the classpath");
        }
        return new ConfigurationReference(properties);
    }

    /**
     * The starter's own switches: every property in the metadata that is neither a widget parameter nor config-level,
     * nor an old name of a setting (app-key), which the reference gives with the setting that replaces it.
     */
    List<String> switches() {
        TreeSet<String> names = new TreeSet<>();
        metadata.forEach((name, p) -> {
            if (!WidgetParameter.class.getName().equals(p.path("sourceType").asText()) && !isConfigLevel(name)
                    && !name.equals(PREFIX + "params") && !p.path("deprecation").has("replacement")) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }

    private static boolean isConfigLevel(String property) {
        return CONFIG_LEVEL.stream().anyMatch(s -> property.equals(PREFIX + EmbeddableConfig.kebabKey(s)));
    }

    /** The environment variable of a property: upper case, '.' and '-' as '_' (Spring's legacy form, which core reads too). */
    static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The builder methods named like a setting, with their parameter types: {@code appServer(AppServer)`, `appServer(String)}. */
    static String builderMethod(String name) {
        List<String> overloads = new ArrayList<>();
        for (Method m : EmbeddableConfig.Builder.class.getMethods()) {
            if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1) {
                Class<?> type = m.getParameterTypes()[0];
                overloads.add(type.isArray() ? type.getComponentType().getSimpleName() + "..." : type.getSimpleName());
            }
        }
        if (overloads.isEmpty()) {
            throw new IllegalStateException("EmbeddableConfig.Builder has no method " + name + "(...): every setting needs"
                    + " its typed setter");
        }
        Collections.sort(overloads);
        return overloads.stream().map(type -> name + "(" + type + ")").collect(Collectors.joining("`, `"));
    }

    /** The widget's default, as core knows it: the value whose setter stores nothing. */
    static String defaultOf(WidgetParameter p) {
        List<String> candidates = p.type().isBoolean() ? List.of("false", "true") : SettingNames.choices(p);
        for (String candidate : candidates) {
            try {
                if (EmbeddableConfig.builder().set(p, candidate).build().get(p).isEmpty()) {
                    return "`" + candidate + "`";
                }
            } catch (EmbeddableConfigException e) {
                // not a value this parameter takes alone
            }
        }
        return switch (p) {
            case REDIRECT_URI -> "`redirect.html` in the hosting folder";
            case CLIENT_ID -> "not set: RingCentral's demo app (with a warning)";
            default -> "not set (the widget's own default)";
        };
    }

    static String typeOf(WidgetParameter p) {
        return switch (p.type()) {
            case TEXT -> "text";
            case URL -> "https URL (http only for localhost, 127.0.0.1 or [::1])";
            case FLAG, FLAG_DEFAULT_ON, TRUE_STRING -> "boolean";
            case INTEGER -> "integer";
            case APP_SERVER -> choices(p) + ", or an https:// origin";
            default -> choices(p);
        };
    }

    private static String choices(WidgetParameter p) {
        return SettingNames.choices(p).stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
    }

    private static String written(WidgetParameter p) {
        List<String> notes = new ArrayList<>();
        notes.add(switch (p.placement()) {
            case BOTH -> "Loader and iframe URL.";
            case LOADER_ONLY -> "Loader URL only (the loader reads it; never in the iframe URL).";
            case IFRAME_ONLY -> "Iframe URL only (in loader mode it picks the loader file).";
        });
        switch (p.type()) {
            case FLAG -> notes.add("Written as `=1` only when true.");
            case FLAG_DEFAULT_ON -> notes.add("Written as `=false` only when false.");
            case TRUE_STRING -> notes.add("Written as `=true` only when true.");
            default -> { }
        }
        if (p.isSecret()) {
            notes.add("**Secret**: refused unless allowSecretsInMarkup is true (then every render logs a warning).");
        }
        if (p.onlyInMajor() != 0) {
            notes.add("Read only by widget " + p.onlyInMajor() + ".x (a warning otherwise).");
        }
        return String.join(" ", notes);
    }

    private String property(String name) {
        JsonNode p = metadata.get(name);
        if (p == null) {
            throw new IllegalStateException("No metadata for " + name);
        }
        return p.path("description").asText();
    }

    private String defaultInMetadata(String name) {
        JsonNode d = metadata.get(name).path("defaultValue");
        return d.isMissingNode() || d.isNull() ? "not set" : "`" + d.asText() + "`";
    }

    private static String springType(String javaType) {
        return switch (javaType) {
            case "java.lang.Boolean" -> "boolean";
            case "java.lang.Integer" -> "integer";
            case "java.lang.String" -> "text";
            case "java.util.List<java.lang.String>" -> "list of text (comma-separated)";
            case "java.util.Map<java.lang.String,java.lang.String>" -> "map of text";
            case "java.time.Duration" -> "duration (`10s`, `1m`, ISO-8601)";
            default -> throw new IllegalStateException("Describe the type " + javaType + " in ConfigurationReference");
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The whole document. */
    String render() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated by ConfigurationReferenceTest (embeddable-spring) from WidgetParameter, SettingNames and the\n")
                .append("     starter's configuration metadata. Do not edit: change the source, then run\n")
                .append("     mvn -B -q -pl embeddable-spring -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -D")
                .append(REWRITE_PROPERTY).append("=true -->\n\n");
        md.append("# Configuration reference\n\n");
        md.append("Every setting embeddable4j reads: the widget's URL parameters, the settings of the configuration itself, the\n"
                + "servlet filter's own init-params and the Spring Boot starter's switches. [README](../README.md) shows how\n"
                + "they fit together; [security.md](security.md) explains the secret parameters.\n\n");
        md.append("## One setting, five spellings\n\n");
        md.append("| where | how a setting is named | example |\n|---|---|---|\n");
        md.append("| Java | the builder method named like the JSON key | `EmbeddableConfig.builder().defaultCallWith(CallWith.RINGOUT)` |\n");
        md.append("| Spring property | `" + PREFIX + "` + the kebab-case name | `" + PREFIX + "default-call-with=ringout` |\n");
        md.append("| environment variable | `" + ENV_PREFIX + "` + the name in upper snake case | `" + ENV_PREFIX
                + "DEFAULT_CALL_WITH=ringout` |\n");
        md.append("| servlet init-param | the kebab-case name (every init-param that is not a filter setting is a widget setting) |"
                + " `<param-name>default-call-with</param-name>` |\n");
        md.append("| JSON | the widget's own name | `{\"defaultCallWith\": \"ringout\"}` |\n\n");
        md.append("Keys read from key/value pairs (`EmbeddableConfig.fromMap`, init-params, JSON, the starter) are relaxed: "
                + "`clientId`, `client-id`, `client_id` and `CLIENT_ID` are one key, with or without the prefix. A key that "
                + "names nothing is an error with the nearest name suggested. A blank widget setting means \"not set\" (the "
                + "starter's own switches, such as `inject.enabled` or `service.threads`, need a value when present). Booleans read "
                + "`true/false`, `1/0`, `yes/no`, `on/off`. `EmbeddableConfig.fromEnvironment` also reads `RINGCENTRAL_CLIENT_ID` "
                + "and `RINGCENTRAL_APP_SERVER` when the long form is not set.\n\n");

        md.append("## Widget parameters\n\n");
        md.append("What the widget reads from its URL, in the order they are written. " + WidgetParameter.values().length
                + " parameters; `params.<name>` passes one this library does not know.\n\n");
        md.append("| JSON key and Java builder | Spring property, environment variable, init-param | type | default | what it does |\n");
        md.append("|---|---|---|---|---|\n");
        for (WidgetParameter p : WidgetParameter.values()) {
            String property = PREFIX + p.kebabName();
            md.append("| `").append(p.wireName()).append("`<br>`").append(builderMethod(p.wireName())).append("` | `")
                    .append(property).append("`<br>`").append(environmentVariable(property)).append("`<br>`")
                    .append(p.kebabName()).append("` | ").append(typeOf(p)).append(" | ").append(defaultOf(p)).append(" | ")
                    .append(cell(p.description())).append(' ').append(cell(written(p))).append(" |\n");
        }

        md.append("\n## Settings of the configuration\n\n");
        md.append("Read from the same sources, under the same names, but not written into the widget's URL.\n\n");
        md.append("| JSON key and Java builder | Spring property, environment variable, init-param | type | default | what it does |\n");
        md.append("|---|---|---|---|---|\n");
        for (String setting : CONFIG_LEVEL) {
            String kebab = EmbeddableConfig.kebabKey(setting);
            String property = PREFIX + kebab;
            md.append("| `").append(setting).append("`<br>`").append(builderMethod(setting)).append("` | `").append(property)
                    .append("`<br>`").append(environmentVariable(property)).append("`<br>`").append(kebab).append("` | ")
                    .append(springType(metadata.get(property).path("type").asText())).append(" | ")
                    .append(defaultInMetadata(property)).append(" | ").append(cell(property(property))).append(" |\n");
        }
        String params = PREFIX + "params";
        md.append("| `params.<name>`<br>`param(String, String)` | `").append(params).append(".<name>`<br>`")
                .append(environmentVariable(params)).append("_<NAME>`<br>`params.<name>` | text | not set | ")
                .append(cell(property(params))).append(" Names of known parameters, of the loader's own (`fromAdapter`, `fromPopup`,"
                        + " `_t`) and secrets are refused. From an environment variable the name is read in lower case"
                        + " and Spring reads each `_` as a dot, so only lower-case names without `_` come from there"
                        + " (`..._PARAMS_FOOBAR` is `foobar`); set others in a properties file, or in"
                        + " `SPRING_APPLICATION_JSON` (`{\"ringcentral.embeddable.params.hideFoo\":\"1\"}`). |\n");

        md.append("\n## Servlet filter init-params\n\n");
        md.append("`EmbeddableFilter` reads these init-params itself (relaxed names); every other init-param is a widget setting"
                + " from the tables above.\n\n");
        md.append("| init-param | default | what it does | Spring Boot starter |\n|---|---|---|---|\n");
        for (String[] f : FILTER_INIT_PARAMS) {
            md.append("| `").append(f[0]).append("` | ").append(f[1].startsWith("(") ? f[1] : "`" + f[1] + "`").append(" | ")
                    .append(cell(f[2])).append(" | ").append(f[3].startsWith("(") ? f[3] : "`" + PREFIX + f[3] + "`").append(" |\n");
        }

        md.append("\n## Spring Boot starter switches\n\n");
        md.append("The starter's own properties (`EmbeddableProperties`): what it registers and how. Environment variables: "
                + "upper case, `.` and `-` as `_`; Spring Boot also accepts its canonical form without the dashes.\n\n");
        md.append("| Spring property | environment variable | type | default | what it does |\n|---|---|---|---|---|\n");
        for (String name : switches()) {
            md.append("| `").append(name).append("` | `").append(environmentVariable(name)).append("` | ")
                    .append(springType(metadata.get(name).path("type").asText())).append(" | ").append(defaultInMetadata(name))
                    .append(" | ").append(cell(property(name))).append(" |\n");
        }
        return md.toString();
    }

    /** Every {@code ringcentral.embeddable.*} property a document names in back-quotes, for the check in the test. */
    static TreeSet<String> propertiesNamedIn(String document) {
        TreeSet<String> names = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(" + PREFIX.replace(".", "\\.") + "[a-z0-9.-]+)`")
                .matcher(document);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every property the reference must name: widget parameters, config-level settings, the switches. */
    TreeSet<String> expectedProperties() {
        TreeSet<String> names = new TreeSet<>(switches());
        Arrays.stream(WidgetParameter.values()).forEach(p -> names.add(PREFIX + p.kebabName()));
        CONFIG_LEVEL.forEach(s -> names.add(PREFIX + EmbeddableConfig.kebabKey(s)));
        return names;
    }
}

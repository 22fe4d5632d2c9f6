package io.github.embeddable4j.core.cli;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.EmbeddableConfigException;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.WidgetParameter;
import io.github.embeddable4j.core.setup.ConfigReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The command-line config tool: validates settings given as arguments, a properties file or a JSON file, and
 * prints the registration checklist, the markup and the page policies (a {@link ConfigReport}, which the setup page
 * renders too). Exit status 0 when the configuration is valid, 2 when it is not (or cannot be read).
 *
 * <pre>{@code mvn -q -pl embeddable-core exec:java -Dexec.args="--client-id=abc --app-server=sandbox"}</pre>
 */
@Internal("a command-line tool: run it, do not call it")
public final class ConfigTool {

    static final int VALID = 0;
    static final int INVALID = 2;

    /**
     * The first names of the starter's own properties under {@code ringcentral.embeddable.}, such as
     * {@code bridge.rate-limit.requests}: an application's properties file holds them beside the widget's settings, and
     * the tool sets them aside (the starter checks them when it starts). The starter's tests keep this list in step
     * with its properties.
     */
    public static final List<String> STARTER_PROPERTIES = List.of("enabled", "fail-on-unknown-properties", "nonce-attribute", "inject",
            "redirect-page", "bridge", "graduation", "service", "login", "setup-page");

    private static final String PREFIX = "ringcentral.embeddable.";

    private ConfigTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the tool; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Map.of(), out, err);
    }

    /** Runs the tool with the given environment (placeholders, {@code --env}); returns the exit status. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> fromFile = new LinkedHashMap<>();
        Path json = null;
        String nonce = null;
        boolean env = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(help());
                return VALID;
            }
            String option = arg.startsWith("--") ? arg.substring(2) : arg;
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            String value = option.contains("=") ? option.substring(option.indexOf('=') + 1) : null;
            if ((name.equals("properties") || name.equals("json") || name.equals("nonce")) && value == null) {
                if (i + 1 == args.length) {
                    err.println("--" + name + " needs a value. See --help.");
                    return INVALID;
                }
                value = args[++i];
            }
            if (name.equals("env") && value == null) {
                env = true;
                continue;
            }
            switch (name) {
                case "properties" -> {
                    if (!readProperties(Path.of(value), fromFile, environment, err)) {
                        return INVALID;
                    }
                }
                case "json" -> json = Path.of(value);
                case "nonce" -> nonce = value;
                default -> {
                    if (value == null) {
                        err.println("'" + arg + "' is not a setting: write --name=value (see --help).");
                        return INVALID;
                    }
                    settings.put(name, value);
                }
            }
        }
        EmbeddableConfig config;
        try {
            config = read(json, fromFile, env ? environment : null, settings, err);
        } catch (EmbeddableConfigException e) {
            out.print(ConfigReport.invalid(e.problems()).text());
            return INVALID;
        } catch (IOException e) {
            err.println("Cannot read " + json + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            return INVALID;
        }
        out.print(ConfigReport.of(Embeddable.of(config), nonce).text());
        return VALID;
    }

    /**
     * The settings as an application reads them: the files first, the environment over them (as Spring Boot ranks
     * them), the arguments over all; merged by setting, then checked as one, each problem named as its source spelt it.
     */
    private static EmbeddableConfig read(@Nullable Path json, Map<String, String> fromFile,
            @Nullable Map<String, String> environment, Map<String, String> settings, PrintStream err) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        if (json != null) {
            try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
                merged.putAll(EmbeddableConfig.fromJson(reader).toMap());
            }
        }
        over(merged, fromFile);
        if (environment != null) {
            // RINGCENTRAL_EMBEDDABLE_* as the starter reads them (the short RINGCENTRAL_CLIENT_ID only through a
            // placeholder), its own variables set aside as in a file
            Map<String, String> variables = new LinkedHashMap<>();
            List<String> setAside = new ArrayList<>();
            environment.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                String name = e.getKey();
                if (name.startsWith(EmbeddableConfig.ENVIRONMENT_PREFIX)) {
                    String rest = name.substring(EmbeddableConfig.ENVIRONMENT_PREFIX.length());
                    if (SettingNames.find(rest).isEmpty() && starterProperty(rest)) {
                        setAside.add(name);
                    } else {
                        variables.put(name, e.getValue());
                    }
                }
            });
            if (!setAside.isEmpty()) {
                err.println("Not checked here (the starter's own variables, checked when it starts): " + String.join(", ", setAside));
            }
            over(merged, variables);
        }
        over(merged, settings);
        return EmbeddableConfig.fromMap(merged);
    }

    private static void over(Map<String, String> merged, Map<String, String> later) {
        later.forEach((k, v) -> merged.keySet().removeIf(existing -> sameKey(existing, k)));
        merged.putAll(later);
    }

    /** Whether two names are the same setting: relaxed, and with or without Spring's prefix, as the reader takes them. */
    private static boolean sameKey(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static String canonical(String key) {
        String bare = key;
        for (String prefix : List.of(PREFIX, EmbeddableConfig.ENVIRONMENT_PREFIX)) {
            if (key.regionMatches(true, 0, prefix, 0, prefix.length())) {
                bare = key.substring(prefix.length());
            }
        }
        return SettingNames.find(bare).orElse(bare.replaceAll("[-_.]", "").toLowerCase(Locale.ROOT));
    }

    /**
     * A properties file, as the application reads it: an application's own {@code application.properties} holds other
     * properties too, so when a key has the {@code ringcentral.embeddable.} prefix, only those are read, the starter's own
     * set aside (both said on {@code err}); placeholders ({@code ${NAME:default}}) take the environment's value or
     * their default.
     */
    private static boolean readProperties(Path file, Map<String, String> settings, Map<String, String> environment,
            PrintStream err) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            return false;
        }
        List<String> keys = props.stringPropertyNames().stream().sorted().toList();
        boolean prefixed = keys.stream().anyMatch(ConfigTool::hasPrefix);
        List<String> setAside = new ArrayList<>();
        int others = 0;
        for (String key : keys) {
            if (prefixed && !hasPrefix(key)) {
                others++;
            } else if (prefixed && SettingNames.find(key.substring(PREFIX.length())).isEmpty()
                    && starterProperty(key.substring(PREFIX.length()))) {
                setAside.add(key);
            } else {
                settings.put(key, resolve(props.getProperty(key), environment, props));
            }
        }
        if (others > 0) {
            err.println("Left out: " + others + " properties of " + file + " without the " + PREFIX + " prefix.");
        }
        if (!setAside.isEmpty()) {
            err.println("Not checked here (the starter's own properties, checked when it starts): " + String.join(", ", setAside));
        }
        return true;
    }

    private static boolean hasPrefix(String key) {
        return key.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** A name of the starter's own, in a property's form (bridge.rate-limit.requests) or a variable's (BRIDGE_RATE_LIMIT_REQUESTS). */
    private static boolean starterProperty(String name) {
        String relaxed = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return STARTER_PROPERTIES.stream().anyMatch(p -> relaxed.equals(p) || relaxed.startsWith(p + ".")
                || relaxed.startsWith(p + "-") || relaxed.replace("-", "").equals(p.replace("-", "")));
    }

    /**
     * {@code ${NAME}} and {@code ${NAME:default}}, nested too, as Spring resolves them: from the environment (also by
     * the variable's form of a property name, CRM_CLIENT_ID for crm.client-id), then the file's own properties. One it
     * cannot resolve is left as it is, for the check to report.
     */
    static String resolve(String value, Map<String, String> environment, Properties file) {
        return resolve(value, name -> {
            for (String candidate : List.of(name, name.replace('.', '_').replace('-', '_'),
                    name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT))) {
                String found = environment.get(candidate);
                if (found != null) {
                    return found;
                }
            }
            return file.getProperty(name);
        }, 0);
    }

    private static String resolve(String value, java.util.function.Function<String, @Nullable String> lookup, int depth) {
        if (depth > 8) {
            return value; // a placeholder that names itself: left for the check
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : closing(value, start + 2);
            if (end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String inner = value.substring(start + 2, end);
            int colon = separator(inner);
            @Nullable String found = lookup.apply(resolve(colon < 0 ? inner : inner.substring(0, colon), lookup, depth + 1));
            if (found != null) {
                out.append(resolve(found, lookup, depth + 1));
            } else if (colon >= 0) {
                out.append(resolve(inner.substring(colon + 1), lookup, depth + 1));
            } else {
                out.append(value, start, end + 1);
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** The index of the brace that closes a placeholder whose name starts at {@code from}, or -1. */
    private static int closing(String value, int from) {
        int open = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                open++;
                i++;
            } else if (value.charAt(i) == '}' && --open == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the colon before a placeholder's default, outside nested placeholders, or -1. */
    private static int separator(String inner) {
        int open = 0;
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith("${", i)) {
                open++;
                i++;
            } else if (inner.charAt(i) == '}') {
                open--;
            } else if (inner.charAt(i) == ':' && open == 0) {
                return i;
            }
        }
        return -1;
    }

    static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("embeddable4j config tool: checks RingCentral Embeddable settings and prints the markup to embed.\n\n");
        sb.append("Usage: ConfigTool [--properties FILE] [--json FILE] [--env] [--nonce VALUE] [--<setting>=<value> ...]\n\n");
        sb.append("  --properties FILE   read settings from a properties file (of an application.properties, only its\n");
        sb.append("                      ringcentral.embeddable.* widget settings; ${NAME:default} from the environment)\n");
        sb.append("  --json FILE         read settings from a JSON object (arguments override it)\n");
        sb.append("  --env               read the environment's RINGCENTRAL_EMBEDDABLE_* variables too, as the starter does,\n");
        sb.append("                      over the files, as Spring Boot ranks them; arguments override both\n");
        sb.append("  --nonce VALUE       put this CSP nonce on the loader tag\n");
        sb.append("  --help              print this text\n\n");
        sb.append("Exit status: 0 when the configuration is valid, 2 when it is not.\n\n");
        sb.append("Settings (names are relaxed: clientId, client-id, CLIENT_ID and ringcentral.embeddable.client-id are one):\n");
        row(sb, "hosting", "latest (default), a channel such as 2.x, a version such as 2.3.1, github-pages, or the https:// folder of your own copy");
        row(sb, "require-client-id", "true/false. Whether a missing clientId is an error (set it in production)");
        row(sb, "allow-secrets-in-markup", "true/false. The legacy opt-in that lets clientSecret, jwt, authorizationCode(Verifier) reach the page");
        for (WidgetParameter p : WidgetParameter.values()) {
            String where = switch (p.placement()) {
                case LOADER_ONLY -> " [loader only]";
                case IFRAME_ONLY -> " [iframe; loader: file name]";
                default -> "";
            };
            row(sb, p.kebabName(), typeText(p) + ". " + p.description() + where);
        }
        row(sb, "params.<name>", "any other widget parameter, passed through as is (with a warning)");
        return sb.toString();
    }

    private static String typeText(WidgetParameter p) {
        return switch (p.type()) {
            case FLAG, TRUE_STRING -> "true/false";
            case FLAG_DEFAULT_ON -> "true/false, default true";
            case TEXT -> "text";
            case URL -> "https URL";
            case INTEGER -> "number";
            case CALL_WITH -> "browser|jupiter|softphone|ringout";
            case DIRECTION -> "left|right";
            case BRAND -> "rc|att|bt|telus|atos|avaya|rainbow";
            case APP_SERVER -> "production|sandbox|ringcentral-biz|https origin";
            case DISCOVERY_SERVER -> "https origin";
        };
    }

    private static void row(StringBuilder sb, String name, String text) {
        sb.append(String.format("  %-34s %s%n", name, text));
    }
}

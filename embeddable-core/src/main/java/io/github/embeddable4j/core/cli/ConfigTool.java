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
import java.util.LinkedHashMap;
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

    private ConfigTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> settings = new LinkedHashMap<>();
        Path json = null;
        String nonce = null;
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
            switch (name) {
                case "properties" -> {
                    if (!readProperties(Path.of(value), settings, err)) {
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
            config = read(json, settings);
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

    private static EmbeddableConfig read(@Nullable Path json, Map<String, String> settings) throws IOException {
        if (json == null) {
            return EmbeddableConfig.fromMap(settings);
        }
        EmbeddableConfig fromFile;
        try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            fromFile = EmbeddableConfig.fromJson(reader);
        }
        if (settings.isEmpty()) {
            return fromFile;
        }
        Map<String, String> merged = new LinkedHashMap<>(fromFile.toMap()); // arguments override the file
        settings.forEach((k, v) -> merged.keySet().removeIf(existing -> sameKey(existing, k)));
        merged.putAll(settings);
        return EmbeddableConfig.fromMap(merged);
    }

    /** Whether two names are the same setting: relaxed, and with or without Spring's prefix, as the reader takes them. */
    private static boolean sameKey(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static String canonical(String key) {
        String prefix = "ringcentral.embeddable.";
        String bare = key.regionMatches(true, 0, prefix, 0, prefix.length()) ? key.substring(prefix.length()) : key;
        return SettingNames.find(bare).orElse(bare.replaceAll("[-_.]", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean readProperties(Path file, Map<String, String> settings, PrintStream err) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            return false;
        }
        props.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, props.getProperty(k)));
        return true;
    }

    static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("embeddable4j config tool: checks RingCentral Embeddable settings and prints the markup to embed.\n\n");
        sb.append("Usage: ConfigTool [--properties FILE] [--json FILE] [--nonce VALUE] [--<setting>=<value> ...]\n\n");
        sb.append("  --properties FILE   read settings from a properties file\n");
        sb.append("  --json FILE         read settings from a JSON object (arguments override it)\n");
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

package io.github.embeddable4j.core.setup;

import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import io.github.embeddable4j.core.WidgetParameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The config form's contents: what its fields show, and, once submitted, the settings it gives the config tool and
 * what was refused on the way (secrets, malformed lines). Secrets never get in: the form has no field for one, and
 * a secret typed in the extra lines is dropped (its value is neither used nor shown again).
 */
final class SetupForm {

    /** The hidden field that marks a submitted form (an unchecked checkbox sends nothing at all). */
    static final String SUBMITTED = "check";
    /** The free-form lines: {@code key=value}, any relaxed key, {@code params.<name>} too. */
    static final String EXTRA = "extra";
    static final int MAX_VALUE_LENGTH = 2048;
    static final int MAX_EXTRA_LENGTH = 8192;
    static final int MAX_EXTRA_LINES = 200;

    private static final String NO_SECRETS_HERE = "Secrets are never typed here: this form is sent in the page's URL,"
            + " which browser history, proxies and server logs keep, and a secret in the widget's markup is readable by"
            + " every visitor. Use the PKCE flow (a client ID without a secret), and keep real secrets in your server's"
            + " environment.";
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** Whether this is a submitted form (else the app's own settings, as a starting point). */
    final boolean submitted;
    /** Field name to the value it shows: text, a select's option, or {@code true}/{@code false} for a checkbox. */
    final Map<String, String> values;
    /** The extra lines to show again, secrets removed. */
    final String extra;
    /** What was refused or ignored, and why; never a secret's value. */
    final List<String> notes;
    /** The settings for the config tool, as typed (field names are kebab-case keys). */
    final Map<String, String> settings;

    private SetupForm(boolean submitted, Map<String, String> values, String extra, List<String> notes, Map<String, String> settings) {
        this.submitted = submitted;
        this.values = Collections.unmodifiableMap(values);
        this.extra = extra;
        this.notes = List.copyOf(notes);
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** The form filled in with a configuration's settings (secrets left out), not submitted. */
    static SetupForm prefilled(EmbeddableConfig config) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> extraLines = new ArrayList<>();
        config.toMap().forEach((key, value) -> {
            if (SecretMask.isSecretName(key) || WidgetParameter.byWireName(key).map(WidgetParameter::isSecret).orElse(false)) {
                return;
            }
            FormField field = FormField.all().stream().filter(f -> f.setting().equals(key)).findFirst().orElse(null);
            if (field != null && field.fits(value)) {
                values.put(field.name(), value);
            } else {
                extraLines.add(EmbeddableConfig.kebabKey(key) + "=" + value);
            }
        });
        return new SetupForm(false, values, String.join("\n", extraLines), List.of(), Map.of());
    }

    /** Reads a submitted form from the request's query parameters; {@code null} when the form was not submitted. */
    static @Nullable SetupForm submitted(Map<String, List<String>> query) {
        if (first(query, SUBMITTED) == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (FormField field : FormField.all()) {
            String value = first(query, field.name());
            if (field.kind() == FormField.Kind.CHECKBOX) {
                // A ticked box sends "true". An on-by-default box also has a hidden "false" before it (an unticked box
                // sends nothing), so "false" alone means turned off, and a link that leaves the name out keeps the default.
                List<String> sent = query.getOrDefault(field.name(), List.of());
                if (sent.contains("true")) {
                    values.put(field.name(), "true");
                    settings.put(field.name(), "true");
                } else if (!sent.isEmpty()) {
                    values.put(field.name(), "false");
                    settings.put(field.name(), "false");
                }
            } else if (value != null && value.length() > MAX_VALUE_LENGTH) {
                notes.add(field.name() + ": longer than " + MAX_VALUE_LENGTH + " characters, so it was ignored.");
            } else if (value != null && !value.isBlank()) {
                values.put(field.name(), value);
                settings.put(field.name(), value);
            }
        }
        noteParametersOutsideTheForm(query, notes);
        String extra = readExtra(first(query, EXTRA), settings, notes);
        return new SetupForm(true, values, extra, notes, settings);
    }

    /**
     * A hand-made link's {@code client-secret=...} or {@code app-server=...} is not a field of the form: say it was
     * ignored, rather than leave the page looking as if it was used. Other parameters (a tracking tag) pass unremarked.
     */
    private static void noteParametersOutsideTheForm(Map<String, List<String>> query, List<String> notes) {
        for (String name : query.keySet()) {
            if (name.equals(SUBMITTED) || name.equals(EXTRA) || FormField.all().stream().anyMatch(f -> f.name().equals(name))) {
                continue;
            }
            if (SecretMask.isSecretName(name)) {
                notes.add("The page's address: '" + name + "' is a secret (or looks like one), so it was ignored; its value"
                        + " is not used or shown. " + NO_SECRETS_HERE);
            } else if (SettingNames.isSetting(name)) {
                notes.add("The page's address: '" + name + "' is not a field of this form, so it was ignored; put it under"
                        + " More settings as " + name + "=value.");
            }
        }
    }

    /** Adds the extra lines to the settings; returns the lines to show again (without refused secrets). */
    private static String readExtra(@Nullable String text, Map<String, String> settings, List<String> notes) {
        if (text == null || text.isBlank()) {
            return "";
        }
        if (text.length() > MAX_EXTRA_LENGTH) {
            notes.add("More settings: longer than " + MAX_EXTRA_LENGTH + " characters, so they were ignored.");
            return "";
        }
        String[] lines = LINE_BREAK.split(text, -1);
        if (lines.length > MAX_EXTRA_LINES) {
            notes.add("More settings: more than " + MAX_EXTRA_LINES + " lines, so they were ignored.");
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = "More settings, line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                kept.add(line);
                continue;
            }
            int split = line.indexOf('=') >= 0 ? line.indexOf('=') : line.indexOf(':');
            if (split <= 0) {
                // Neither shown here nor kept in the form: it may be a pasted credential.
                notes.add(where + ": not of the form key=value, so it was ignored and removed from the form.");
                continue;
            }
            String key = line.substring(0, split).strip();
            String value = line.substring(split + 1).strip();
            if (SecretMask.isSecretName(key)) {
                notes.add(where + ": '" + key + "' is a secret (or looks like one), so it was refused and removed from the form;"
                        + " its value is not used or shown. " + NO_SECRETS_HERE);
                continue;
            }
            kept.add(line);
            String earlier = settings.get(key);
            if (earlier != null && !earlier.equals(value)) {
                notes.add(where + ": '" + key + "' is already set (above, or on an earlier line) to another value, so this"
                        + " line was ignored. Remove one of them.");
                continue;
            }
            settings.put(key, value);
        }
        return String.join("\n", kept);
    }

    private static @Nullable String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

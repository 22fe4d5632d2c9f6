package io.github.embeddable4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Merges the widget's {@code Permissions-Policy} features into an application's header value, as
 * {@link CspSources#mergeInto} does for a Content-Security-Policy: each feature the widget needs gets the widget's
 * origins added to its allowlist (an empty one, {@code ()}, included: the widget cannot ring or take calls without
 * them); {@code *} stays; every other feature, and each item's parameters, stay as written.
 */
final class PermissionsPolicies {

    /** A structured-field dictionary key (RFC 8941), as every feature name is, compared in lower case. */
    private static final Pattern FEATURE = Pattern.compile("[a-z*][a-z0-9_.*-]*");

    private PermissionsPolicies() {
    }

    /**
     * @param ours     features and their inner lists, such as {@code microphone -> self "https://apps.ringcentral.com"}
     * @param existing the application's header value, possibly null or empty
     */
    static String merge(Map<String, List<String>> ours, @Nullable String existing) {
        Map<String, String> items = new LinkedHashMap<>();
        String given = existing == null ? "" : existing;
        for (String item : splitTopLevel(given)) {
            int eq = item.indexOf('=');
            String name = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !FEATURE.matcher(name).matches()) {
                // Merged as it was, a Content-Security-Policy came back as a header that means nothing (a trial's)
                String shown = given.length() > 120 ? given.substring(0, 120) + "..." : given;
                throw new IllegalArgumentException("Not a Permissions-Policy value: '" + shown
                        + "' (its items are a feature and an allowlist, such as camera=() or microphone=(self);"
                        + " a Content-Security-Policy goes to contentSecurityPolicy().mergeInto(policy))");
            }
            if (!name.isEmpty()) { // a repeated key: the last value wins, in the first one's place (RFC 8941, 4.2.2)
                items.put(name, eq < 0 ? "" : item.substring(eq + 1).trim());
            }
        }
        for (Map.Entry<String, List<String>> feature : ours.entrySet()) {
            String value = items.get(feature.getKey());
            items.put(feature.getKey(), value == null ? innerList(feature.getValue(), "") : merged(value, feature.getValue()));
        }
        List<String> out = new ArrayList<>();
        items.forEach((name, value) -> out.add(value.isEmpty() ? name : name + "=" + value));
        return String.join(", ", out);
    }

    /** An allowlist with ours added: {@code (a b)}, {@code a} (a single item) or {@code *}, with any parameters kept. */
    private static String merged(String value, List<String> ours) {
        String list = value;
        String parameters = "";
        int close = value.lastIndexOf(')');
        int semicolon = value.indexOf(';', Math.max(close, 0));
        if (semicolon >= 0) {
            list = value.substring(0, semicolon).trim();
            parameters = value.substring(semicolon);
        }
        if (list.equals("*")) {
            return value;
        }
        List<String> members = new ArrayList<>();
        String inner = list.startsWith("(") && list.endsWith(")") ? list.substring(1, list.length() - 1) : list;
        for (String member : inner.trim().split("\\s+")) {
            if (!member.isEmpty()) {
                members.add(member);
            }
        }
        for (String member : ours) {
            if (!members.contains(member)) {
                members.add(member);
            }
        }
        return innerList(members, parameters);
    }

    private static String innerList(List<String> members, String parameters) {
        return "(" + String.join(" ", members) + ")" + parameters;
    }

    /** Splits a structured-field dictionary at the commas outside parentheses and quoted strings. */
    private static List<String> splitTopLevel(String value) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        items.add(value.substring(start).trim());
        return items;
    }
}

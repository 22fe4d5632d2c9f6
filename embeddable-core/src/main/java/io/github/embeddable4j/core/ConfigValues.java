package io.github.embeddable4j.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parsing and checking of single parameter values; cross-setting rules live in {@link ConfigValidator}. */
final class ConfigValues {

    /** The only servers the widget accepts for {@code discoverAppServer}; it silently ignores any other. */
    static final List<String> DISCOVERY_SERVERS = List.of(
            "https://platform.ringcentral.com", "https://platform.devtest.ringcentral.com",
            "https://platform.ringcentral.biz", "https://discovery.ringcentral.com", "https://discovery.ringcentral.biz");

    /** The servers {@code appServer} accepts by name; any other value must be an https:// origin. */
    static final List<String> APP_SERVER_NAMES = List.of(AppServer.PRODUCTION.name(), AppServer.SANDBOX.name(),
            AppServer.RINGCENTRAL_BIZ.name());

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_CLIENT_ID = 256;

    private ConfigValues() {
    }

    /**
     * Parses a parameter's text form. A blank value means "not set" (returns {@code null}), so that an empty
     * environment variable or {@code ${RC_CLIENT_ID:}} placeholder restores the default instead of failing.
     *
     * @throws IllegalArgumentException with "what is wrong; how to fix it"
     */
    static @Nullable Object parse(WidgetParameter p, String value) {
        if (value.trim().isBlank()) {
            return null; // trim() takes control characters too, which isBlank() leaves: blank as the readers read it
        }
        if (quoted(value.trim())) {
            // a secret's value is never shown, not even a wrongly quoted one
            String shown = p.isSecret() ? "the value" : value.trim();
            throw new IllegalArgumentException(shown + " is in quotes, which would be part of the value (a .env file read"
                    + " by something other than a shell, or a value quoted twice, keeps them); remove the quotes");
        }
        return switch (p.type()) {
            case TEXT -> checkText(p, value);
            case URL -> checkUrl(value);
            case FLAG, FLAG_DEFAULT_ON, TRUE_STRING -> parseBoolean(value);
            case INTEGER -> parseInteger(value);
            case CALL_WITH -> CallWith.parse(value);
            case DIRECTION -> Direction.parse(value);
            case BRAND -> Brand.parse(value);
            case APP_SERVER -> parseAppServer(value);
            case DISCOVERY_SERVER -> checkDiscoveryServer(value);
        };
    }

    /** Wrapped in a pair of the same quote: no widget setting is written so, and the widget would read the quotes. */
    private static boolean quoted(String value) {
        if (value.length() < 2) {
            return false;
        }
        char first = value.charAt(0);
        return (first == '"' || first == '\'') && value.charAt(value.length() - 1) == first;
    }

    /** Whether a typed value equals the widget's own default, so writing it would change nothing. */
    static boolean isDefault(WidgetParameter p, Object value) {
        return switch (p.type()) {
            case FLAG, TRUE_STRING -> Boolean.FALSE.equals(value);
            case FLAG_DEFAULT_ON -> Boolean.TRUE.equals(value);
            case APP_SERVER -> AppServer.PRODUCTION.equals(value);
            default -> false;
        };
    }

    /**
     * Reads true/false. The widget itself reads most flags by presence, so {@code disableCall=0} turns calling
     * OFF in the widget; this library reads "0", "false", "no" and "off" as off and then writes nothing.
     */
    static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false; write true or false");
        };
    }

    /** Placeholders examples write for a client ID (this project's docs among them), in any case and separators. */
    private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("yourclientid", "clientid", "yourappclientid",
            "changeme", "replaceme");

    static boolean isPlaceholder(String value) {
        StringBuilder letters = new StringBuilder(value.length());
        for (int i = 0; i < value.length() && letters.length() <= 16; i++) {
            char c = value.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != '<' && c != '>') {
                letters.append(Character.toLowerCase(c));
            }
        }
        return PLACEHOLDERS.contains(letters.toString());
    }

    /** A JSON Web Token: three base64url parts, the first a JSON object ({@code eyJ} is {@code {"} encoded). */
    private static final java.util.regex.Pattern JWT_SHAPE =
            java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    /**
     * The first character of markup, quoting or URL syntax in a client ID, or -1. RingCentral's are base64url text
     * (letters, digits, {@code -}, {@code _}); {@code + / = . ~} are let through, in case an older app's is plain
     * base64: only what shows something else was pasted (a URL, a quoted value, a template) is refused.
     */
    private static int firstCharNoClientIdHas(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("<>\"'`&?#:;,\\{}|^[]()%@!*".indexOf(c) >= 0) {
                return c;
            }
        }
        return -1;
    }

    private static boolean hasSpaceOrControl(String value) {
        for (int i = 0; i < value.length(); i++) { // surrogates are neither: chars suffice
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A refused client ID as a message quotes it: whole when short, else its start and its length. What was pasted may
     * be a secret (an ID and secret joined by a colon, a token), and the message goes to the start-up log.
     */
    private static String pastedClientId(String value) {
        return value.length() <= 12 ? "'" + value + "'"
                : "'" + value.substring(0, 6) + "…' (" + value.length() + " characters)";
    }

    static String checkText(WidgetParameter p, String given) {
        // trimmed as every reader trims: a value set in code then read back from its map (serialization too) is the same
        String value = given.trim();
        checkEncodable(value);
        if (p == WidgetParameter.CLIENT_ID) {
            // Before the length check: a real JWT is 600-900 characters, and would be quoted in full there.
            if (JWT_SHAPE.matcher(value).matches()) {
                // a secret in the one setting that is rendered into every page and logged at start-up: never quoted
                throw new IllegalArgumentException("'" + value.substring(0, 6) + "…' is a JWT, a secret, not a client ID;"
                        + " copy the client ID from the Developer Console's Credentials page (a JWT sign-in takes the jwt"
                        + " setting, with the client ID and secret)");
            }
            if (value.length() > MAX_CLIENT_ID || hasSpaceOrControl(value)) {
                throw new IllegalArgumentException(pastedClientId(value) + " does not look like a client ID (it has spaces or"
                        + " control characters, or is too long); copy the client ID from the Developer Console's Credentials page");
            }
            if (isPlaceholder(value)) {
                throw new IllegalArgumentException("'" + value + "' is a placeholder from an example, not a client ID; copy"
                        + " the client ID from the Developer Console's Credentials page, or leave it unset for the demo app");
            }
            int odd = firstCharNoClientIdHas(value);
            if (odd >= 0) {
                // Escaped wherever it goes, it would still only fail at sign-in ("invalid client"): a red-team trial's
                // client ID with markup in it started without a word.
                throw new IllegalArgumentException(pastedClientId(value) + " does not look like a client ID (it has " + (char) odd
                        + ", which a client ID never has: RingCentral's are letters and digits with - and _); copy the"
                        + " client ID from the Developer Console's Credentials page");
            }
        }
        if (p == WidgetParameter.USER_AGENT) {
            // the widget puts it in front of every API request's X-User-Agent header, and fetch() refuses a header
            // with a character above U+00FF or a control character: every call would fail
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c > 0xFF || (c < 0x20 && c != '\t') || c == 0x7F) {
                    throw new IllegalArgumentException("the value cannot be sent in an HTTP header, as the widget sends"
                            + " it (X-User-Agent): it has " + String.format(java.util.Locale.ROOT, "U+%04X at index %d",
                            (int) c, i) + "; write your app's name and version in ASCII, such as MyCRM/1.0");
                }
            }
        }
        if (p == WidgetParameter.PREFIX && !PREFIX.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' cannot be used as an element id prefix; write letters, digits,"
                    + " '-' and '_', starting with a letter, at most 64 characters, such as my-widget");
        }
        return value;
    }

    /** Text with a lone surrogate cannot be encoded as UTF-8 and would turn into '?' in the URL. */
    static void checkEncodable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the value has a broken character (a lone UTF-16 surrogate at index " + i
                        + "); fix the text's encoding");
            }
        }
    }

    static String checkUrl(String given) {
        String value = given.trim(); // as the readers trim: a URL set in code with a space was refused, quoted trimmed
        Urls.requireHttpUrl(value, true);
        return value;
    }

    static Integer parseInteger(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number; write a number such as 1000");
        }
    }

    /**
     * Parses a server name or origin. Whatever is wrong, the fix lists the names too: {@code sandbx} is more likely
     * a misspelt name than a URL.
     */
    static AppServer parseAppServer(String value) {
        try {
            return AppServer.parse(value);
        } catch (IllegalArgumentException e) {
            String what = e.getMessage() == null ? "'" + Urls.shown(value) + "' is not a server" : e.getMessage();
            int split = what.indexOf("; ");
            what = split < 0 ? what : what.substring(0, split);
            if (!value.contains("://")) {
                what = "'" + Urls.shown(value) + "' is neither a server name nor an https:// origin"
                        + Suggestions.nearest(value, APP_SERVER_NAMES).map(n -> " (did you mean " + n + "?)").orElse("");
            }
            throw new IllegalArgumentException(what + "; write " + String.join(", ", APP_SERVER_NAMES)
                    + " or your own server's https:// origin", e);
        }
    }

    static String checkDiscoveryServer(String value) {
        String origin;
        try {
            origin = Urls.requireOrigin(value.trim(), false);
        } catch (IllegalArgumentException e) {
            origin = value;
        }
        if (!DISCOVERY_SERVERS.contains(origin)) {
            throw new IllegalArgumentException("'" + Urls.shown(value) + "' is not a discovery server the widget accepts (it would silently"
                    + " use its default); write one of " + String.join(", ", DISCOVERY_SERVERS));
        }
        return origin;
    }

    /**
     * Turns a "what is wrong; how to fix it" message about {@code value} into a problem. The message quotes the value,
     * so the split is looked for after it: {@code hosting=https://x.example/; script-src *} holds a "; " of its own.
     */
    static ConfigProblem problem(String property, String value, IllegalArgumentException e) {
        String text = e.getMessage() == null ? "invalid value" : e.getMessage();
        String quoted = value.strip();
        int at = quoted.isEmpty() ? -1 : text.indexOf(quoted);
        int split = text.indexOf("; ", at < 0 ? 0 : at + quoted.length());
        if (split < 0) {
            return new ConfigProblem(property, text, "Correct the value of " + property + ".");
        }
        String fix = text.substring(split + 2);
        return new ConfigProblem(property, text.substring(0, split) + ".",
                Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + (fix.endsWith(".") ? "" : "."));
    }
}

package io.github.embeddable4j.core.inject;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Servlet-style path patterns: {@code /prefix/*} (also {@code /prefix/**}), {@code *.ext}, {@code /*} (everything),
 * or an exact path. Paths are relative to the application (no context path).
 */
final class PathPatterns {

    private PathPatterns() {
    }

    static boolean anyMatches(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String path) {
        if (pattern.equals("/*") || pattern.equals("/**")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).toLowerCase(Locale.ROOT).endsWith(pattern.substring(1).toLowerCase(Locale.ROOT));
        }
        String prefix = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3)
                : pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : null;
        if (prefix != null) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(pattern);
    }

    /** Checks a pattern's form; returns a message saying what is wrong, or null. */
    static @Nullable String problem(String pattern) {
        if (pattern.startsWith("*.")) {
            return pattern.length() > 2 && pattern.indexOf('/') < 0 && pattern.indexOf('*', 1) < 0 ? null
                    : "'" + pattern + "' is not an extension pattern; write it as *.pdf";
        }
        if (!pattern.startsWith("/")) {
            return "'" + pattern + "' is not a path pattern; start it with / (such as /admin/*) or write *.ext";
        }
        String body = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3)
                : pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        return body.indexOf('*') < 0 ? null
                : "'" + pattern + "' has a * in the middle; only /prefix/*, /prefix/** and *.ext are supported";
    }
}

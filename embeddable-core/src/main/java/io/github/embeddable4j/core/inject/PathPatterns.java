package io.github.embeddable4j.core.inject;

import io.github.embeddable4j.core.ConfigProblem;
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

    /** Checks a pattern's form; returns what is wrong with it, named by {@code property}, or null. */
    static @Nullable ConfigProblem problem(String property, String pattern) {
        if (pattern.startsWith("*.")) {
            return pattern.length() > 2 && pattern.indexOf('/') < 0 && pattern.indexOf('*', 1) < 0 ? null
                    : new ConfigProblem(property, "'" + pattern + "' is not an extension pattern.", "Write it as *.pdf.");
        }
        if (!pattern.startsWith("/")) {
            return new ConfigProblem(property, "'" + pattern + "' is not a path pattern.",
                    "Start it with / (such as /admin/*), or write *.ext.");
        }
        String body = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3)
                : pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (body.indexOf('*') < 0) {
            return null;
        }
        if (body.indexOf('*') == body.length() - 1 && body.length() > 1) {
            // "/admin*": read as a name's start by a Tapestry trial, but a star only follows a slash here
            String folder = body.substring(0, body.length() - 1);
            return new ConfigProblem(property, "'" + pattern + "' has a * that is not after a /.", "Write "
                    + (folder.endsWith("/") ? folder + "*" : folder + "/*") + " for a path and everything under it; a pattern"
                    + " cannot match the start of a name (only /prefix/*, /prefix/** and *.ext are supported).");
        }
        return new ConfigProblem(property, "'" + pattern + "' has a * in the middle.",
                "Only /prefix/*, /prefix/** and *.ext are supported.");
    }
}

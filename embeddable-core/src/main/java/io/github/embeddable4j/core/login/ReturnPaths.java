package io.github.embeddable4j.core.login;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks where a sign-in may send the browser back to: a path on the application's own origin, never a URL of
 * another site. Anything else is refused rather than replaced, so a forged link fails visibly (an open redirect
 * through the sign-in would lend the application's name to a phishing page).
 */
public final class ReturnPaths {

    /** The longest return path accepted. */
    public static final int MAX_LENGTH = 2000;
    /**
     * A path and optional query of printable ASCII without backslash, space or '#'. No scheme and no authority:
     * {@code //host} and {@code /\host} are refused below (browsers read both as another host).
     */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*");

    private ReturnPaths() {
    }

    /**
     * The return path if it is a path on this origin inside the application's context path.
     *
     * @param returnPath  such as {@code /app/contacts?page=2}, as the browser shows it after the host
     * @param contextPath the application's context path ({@code ""} for the root)
     * @throws IllegalArgumentException saying why it is refused
     */
    public static String check(@Nullable String returnPath, @Nullable String contextPath) {
        String context = contextPath == null ? "" : contextPath;
        String example = context + "/contacts"; // under a context path, /contacts itself is refused (a WebFlux trial)
        if (returnPath == null || returnPath.isEmpty()) {
            throw new IllegalArgumentException("The return path is missing; give a path such as " + example);
        }
        if (returnPath.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The return path is longer than " + MAX_LENGTH + " characters");
        }
        if (!PATH.matcher(returnPath).matches() || returnPath.startsWith("//")) {
            throw new IllegalArgumentException("The return path must be a path on this site, starting with a single '/'"
                    + " (not a URL of another site, no backslash, space or '#')");
        }
        if (hasDotSegment(returnPath)) {
            throw new IllegalArgumentException("The return path must not have '.' or '..' segments; give the page's own"
                    + " path, such as " + example);
        }
        if (!context.isEmpty() && !(returnPath.equals(context) || returnPath.startsWith(context + "/")
                || returnPath.startsWith(context + "?"))) {
            throw new IllegalArgumentException("The return path must be inside this application (" + context + "/...)");
        }
        return returnPath;
    }

    /**
     * Whether the path (before any query) has a {@code .} or {@code ..} segment, also written {@code %2e}: browsers
     * resolve them, so {@code /app/../admin} leaves the context path the check saw, and {@code /.//evil} becomes the
     * path {@code //evil}, which a later redirect to it would read as another host. A segment's path parameter does
     * not hide one: browsers send {@code /app/..;/other} as it is, and Tomcat drops {@code ;...} before it resolves
     * the dots, serving another application on the host.
     */
    private static boolean hasDotSegment(String returnPath) {
        int query = returnPath.indexOf('?');
        String path = query < 0 ? returnPath : returnPath.substring(0, query);
        for (String segment : path.split("/", -1)) {
            int parameter = segment.indexOf(';');
            String s = (parameter < 0 ? segment : segment.substring(0, parameter))
                    .toLowerCase(java.util.Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The page's path and query with what browsers leave unencoded in them ({@code [ ] | ^ { } `} and the like)
     * percent-encoded, as {@link #check} accepts them; the page is the same to the server (a trial's
     * {@code ?filter[name]=ada} was refused, and the user left on an error page).
     */
    static String encodeRaw(String pathAndQuery) {
        StringBuilder out = null;
        for (int i = 0; i < pathAndQuery.length(); ) {
            int c = pathAndQuery.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@%/?".indexOf(c) >= 0);
            if (!plain && out == null) {
                out = new StringBuilder(pathAndQuery.length() + 16).append(pathAndQuery, 0, i);
            }
            if (out != null && plain) {
                out.append((char) c);
            } else if (out != null) { // a character outside the basic plane is one code point: its UTF-8 bytes
                for (byte b : pathAndQuery.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            i = next;
        }
        return out == null ? pathAndQuery : out.toString();
    }
}

package io.github.embeddable4j.core;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code <script>} element that loads the client glue as the page's bridge to the server: it forwards the widget's
 * events of the given types to a same-origin endpoint. Everything but the nonce and the CSRF token is rendered once.
 * The script is {@code defer}red, so it listens before the loader (which starts on {@code window.load}) creates the
 * widget's frame.
 *
 * <pre>{@code String tag = BridgeScript.of(embeddable, "/embeddable4j/embeddable4j.js", "/embeddable4j/events", types).tag(nonce, null, null);}</pre>
 */
@Internal("embeddable4j's adapters, which render the bridge script")
public final class BridgeScript {

    /** Same-origin paths only: the bridge never talks to another site. */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~%+-]*");

    private final String open;

    private BridgeScript(String open) {
        this.open = open;
    }

    /**
     * @param scriptPath   where the glue script is served, a path on the application's origin
     * @param endpointPath where the events go, a path on the application's origin
     * @param eventTypes   the event types to forward
     */
    public static BridgeScript of(Embeddable embeddable, String scriptPath, String endpointPath, Collection<String> eventTypes) {
        return of(embeddable, scriptPath, endpointPath, eventTypes, null);
    }

    /**
     * Like {@link #of(Embeddable, String, String, Collection)}, and when {@code servicePath} is not null the glue also
     * registers the application's third-party service with the widget (after its first login-status message) and
     * relays the widget's call-outs ({@code rc-post-message-request}) to that same-origin path.
     */
    public static BridgeScript of(Embeddable embeddable, String scriptPath, String endpointPath, Collection<String> eventTypes,
            @Nullable String servicePath) {
        Objects.requireNonNull(embeddable, "embeddable");
        requirePath(scriptPath, "scriptPath");
        requirePath(endpointPath, "endpointPath");
        if (servicePath != null) {
            requirePath(servicePath, "servicePath");
        }
        StringBuilder origins = new StringBuilder("[");
        List<String> all = embeddable.widgetOrigins().all();
        for (int i = 0; i < all.size(); i++) {
            origins.append(i == 0 ? "\"" : ",\"").append(all.get(i)).append('"'); // validated origins: no quotes inside
        }
        origins.append(']');
        String types = String.join(",", new TreeSet<>(eventTypes));
        String tag = "<script src=\"" + Escape.htmlAttribute(scriptPath) + "\" data-endpoint=\""
                + Escape.htmlAttribute(endpointPath) + "\" data-origins=\"" + Escape.htmlAttribute(origins.toString())
                + "\" data-prefix=\"" + Escape.htmlAttribute(embeddable.config().prefix()) + "\" data-events=\""
                + Escape.htmlAttribute(types) + "\""
                + (servicePath == null ? "" : " data-service=\"" + Escape.htmlAttribute(servicePath) + "\"");
        return new BridgeScript(tag);
    }

    /**
     * Checks that {@code path} is a path on the application's origin, as the script's paths must be.
     *
     * @throws IllegalArgumentException naming {@code name} when it is not
     */
    public static void requirePath(@Nullable String path, String name) {
        if (path == null || !PATH.matcher(path).matches() || path.startsWith("//")) {
            throw new IllegalArgumentException(name + " '" + path + "' is not a path on the application's origin;"
                    + " write one such as /embeddable4j/events");
        }
    }

    /**
     * The element, with the request's CSP nonce (may be null) and, when the application protects POSTs with a CSRF
     * token, the header to send it in and its value (both null otherwise).
     */
    public String tag(@Nullable String nonce, @Nullable String csrfHeader, @Nullable String csrfToken) {
        return tag(nonce, csrfHeader, csrfToken, false);
    }

    /**
     * Like {@link #tag(String, String, String)}; with {@code logOutWidget} the glue also tells the widget to log its
     * RingCentral user out once it reports a login (after the application's own user signed out).
     */
    public String tag(@Nullable String nonce, @Nullable String csrfHeader, @Nullable String csrfToken, boolean logOutWidget) {
        return tag(nonce, csrfHeader, csrfToken, logOutWidget, null);
    }

    /**
     * Like {@link #tag(String, String, String, boolean)}, for a page whose widget is an {@code <iframe>} of the app
     * (the iframe form) with this id, instead of the loader's frame.
     */
    public String tag(@Nullable String nonce, @Nullable String csrfHeader, @Nullable String csrfToken, boolean logOutWidget,
            @Nullable String frameId) {
        return tag(nonce, csrfHeader, csrfToken, logOutWidget ? SignOutMark.LOG_OUT : SignOutMark.NONE, frameId);
    }

    /** What a page does with the application's sign-out mark (its cookie, {@code WidgetLogoutCookie}). */
    public enum SignOutMark {
        /** No mark. */
        NONE,
        /** Log out the login the widget restores, then clear the mark ({@code data-logout="1"}). */
        LOG_OUT,
        /**
         * The page carries the next user's login (a login handoff), which replaces whoever the widget had: log nothing
         * out, and clear the mark once the widget reports that login ({@code data-logout="login"}), or the login it
         * kept for that same handoff (a frame loaded again: the widget ignores a code for the {@code externalAuthId}
         * it last logged in with, and each sign-in's is new; the glue records the handoffs it saw used). Cleared when the page was written, the mark was lost with the
         * page left before its widget used the code, and the next page's widget restored the previous user's login (a
         * WebFlux trial).
         */
        AT_NEW_LOGIN;

        /**
         * What a page does with the mark: nothing without it; with it, log out the login the widget restores, unless
         * the page carries a new login ({@link #AT_NEW_LOGIN}). Every adapter's pages decide here.
         *
         * <pre>{@code SignOutMark mark = SignOutMark.of(markCookieSet, handoff != null);}</pre>
         */
        public static SignOutMark of(boolean marked, boolean carriesLogin) {
            return !marked ? NONE : carriesLogin ? AT_NEW_LOGIN : LOG_OUT;
        }
    }

    /** Like {@link #tag(String, String, String, boolean, String)}, with what the page does with the sign-out mark. */
    public String tag(@Nullable String nonce, @Nullable String csrfHeader, @Nullable String csrfToken, SignOutMark mark,
            @Nullable String frameId) {
        StringBuilder sb = new StringBuilder(open);
        if (frameId != null) {
            sb.append(" data-frame-id=\"").append(Escape.htmlAttribute(frameId)).append('"');
        }
        if (mark == SignOutMark.LOG_OUT) {
            sb.append(" data-logout=\"1\"");
        } else if (mark == SignOutMark.AT_NEW_LOGIN) {
            sb.append(" data-logout=\"login\"");
        }
        if (csrfHeader != null && csrfToken != null) {
            sb.append(" data-csrf-header=\"").append(Escape.htmlAttribute(csrfHeader)).append("\" data-csrf-token=\"")
                    .append(Escape.htmlAttribute(csrfToken)).append('"');
        }
        if (nonce != null && !nonce.isEmpty()) {
            sb.append(" nonce=\"").append(Escape.htmlAttribute(nonce)).append('"');
        }
        return sb.append(" defer=\"\"></script>").toString();
    }
}

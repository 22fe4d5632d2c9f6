package io.github.embeddable4j.core.login;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where sign in once's callback is served inside the application: the path the widget's redirect URI reaches, which
 * every adapter maps and checks alike. Directly, it is the redirect URI's path inside the context path
 * ({@code https://host/crm/ringcentral/redirect} in context {@code /crm}: {@code /ringcentral/redirect}). Behind a
 * proxy that publishes the application under a prefix it strips, the redirect URI's path is the prefix, the context
 * path and a callback path set explicitly.
 *
 * <pre>{@code String mapped = CallbackPaths.of(redirectUri, null, "/ringcentral/connect", request.getContextPath());}</pre>
 */
public final class CallbackPaths {

    private CallbackPaths() {
    }

    /**
     * The callback's path relative to the context path.
     *
     * @param redirectUri  the widget's redirect URI
     * @param callbackPath where the redirect URI reaches the application behind a prefix-stripping proxy, or null
     * @param connectPath  where a sign-in starts (the callback may not be there too)
     * @param contextPath  the application's context path ({@code ""} or null for the root)
     * @throws IllegalArgumentException saying how to fix the configuration
     */
    public static String of(String redirectUri, @Nullable String callbackPath, String connectPath, @Nullable String contextPath) {
        String callback = of(redirectUri, callbackPath, contextPath);
        if (callback.equals(connectPath)) {
            throw new IllegalArgumentException("The connect path " + connectPath + " is the callback's path; give the"
                    + " sign-in another connect path.");
        }
        return callback;
    }

    /**
     * The callback's path relative to the context path, without comparing it with the connect path: for a report that
     * names that clash by the connect path's own setting (a WebFlux trial's named the redirect URI for it).
     *
     * @throws IllegalArgumentException saying how to fix the redirect URI or the callback path
     */
    public static String of(String redirectUri, @Nullable String callbackPath, @Nullable String contextPath) {
        String path = URI.create(redirectUri).getRawPath();
        String context = contextPath == null ? "" : contextPath;
        String callback;
        if (callbackPath != null) {
            if (path == null || !path.endsWith(context + callbackPath)) {
                throw new IllegalArgumentException("The widget's redirectUri " + redirectUri + " does not end with the"
                        + " callback path " + context + callbackPath + " (context path '" + context + "'); set the callback"
                        + " path to where the redirect URI reaches this application, after the proxy's prefix.");
            }
            callback = callbackPath;
        } else {
            if (path == null || !path.startsWith(context + "/") || path.length() == context.length() + 1) {
                throw new IllegalArgumentException("The widget's redirectUri " + redirectUri + " must be the URL of the"
                        + " sign-in callback in this application (context path '" + context + "'), such as https://your.host"
                        + context + "/ringcentral/redirect; set redirectUri to it and register that URL on the RingCentral"
                        + " app. Behind a proxy that publishes the application under a prefix it strips, also set the"
                        + " callback path (where the redirect URI reaches the application).");
            }
            callback = path.substring(context.length());
        }
        return callback;
    }
}

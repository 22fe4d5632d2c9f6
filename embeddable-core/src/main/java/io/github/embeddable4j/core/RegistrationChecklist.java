package io.github.embeddable4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What to enter in the RingCentral Developer Console for an app that serves this configuration. Its
 * {@link #toString()} is text a person pastes from.
 */
public final class RegistrationChecklist {

    private final String appType;
    private final String authFlow;
    private final String platformType;
    private final String redirectUri;
    private final AppServer server;
    private final List<Scope> requiredScopes;
    private final List<Scope> featureScopes;
    private final List<String> notes;
    private final String clientId;

    RegistrationChecklist(EmbeddableConfig config) {
        this.appType = "REST API App";
        this.clientId = config.clientId().orElse("");
        boolean jwt = config.get(WidgetParameter.JWT).isPresent();
        boolean secret = config.get(WidgetParameter.CLIENT_SECRET).isPresent();
        boolean proxy = config.isOn(WidgetParameter.AUTH_PROXY);
        this.authFlow = jwt ? "JWT auth flow" : "3-legged OAuth flow authorization code";
        if (proxy) {
            this.platformType = "Server-side web app (your auth proxy keeps the client secret)";
        } else if (secret) {
            this.platformType = "Server-side web app (legacy: the client secret is in the page)";
        } else {
            this.platformType = "Client-side web app, e.g. SPA, JavaScript (PKCE, no client secret)";
        }
        this.redirectUri = config.redirectUri();
        this.server = config.appServer();
        this.requiredScopes = config.scopes().stream().filter(Scope::isRequired).toList();
        this.featureScopes = config.scopes().stream().filter(s -> !s.isRequired()).toList();
        List<String> n = new ArrayList<>();
        if (config.clientId().isEmpty() && !proxy) {
            n.add("Then set clientId to the app's client ID (Credentials); until then the widget uses RingCentral's demo app.");
        }
        if (config.customRedirectUri().isPresent()) {
            // The configuration accepts http only for a loopback redirect URI (development on this machine).
            n.add("Serve the redirect page (RedirectPage; RedirectPageServlet and the starter serve it) at the redirect URI"
                    + (config.redirectUri().startsWith("http:") ? ", here over http on this machine only: register an"
                    + " https one for any other host." : ", over https."));
        }
        if (server.equals(AppServer.SANDBOX)) {
            n.add("The app signs in to the sandbox; use its sandbox credentials.");
        }
        this.notes = List.copyOf(n);
    }

    /** {@code REST API App}. */
    public String appType() {
        return appType;
    }

    /** The auth flow to select. */
    public String authFlow() {
        return authFlow;
    }

    /** The platform type to select. */
    public String platformType() {
        return platformType;
    }

    /** The OAuth redirect URI to register, exactly. */
    public String redirectUri() {
        return redirectUri;
    }

    /** The server the app signs in to. */
    public AppServer server() {
        return server;
    }

    /** Scopes every Embeddable app needs. */
    public List<Scope> requiredScopes() {
        return requiredScopes;
    }

    /** Optional scopes needed by the features this configuration turns on. */
    public List<Scope> featureScopes() {
        return featureScopes;
    }

    /** Further steps, if any. */
    public List<String> notes() {
        return notes;
    }

    /**
     * One line for the application's start-up log: the client ID, its server and the redirect URI its registration
     * must list, the step people most often get wrong (a mismatch fails every sign-in). Empty without a client ID:
     * the demo app's registration is RingCentral's, and a warning says so.
     *
     * <pre>{@code embeddable.registrationChecklist().startupLine().ifPresent(log::info);}</pre>
     */
    public java.util.Optional<String> startupLine() {
        if (clientId.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("RingCentral Embeddable: client ID " + clientId + " on " + server
                + "; its app in the Developer Console must list the OAuth redirect URI " + redirectUri);
    }

    @Override
    public String toString() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("RingCentral app registration (https://developers.ringcentral.com/console, Register App)").append(nl);
        sb.append("  App type:      ").append(appType).append(nl);
        sb.append("  Auth:          ").append(authFlow).append(nl);
        sb.append("  Platform type: ").append(platformType).append(nl);
        sb.append("  Redirect URI:  ").append(redirectUri).append(nl);
        sb.append("  Server:        ").append(server).append(nl);
        sb.append("  Scopes:        ").append(requiredScopes.stream().map(Scope::displayName).collect(Collectors.joining(", "))).append(nl);
        for (Scope s : featureScopes) {
            sb.append("                 ").append(s.displayName()).append(" (for ").append(s.feature()).append(')').append(nl);
        }
        for (String note : notes) {
            sb.append("  Note: ").append(note).append(nl);
        }
        return sb.toString();
    }
}

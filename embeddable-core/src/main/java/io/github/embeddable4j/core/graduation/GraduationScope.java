package io.github.embeddable4j.core.graduation;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import java.util.Objects;

/**
 * The app whose graduation is counted: a client ID on a server. Counts of different scopes are kept apart, so
 * switching to the production client ID starts from nothing, and the sandbox counts stay where they were.
 *
 * <pre>{@code GraduationScope scope = GraduationScope.of(config);}</pre>
 *
 * @param clientId  the app's client ID; empty for the widget's shared demo app
 * @param appServer the platform server the app signs in to
 */
public record GraduationScope(String clientId, AppServer appServer) {

    public GraduationScope {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(appServer, "appServer");
    }

    /** The configured client ID (empty when none: the demo app) and server. */
    public static GraduationScope of(EmbeddableConfig config) {
        return new GraduationScope(config.clientId().orElse(""), config.appServer());
    }

    /** Whether this is the widget's shared demo app, which never graduates. */
    public boolean demoApp() {
        return clientId.isEmpty();
    }
}

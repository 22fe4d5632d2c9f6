package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.CspSources;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.login.ExternalAuthIds;
import io.github.embeddable4j.core.login.LoginAuthorization;
import io.github.embeddable4j.core.login.LoginEndpoints;
import java.util.Base64;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Sign in once's settings from {@code ringcentral.embeddable.login.*}, the same for the servlet and WebFlux beans. */
final class LoginSettings {

    private static final Log LOG = LogFactory.getLog(LoginSettings.class);

    private LoginSettings() {
    }

    /** The endpoints' settings; the values were checked at start-up ({@link EnvironmentSettings}). */
    static LoginEndpoints endpoints(Embeddable embeddable, EmbeddableProperties.Login login, String contextPath) {
        byte[] key;
        if (login.getServerKey() == null || login.getServerKey().isBlank()) {
            key = ExternalAuthIds.newKey();
            LOG.warn("RingCentral Embeddable: ringcentral.embeddable.login.server-key is not set, so a random key is used"
                    + " and the widget's externalAuthId of each user changes at every restart (users then connect again)."
                    + " Set it to a base64 key of 32 bytes or more, the same on every instance.");
        } else {
            key = Base64.getDecoder().decode(login.getServerKey().trim());
        }
        LoginEndpoints.Builder builder = LoginEndpoints.builder(embeddable).serverKey(key)
                .connectPath(login.getConnectPath()).callbackPath(login.getCallbackPath());
        if (login.getAuthorizeEndpoint() != null && !login.getAuthorizeEndpoint().isBlank()) {
            builder.authorizeEndpoint(login.getAuthorizeEndpoint());
        }
        LoginEndpoints endpoints = builder.build();
        LOG.info(endpoints.startupLine(contextPath));
        return endpoints;
    }

    /**
     * {@code sources} with RingCentral's authorize origin in {@code form-action}, as
     * {@link LoginEndpoints#contentSecurityPolicy} adds it; as they are where sign in once's settings are wrong (its
     * beans report those at start-up).
     */
    static CspSources withAuthorizeOrigin(CspSources sources, Embeddable embeddable, EmbeddableProperties.Login login) {
        try {
            LoginAuthorization authorization = LoginAuthorization.of(embeddable);
            if (login.getAuthorizeEndpoint() != null && !login.getAuthorizeEndpoint().isBlank()) {
                authorization = authorization.withAuthorizeEndpoint(login.getAuthorizeEndpoint());
            }
            return sources.with("form-action", authorization.authorizeOrigin());
        } catch (IllegalArgumentException e) { // an EmbeddableConfigException too
            return sources;
        }
    }
}

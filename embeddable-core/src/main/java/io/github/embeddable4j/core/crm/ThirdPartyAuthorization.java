package io.github.embeddable4j.core.crm;

import java.net.URI;
import java.util.Optional;

/**
 * An "Authorize" / "Unauthorize" button for your CRM in the widget's settings, for CRMs the user must connect first
 * (OAuth and the like).
 *
 * <pre>{@code
 * class AcmeAuth implements ThirdPartyAuthorization {
 *     public AuthorizationStatus status(Caller caller) { return tokens.status(caller.userName().orElseThrow()); }
 *     public Optional<URI> buttonClicked(boolean authorized, Caller caller) {
 *         if (authorized) { tokens.revoke(caller.userName().orElseThrow()); return Optional.empty(); }
 *         return Optional.of(acmeOAuth.authorizeUrl(caller));   // opened in the user's browser
 *     }
 * }
 * }</pre>
 *
 * After {@link #buttonClicked} returns, {@link ThirdPartyService} asks {@link #status} again and tells the widget the
 * result. When authorization finishes later (an OAuth callback), post
 * {@link io.github.embeddable4j.core.message.WidgetCommand#updateAuthorizationStatus(boolean, String)} yourself.
 * Both run under a deadline a little shorter than the widget's 3 s.
 */
public interface ThirdPartyAuthorization {

    /** The caller's current status; used in the registration and after the button. */
    AuthorizationStatus status(Caller caller);

    /**
     * The user pressed the button.
     *
     * @param authorized the widget's idea of the status when pressed: true means "disconnect", false "connect"
     * @return a page to open in the user's browser (your OAuth start page), or empty
     */
    Optional<URI> buttonClicked(boolean authorized, Caller caller);
}

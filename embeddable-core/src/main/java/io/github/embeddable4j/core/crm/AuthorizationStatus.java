package io.github.embeddable4j.core.crm;

import org.jspecify.annotations.Nullable;

/**
 * Whether the user has connected your CRM, and as whom. While not authorized the widget does not ask for contacts,
 * matches or log matches.
 *
 * <pre>{@code return token != null ? AuthorizationStatus.authorized(token.email()) : AuthorizationStatus.unauthorized();}</pre>
 *
 * @param authorized true when connected
 * @param account    the connected account (e-mail or id) shown in the widget's settings, or null
 */
public record AuthorizationStatus(boolean authorized, @Nullable String account) {

    private static final AuthorizationStatus UNAUTHORIZED = new AuthorizationStatus(false, null);

    /** Connected, as {@code account} (shown in the widget's settings). */
    public static AuthorizationStatus authorized(String account) {
        return new AuthorizationStatus(true, account);
    }

    /** Not connected: the widget offers the user to connect and asks for nothing else. */
    public static AuthorizationStatus unauthorized() {
        return UNAUTHORIZED;
    }
}

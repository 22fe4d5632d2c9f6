package io.github.embeddable4j.core.crm;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.HostNames;
import java.security.Principal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who a call-out is for: the authenticated user of the request that carried it, and the browser session it came from.
 * Providers use it to scope data per user (each user sees their own CRM records). The transport fills it in; the
 * widget itself says nothing about who is using it.
 *
 * <pre>{@code String owner = caller.userName().orElseThrow(() -> new CrmException("Sign in to see your contacts."));}</pre>
 *
 * @param user       the authenticated user of the request, or null when the request had none
 * @param sessionKey an opaque, stable key of the browser session (never the session id itself), or null when the
 *                   request had no session
 * @param widget     the widget of the page the call-out came from: in an application serving several tenants, the one
 *                   its selector picked for the request (so the tenant's, {@code caller.widget() == acmeWidget}); else
 *                   the application's own; null when the transport does not know it
 * @param host       the host name the page was served from, as the server resolved it (a servlet request's
 *                   {@code getServerName()}, a WebFlux request's URI host), in lower case, without a port or a trailing dot ({@link io.github.embeddable4j.core.HostNames}): where
 *                   tenants are told apart by host, the key their selector looked up; null when the transport does not
 *                   know it
 */
public record Caller(@Nullable Principal user, @Nullable String sessionKey, @Nullable Embeddable widget, @Nullable String host) {

    private static final Caller ANONYMOUS = new Caller(null, null, null, null);

    public Caller {
        host = HostNames.normalize(host);
    }

    /** A caller whose page's host is not known. */
    public Caller(@Nullable Principal user, @Nullable String sessionKey, @Nullable Embeddable widget) {
        this(user, sessionKey, widget, null);
    }

    /** A caller whose page's widget is not known. */
    public Caller(@Nullable Principal user, @Nullable String sessionKey) {
        this(user, sessionKey, null, null);
    }

    /** A caller with no user and no session (for tests, or a transport that has neither). */
    public static Caller anonymous() {
        return ANONYMOUS;
    }

    /**
     * The user's name, when the request was authenticated: the servlet request's {@code getUserPrincipal()}, the
     * WebFlux exchange's principal, or the Vaadin component's {@code UserResolver}. Empty for a visitor, and for an
     * application whose sign-in the transport cannot see (see the bridge's documentation).
     */
    public Optional<String> userName() {
        return Optional.ofNullable(user).map(Principal::getName);
    }

    /** The session key, when the request had a session. */
    public Optional<String> session() {
        return Optional.ofNullable(sessionKey);
    }

    @Override
    public String toString() {
        return "Caller[user=" + userName().orElse("-") + ", session=" + (sessionKey == null ? "-" : "…")
                + (host == null ? "" : ", host=" + host) + "]";
    }
}

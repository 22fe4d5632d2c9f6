package io.github.embeddable4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who the application's signed-in user is, as a stable identifier (a user id, not a display name that may change).
 * {@link LoginHandoffFlow} turns it into the widget's {@code externalAuthId}; {@link BridgeServlet#withUser} names
 * the user of events and call-outs with it. It is asked when a sign-in starts, when
 * RingCentral's answer comes back, and when the page that is to carry the handoff is written (inside the filter
 * chain, with the request the {@link EmbeddableFilter} received: a resolver that reads a thread-bound security
 * context works there; one that needs a request wrapped by a later filter does not).
 */
@FunctionalInterface
public interface AppUserResolver {

    /** The signed-in user's identifier, or null when nobody is signed in. Never a request parameter. */
    @Nullable String appUserId(HttpServletRequest request);

    /**
     * The container's authenticated user, {@link HttpServletRequest#getRemoteUser()}: for container sign-in (FORM,
     * BASIC, Jakarta Security). Not for a user that a filter of your own sets by wrapping the request: the page filter
     * is mapped before yours and sees the request unwrapped ({@link #sessionAttribute} reads such a user).
     */
    static AppUserResolver remoteUser() {
        return HttpServletRequest::getRemoteUser;
    }

    /**
     * The user your own sign-in keeps in the session under {@code name}: a {@code String} id, or a
     * {@link java.security.Principal}'s name. A value of another type is nobody, with a warning once (write a resolver
     * for it: the id must be stable, so never a {@code toString()} that may change).
     *
     * <pre>{@code LoginHandoffFlow.builder(embeddable).appUser(AppUserResolver.sessionAttribute("user"))}</pre>
     */
    static AppUserResolver sessionAttribute(String name) {
        java.util.Objects.requireNonNull(name, "name");
        return request -> {
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            Object user = session == null ? null : session.getAttribute(name);
            return io.github.embeddable4j.core.SessionUserAttributes.nameOf(name, user); // another type: said once
        };
    }
}

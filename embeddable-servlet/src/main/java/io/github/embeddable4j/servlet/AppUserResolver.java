package io.github.embeddable4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who the application's signed-in user is, as a stable identifier (a user id, not a display name that may change).
 * {@link LoginHandoffFlow} turns it into the widget's {@code externalAuthId}. It is asked when a sign-in starts, when
 * RingCentral's answer comes back, and when the page that is to carry the handoff is written (inside the filter
 * chain, with the request the {@link EmbeddableFilter} received: a resolver that reads a thread-bound security
 * context works there; one that needs a request wrapped by a later filter does not).
 */
@FunctionalInterface
public interface AppUserResolver {

    /** The signed-in user's identifier, or null when nobody is signed in. Never a request parameter. */
    @Nullable String appUserId(HttpServletRequest request);

    /** The container's authenticated user, {@link HttpServletRequest#getRemoteUser()}. */
    static AppUserResolver remoteUser() {
        return HttpServletRequest::getRemoteUser;
    }
}

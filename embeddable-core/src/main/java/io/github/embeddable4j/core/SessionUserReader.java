package io.github.embeddable4j.core;

import java.security.Principal;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the signed-in user from an HTTP session's attributes, where a security framework keeps it. For an adapter
 * whose request may name a user who is no longer the session's: over a websocket, the request's principal is the one
 * of the handshake (Atmosphere copies it when Vaadin's push connection opens), so after another user signs in over the
 * same session (in another tab, without signing out) it still names the first. The session names the current one.
 *
 * <p>The Spring starter publishes one that reads Spring Security's context in the servlet context, under this type's
 * name; the Vaadin component's default user resolver asks it first.
 */
@Internal("embeddable4j's Spring starter, which publishes it, and its Vaadin component, which reads it")
@FunctionalInterface
public interface SessionUserReader {

    /** The session's signed-in user, or null when the session names nobody (or not in a way this reader knows). */
    @Nullable Principal user(Function<String, @Nullable Object> sessionAttributes);
}

package io.github.embeddable4j.vaadin;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.WrappedSession;
import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who the signed-in user is, for the events and call-outs a {@link RingCentralEmbeddable} hands on
 * ({@code ReceivedWidgetEvent.user()}, {@code Caller.user()}). It is asked in the UI's request, with the session
 * locked, once per event or call-out.
 *
 * <p>The default, {@link #requestPrincipal()}, is the request's {@code getUserPrincipal()}: the container's sign-in,
 * Spring Security's, or a servlet filter of yours that wraps the request. With push over a plain websocket
 * ({@code @Push(transport = Transport.WEBSOCKET)}), a UI event's request is the websocket's, and on Jetty no filter of
 * the application ran for it: a user that only such a filter supplies is then missing (a trial: events and call-outs
 * named nobody). A sign-in of your own that keeps the user in the session is read in every transport with
 * {@link #sessionAttribute}:
 *
 * <pre>{@code phone.setUserResolver(UserResolver.sessionAttribute("user"));}</pre>
 */
@FunctionalInterface
public interface UserResolver extends Serializable {

    /** The signed-in user, or null when nobody is signed in. Never from a request parameter. */
    @Nullable Principal user(VaadinRequest request);

    /** The request's {@code getUserPrincipal()} (the default). */
    static UserResolver requestPrincipal() {
        return VaadinRequest::getUserPrincipal;
    }

    /**
     * The user your own sign-in keeps in the HTTP session under {@code name}: a {@link Principal}, or a {@code String}
     * that names the user. A value of another type is nobody (write a resolver for it).
     */
    static UserResolver sessionAttribute(String name) {
        Objects.requireNonNull(name, "name");
        return request -> {
            WrappedSession session = request.getWrappedSession(false);
            Object user = session == null ? null : session.getAttribute(name);
            return user instanceof Principal p ? p : user instanceof String id ? new NamedUser(id) : null;
        };
    }

    /** A user known by name only. */
    record NamedUser(String name) implements Principal, Serializable {

        public NamedUser {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String getName() {
            return name;
        }
    }
}

package io.github.embeddable4j.vaadin;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.WrappedSession;
import io.github.embeddable4j.core.SessionUserAttributes;
import io.github.embeddable4j.core.SessionUserReader;
import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who the signed-in user is, for the events and call-outs a {@link RingCentralEmbeddable} hands on
 * ({@code ReceivedWidgetEvent.user()}, {@code Caller.user()}). It is asked in the UI's request, with the session
 * locked, whenever a message needs a user: a message that is both an event and a call-out asks more than once, so
 * keep it cheap and free of side effects.
 *
 * <p>The default, {@link #standard()}, is the user Spring Security keeps in the session (with the Spring starter),
 * else the request's {@code getUserPrincipal()}: the container's sign-in, or a servlet filter of yours that wraps the
 * request. Over a plain websocket ({@code @Push(transport = Transport.WEBSOCKET)}), a UI event's request is the
 * websocket's, which keeps what its handshake had: the principal of the user who opened it (after another user signs
 * in over the same session in another tab, it still names the first), and on Jetty none that a filter of the
 * application supplies (a trial: events and call-outs named nobody). A sign-in of your own that keeps the user in the
 * session is read in every transport with {@link #sessionAttribute}:
 *
 * <pre>{@code phone.setUserResolver(UserResolver.sessionAttribute("user"));}</pre>
 */
@FunctionalInterface
public interface UserResolver extends Serializable {

    /** The signed-in user, or null when nobody is signed in. Never from a request parameter. */
    @Nullable Principal user(VaadinRequest request);

    /**
     * The default: the session's current user as the Spring starter reads it (Spring Security's, right over a websocket
     * too), else the request's {@code getUserPrincipal()}. Without the starter, or when the session names nobody there
     * (Spring Security keeping its context elsewhere, a stateless sign-in), it is {@link #requestPrincipal()}.
     */
    static UserResolver standard() {
        return request -> {
            Principal current = null;
            if (request.getService() instanceof VaadinServletService service && service.getServlet() != null
                    && service.getServlet().getServletContext().getAttribute(SessionUserReader.class.getName())
                            instanceof SessionUserReader reader) {
                WrappedSession session = request.getWrappedSession(false);
                current = session == null ? null : reader.user(session::getAttribute);
            }
            return current != null ? current : request.getUserPrincipal();
        };
    }

    /**
     * The request's {@code getUserPrincipal()}: the container's sign-in, Spring Security's, or a filter that wraps the
     * request. Over a plain websocket, the principal of the websocket's handshake.
     */
    static UserResolver requestPrincipal() {
        return VaadinRequest::getUserPrincipal;
    }

    /**
     * The user your own sign-in keeps in the HTTP session under {@code name}: a {@link Principal}, or a {@code String}
     * that names the user. A value of another type is nobody, with a warning once (write a resolver for it).
     */
    static UserResolver sessionAttribute(String name) {
        Objects.requireNonNull(name, "name");
        return request -> {
            WrappedSession session = request.getWrappedSession(false);
            Object user = session == null ? null : session.getAttribute(name);
            if (user instanceof Principal p) {
                return p;
            }
            String id = SessionUserAttributes.nameOf(name, user); // another type: nobody, said once
            return id == null ? null : SessionUserAttributes.principal(id);
        };
    }
}

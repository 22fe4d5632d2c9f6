package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.login.LoginEndpoints;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/** An {@link HttpSession} as core's login state sees it: invalidated, it reads as empty and ignores writes. */
final class SessionAttributes implements LoginEndpoints.Session {

    private final HttpSession session;

    SessionAttributes(HttpSession session) {
        this.session = session;
    }

    static @Nullable SessionAttributes of(@Nullable HttpSession session) {
        return session == null ? null : new SessionAttributes(session);
    }

    @Override
    public @Nullable Object get(String name) {
        try {
            return session.getAttribute(name);
        } catch (IllegalStateException e) {
            return null; // invalidated
        }
    }

    @Override
    public void set(String name, Object value) {
        try {
            session.setAttribute(name, value);
        } catch (IllegalStateException e) {
            // invalidated meanwhile: nothing to keep
        }
    }

    @Override
    public void remove(String name) {
        try {
            session.removeAttribute(name);
        } catch (IllegalStateException e) {
            // invalidated: nothing is left
        }
    }
}

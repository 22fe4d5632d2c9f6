package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.login.LoginEndpoints;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.WebSession;

/** A {@link WebSession} as core's login state sees it; writing an attribute starts the session, so it is saved. */
record WebSessionAttributes(WebSession session) implements LoginEndpoints.Session {

    @Override
    public @Nullable Object get(String name) {
        return session.getAttributes().get(name);
    }

    @Override
    public void set(String name, Object value) {
        session.getAttributes().put(name, value);
    }

    @Override
    public void remove(String name) {
        session.getAttributes().remove(name);
    }
}

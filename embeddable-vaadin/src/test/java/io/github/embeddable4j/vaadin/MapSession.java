package io.github.embeddable4j.vaadin;

import io.github.embeddable4j.core.login.LoginEndpoints;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A session's attributes in a map, as sign in once keeps them: for tests that publish a flow's functions by hand. */
final class MapSession implements LoginEndpoints.Session {

    final Map<String, Object> attributes = new HashMap<>();

    @Override
    public @Nullable Object get(String name) {
        return attributes.get(name);
    }

    @Override
    public void set(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void remove(String name) {
        attributes.remove(name);
    }
}

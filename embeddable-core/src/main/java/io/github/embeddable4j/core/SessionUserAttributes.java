package io.github.embeddable4j.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The adapters' {@code sessionAttribute(name)} resolvers read the signed-in user from a session attribute that holds a
 * {@code String} (the user's id) or a {@link java.security.Principal}. Anything else names nobody, and says so once per
 * attribute and type: a trial's attribute held the application's own user object, and events, call-outs and sign in
 * once named nobody without a word.
 */
@Internal("embeddable4j's adapters (their sessionAttribute resolvers)")
public final class SessionUserAttributes {

    // Looked up at each use: a copy shared by several web applications (a server's lib folder) would keep the logger
    // of the first, and Tomcat drops its lines once that application stops.
    private static System.Logger log() {
        return System.getLogger(SessionUserAttributes.class.getName());
    }

    /** Bounded by the attributes and classes in use; a class is named with its loader (a copy may serve several applications). */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SessionUserAttributes() {
    }

    /**
     * The user's name in a session attribute's value: the {@code String} itself, or a principal's name; null when the
     * attribute is unset, and null with a warning (once per attribute and type) for a value of another type.
     */
    public static @Nullable String nameOf(String attribute, @Nullable Object value) {
        if (value instanceof String id) {
            return id;
        }
        if (value instanceof java.security.Principal principal) {
            return principal.getName();
        }
        if (value != null && WARNED.add(attribute + "\u0000" + value.getClass().getName() + "\u0000"
                + System.identityHashCode(value.getClass().getClassLoader()))) {
            log().log(System.Logger.Level.WARNING, "RingCentral Embeddable: the session attribute ''{0}'' holds a {1}, which"
                    + " is neither a String nor a java.security.Principal: the sign-in it holds names nobody to embeddable4j."
                    + " Keep the user''s id (a String) there, or give a resolver of your own that reads it (logged once)",
                    attribute, value.getClass().getName());
        }
        return null;
    }

    /**
     * The user a resolver names by its id alone (a {@code String} in the session, an {@code AppUserResolver}'s answer):
     * a principal equal by name, serializable with the session.
     */
    public static java.security.Principal principal(String name) {
        return new NamedUser(name);
    }

    private record NamedUser(String name) implements java.security.Principal, java.io.Serializable {

        NamedUser {
            java.util.Objects.requireNonNull(name, "name");
        }

        @Override
        public String getName() {
            return name;
        }
    }
}

package io.github.embeddable4j.core.graduation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The last login state and presence seen per browser session, to tell a change from a repeat. Bounded: the least
 * recently active sessions are forgotten first (a forgotten session's next event is treated as its first, which can
 * miss a change, or count again a login that another tab of the session reports).
 */
final class SessionStates {

    /** What a login-status event was. */
    enum LoginChange { LOGIN, LOGOUT, NONE }

    private static final class State {
        @Nullable Boolean loggedIn;
        @Nullable String presence;
    }

    private final Map<String, State> states;

    SessionStates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * A login is a fresh one ({@code isFreshLogin}) in a session not already logged in (other tabs of the session
     * report the same login); a logout is {@code loggedIn:false} after {@code loggedIn:true} in the same page load
     * (with a {@code pageKey}), while the session was logged in (other tabs report the same logout). A new page's widget
     * starts with {@code loggedIn:false} before it restores its session: not a logout.
     */
    synchronized LoginChange login(String sessionKey, @Nullable String pageKey, boolean loggedIn, boolean fresh) {
        State session = state(sessionKey);
        State page = pageKey == null ? session : state("page\u0000" + pageKey);
        boolean sessionWasIn = Boolean.TRUE.equals(session.loggedIn);
        boolean pageWasIn = Boolean.TRUE.equals(page.loggedIn);
        session.loggedIn = loggedIn;
        page.loggedIn = loggedIn;
        if (loggedIn && fresh && !sessionWasIn) {
            return LoginChange.LOGIN;
        }
        return !loggedIn && pageWasIn && sessionWasIn ? LoginChange.LOGOUT : LoginChange.NONE;
    }

    /** {@link #login(String, String, boolean, boolean)} without a page key: the session stands for the page. */
    synchronized LoginChange login(String sessionKey, boolean loggedIn, boolean fresh) {
        return login(sessionKey, null, loggedIn, fresh);
    }

    /** Whether the presence differs from the last one the session reported; a session's first report is not a change. */
    synchronized boolean presenceChanged(String sessionKey, @Nullable String userStatus, @Nullable String dndStatus) {
        State state = state(sessionKey);
        String presence = userStatus + "\u0000" + dndStatus;
        String before = state.presence;
        state.presence = presence;
        return before != null && !before.equals(presence);
    }

    synchronized int size() {
        return states.size();
    }

    private State state(String sessionKey) {
        return states.computeIfAbsent(Objects.requireNonNull(sessionKey, "sessionKey"), k -> new State());
    }
}

package io.github.embeddable4j.core.graduation;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;
import io.github.embeddable4j.core.message.WidgetCall;
import io.github.embeddable4j.core.message.WidgetEvent;
import io.github.embeddable4j.core.message.WidgetMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the widget's events show of the graduation criteria, for one client ID and server, into a
 * {@link GraduationStore}. Register it with the {@link io.github.embeddable4j.core.event.WidgetEventDispatcher}; it
 * asks only for the event types it counts. Thread-safe.
 * <ul>
 *   <li>Messages, calls and RingOut calls are keyed by their id, so updates of the same one count once, also across
 *       app instances sharing a store.</li>
 *   <li>Presence changes, logins and logouts are transitions within a browser session ({@code sessionKey}): the last
 *       state of up to 4,096 recently active sessions is kept in memory, by each instance for itself, so these three
 *       are right only when a session's events reach one instance (sticky sessions). Events without a session key
 *       cannot show a transition and are not counted for these.</li>
 *   <li>Events come from the user's browser; a user can forge them. The counts are a guide for the developer, and
 *       each counter keeps at most {@link GraduationStore#KEY_LIMIT} keys whatever is sent.</li>
 * </ul>
 *
 * <pre>{@code var tracker = new GraduationTracker(config, new FileGraduationStore(FileGraduationStore.defaultLocation()));}</pre>
 */
public final class GraduationTracker implements WidgetEventListener {

    private static final int SESSIONS = 4096;
    private static final int RECENT_KEYS = 1024;
    private static final Set<String> EVENT_TYPES = eventTypesOfCriteria();

    private final GraduationScope scope;
    private final GraduationStore store;
    private final SessionStates sessions;
    /** Keys this tracker recorded lately: a message updated again does not go to the store again. */
    private final Set<String> recent = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_KEYS;
        }
    }));
    /** Counters the store reported full: nothing more is written to them. */
    private final Set<GraduationCounter> full = ConcurrentHashMap.newKeySet();

    /** A tracker for the configured client ID (empty: the demo app) and server. */
    public GraduationTracker(EmbeddableConfig config, GraduationStore store) {
        this(GraduationScope.of(config), store, SESSIONS);
    }

    GraduationTracker(GraduationScope scope, GraduationStore store, int sessionCapacity) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = new SessionStates(sessionCapacity);
    }

    /** The client ID and server this tracker counts for. */
    public GraduationScope scope() {
        return scope;
    }

    /** The counts so far, read from the store (so they include other instances' counts). */
    public GraduationProgress progress() {
        return GraduationProgress.of(scope, store.counts(scope));
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    /** Counts one event; store failures propagate, and the dispatcher logs them. */
    @Override
    public void onWidgetEvent(ReceivedWidgetEvent received) {
        Embeddable page = received.widget();
        if (page != null && !scope.equals(GraduationScope.of(page.config()))) {
            return; // another tenant's widget, another app: its calls are not this app's graduation
        }
        WidgetEvent event = received.event();
        String session = received.sessionKey();
        if (event instanceof WidgetEvent.MessageEvent m && "rc-message-updated-notify".equals(m.type())) {
            GraduationCounter counter = messageCounter(m.message());
            if (counter != null && m.message().id() != null) {
                record(counter, m.message().id());
            }
        } else if (event instanceof WidgetEvent.CallEvent c) {
            GraduationCounter counter = callCounter(c);
            String id = callId(c.call());
            if (counter != null && id != null) {
                record(counter, id);
            }
        } else if (event instanceof WidgetEvent.RingOutCall r) {
            // The widget posts each presence leg while in RingOut mode: a RingOut call is an Inbound leg (the call
            // back to the user's own phone) and an Outbound one (to the callee), and a customer's call to the user's
            // desk phone is posted too. The Outbound leg is the call the user made.
            if (r.call().sessionId() != null && "Outbound".equalsIgnoreCase(r.call().direction())) {
                record(GraduationCounter.RINGOUT_CALLS, r.call().sessionId());
            }
        } else if (event instanceof WidgetEvent.Presence p && session != null) {
            if ((p.userStatus() != null || p.dndStatus() != null)
                    && sessions.presenceChanged(session, p.userStatus(), p.dndStatus())) {
                record(GraduationCounter.PRESENCE_CHANGES, UUID.randomUUID().toString());
            }
        } else if (event instanceof WidgetEvent.LoginStatus l && session != null) {
            switch (sessions.login(session, received.pageKey(), l.loggedIn(), Boolean.TRUE.equals(l.freshLogin()))) {
                case LOGIN -> record(GraduationCounter.LOGINS, UUID.randomUUID().toString());
                case LOGOUT -> record(GraduationCounter.LOGOUTS, UUID.randomUUID().toString());
                case NONE -> { }
            }
        }
    }

    private static @Nullable GraduationCounter messageCounter(WidgetMessage message) {
        if ("Outbound".equalsIgnoreCase(message.direction())) {
            if ("SMS".equalsIgnoreCase(message.messageType())) {
                return GraduationCounter.SMS_SENT;
            }
            return "Pager".equalsIgnoreCase(message.messageType()) ? GraduationCounter.INTERNAL_MESSAGES_SENT : null;
        }
        boolean read = "Inbound".equalsIgnoreCase(message.direction()) && "Read".equalsIgnoreCase(message.readStatus());
        return read ? GraduationCounter.INBOUND_MESSAGES_READ : null;
    }

    private static @Nullable GraduationCounter callCounter(WidgetEvent.CallEvent c) {
        boolean outbound = "Outbound".equalsIgnoreCase(c.call().direction());
        return switch (c.phase()) {
            case INIT, START -> outbound ? GraduationCounter.OUTBOUND_BROWSER_CALLS : null;
            case RING -> c.call().inbound() ? GraduationCounter.INBOUND_BROWSER_CALLS : null;
            default -> null;
        };
    }

    /** The web-phone session id; its telephony session id when a widget version leaves the id out. */
    private static @Nullable String callId(WidgetCall call) {
        return call.id() != null ? call.id() : call.telephonySessionId();
    }

    private void record(GraduationCounter counter, String rawKey) {
        if (full.contains(counter)) {
            return;
        }
        String key = StoredKeys.fit(rawKey);
        String memo = counter.name() + ' ' + key;
        if (!recent.add(memo)) {
            return;
        }
        int count;
        try {
            count = store.record(scope, counter, key);
        } catch (RuntimeException e) {
            recent.remove(memo); // not stored: a later update of the same message may try again
            throw e;
        }
        if (count >= GraduationStore.KEY_LIMIT) {
            full.add(counter);
        }
    }

    private static Set<String> eventTypesOfCriteria() {
        Set<String> types = new LinkedHashSet<>();
        for (GraduationCriterion criterion : GraduationCriterion.values()) {
            types.addAll(criterion.eventTypes());
        }
        return Collections.unmodifiableSet(types);
    }
}

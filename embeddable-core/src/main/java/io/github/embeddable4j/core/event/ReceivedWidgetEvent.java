package io.github.embeddable4j.core.event;

import io.github.embeddable4j.core.message.WidgetEvent;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A widget event as the server received it from a user's browser: the event, the browser session and user it came
 * from, when, and through which channel. It comes from the user's own browser: treat its content as user input.
 *
 * @param event      the widget's message, parsed
 * @param sessionKey an opaque, stable key of the browser session it came from (a hash, never the session id itself),
 *                   or null when the request had no session
 * @param user       the authenticated user of the request, or null
 * @param receivedAt when the server received it
 * @param channel    how it reached the server
 */
public record ReceivedWidgetEvent(WidgetEvent event, @Nullable String sessionKey, @Nullable Principal user, Instant receivedAt,
        Channel channel) {

    /** How an event reached the server. */
    public enum Channel {
        /** The servlet bridge: the page's bridge script posted it to the event endpoint. */
        HTTP,
        /** A Vaadin component's own connection. */
        VAADIN
    }

    public ReceivedWidgetEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
    }

    /** The event's type, such as {@code rc-call-ring-notify}. */
    public String type() {
        return event.type();
    }

    /**
     * The opaque key of an HTTP session: a truncated SHA-256 of its id, so listeners and logs never see (or leak) the
     * id itself. The same session gives the same key in every adapter.
     */
    public static String sessionKeyOf(String sessionId) {
        return hash("session:" + Objects.requireNonNull(sessionId, "sessionId"));
    }

    /** The key of a page load that has no HTTP session, from the bridge script's random tab key. */
    public static String tabKeyOf(String tab) {
        return hash("tab:" + Objects.requireNonNull(tab, "tab"));
    }

    private static String hash(String source) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The user's name, when the request was authenticated. */
    public Optional<String> userName() {
        return Optional.ofNullable(user).map(Principal::getName);
    }
}

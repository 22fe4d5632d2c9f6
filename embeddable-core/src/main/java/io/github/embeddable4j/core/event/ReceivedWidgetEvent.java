package io.github.embeddable4j.core.event;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.HostNames;
import io.github.embeddable4j.core.Internal;
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
 * @param pageKey    an opaque key of the page load (one widget instance) it came from, or null when unknown: a
 *                   session can have several pages open, and each page's widget starts afresh
 * @param widget     the widget of the page it came from: in an application serving several tenants, the one its
 *                   selector picked for the request (so the tenant's, {@code event.widget() == acmeWidget}), or a Vaadin
 *                   component's own; else the application's own; null when the transport does not know it
 * @param host       the host name the page was served from, as the server resolved it for the request that brought the
 *                   event (a servlet request's {@code getServerName()}, a WebFlux request's URI host; behind a proxy the
 *                   application trusts, the public one), in lower case, without a port or a trailing dot ({@link io.github.embeddable4j.core.HostNames}): where tenants are told apart
 *                   by host, the key their selector looked up ({@code tenants.byHost(event.host())}); null when the
 *                   transport does not know it
 */
public record ReceivedWidgetEvent(WidgetEvent event, @Nullable String sessionKey, @Nullable Principal user, Instant receivedAt,
        Channel channel, @Nullable String pageKey, @Nullable Embeddable widget, @Nullable String host) {

    /** How an event reached the server. */
    public enum Channel {
        /** The HTTP bridge (servlet or WebFlux): the page's bridge script posted it to the event endpoint. */
        HTTP,
        /** A Vaadin component's own connection. */
        VAADIN
    }

    public ReceivedWidgetEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
        host = HostNames.normalize(host);
    }

    /** An event whose page's host is not known. */
    public ReceivedWidgetEvent(WidgetEvent event, @Nullable String sessionKey, @Nullable Principal user, Instant receivedAt,
            Channel channel, @Nullable String pageKey, @Nullable Embeddable widget) {
        this(event, sessionKey, user, receivedAt, channel, pageKey, widget, null);
    }

    /** An event whose page load is not known. */
    public ReceivedWidgetEvent(WidgetEvent event, @Nullable String sessionKey, @Nullable Principal user, Instant receivedAt,
            Channel channel) {
        this(event, sessionKey, user, receivedAt, channel, null, null, null);
    }

    /** An event whose page's widget is not known. */
    public ReceivedWidgetEvent(WidgetEvent event, @Nullable String sessionKey, @Nullable Principal user, Instant receivedAt,
            Channel channel, @Nullable String pageKey) {
        this(event, sessionKey, user, receivedAt, channel, pageKey, null, null);
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

    /** The key of a page load, from the bridge script's random tab key (also the session key when there is no session). */
    @Internal("embeddable4j's bridge and Vaadin component, which key events by tab and page")
    public static String tabKeyOf(String tab) {
        return hash("tab:" + Objects.requireNonNull(tab, "tab"));
    }

    /** The key of a page load identified by the server, such as a Vaadin UI within its session. */
    @Internal("embeddable4j's bridge and Vaadin component, which key events by tab and page")
    public static String pageKeyOf(String sessionId, String pageId) {
        return hash("page:" + Objects.requireNonNull(sessionId, "sessionId") + ":" + Objects.requireNonNull(pageId, "pageId"));
    }

    private static String hash(String source) {
        byte[] hash = sha256().digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
    }

    /** A fresh SHA-256 digest: a copy of one made once, since looking one up by name took most of a hash's time. */
    private static java.security.MessageDigest sha256() {
        try {
            return (java.security.MessageDigest) Sha256.PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) { // not with the JDK's own provider
            return Sha256.newDigest();
        }
    }

    private static final class Sha256 {
        static final java.security.MessageDigest PROTOTYPE = newDigest();

        static java.security.MessageDigest newDigest() {
            try {
                return java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    /** The user's name, when the request was authenticated. */
    public Optional<String> userName() {
        return Optional.ofNullable(user).map(Principal::getName);
    }
}

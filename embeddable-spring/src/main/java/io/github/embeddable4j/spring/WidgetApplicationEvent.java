package io.github.embeddable4j.spring;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvent;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A widget event received from a user's browser, published as a Spring application event. Listen to the types you
 * care about; the type argument selects them:
 *
 * <pre>{@code @EventListener void onRing(WidgetApplicationEvent<WidgetEvent.CallEvent> e) { log(e.getUser(), e.getEvent().call()); }}</pre>
 *
 * Published on a worker thread of the event dispatcher, never on the request thread, so a slow listener does not
 * slow the page; {@code SecurityContextHolder} is empty there, which is why the request's user comes with the event.
 * The content comes from the user's browser: treat it as user input.
 *
 * @param <E> the widget event type
 */
public final class WidgetApplicationEvent<E extends WidgetEvent> implements ResolvableTypeProvider {

    private final ReceivedWidgetEvent received;

    /** The event as core's dispatcher received it; the starter publishes these, a test may too. */
    public WidgetApplicationEvent(ReceivedWidgetEvent received) {
        this.received = Objects.requireNonNull(received, "received");
    }

    /** The widget's message, parsed. */
    @SuppressWarnings("unchecked")
    public E getEvent() {
        return (E) received.event();
    }

    /** The authenticated user of the request that brought the event, or null. */
    public @Nullable Principal getUser() {
        return received.user();
    }

    /**
     * The name of the request's authenticated user, to log: with Spring Security {@link #getUser()} is the whole token,
     * whose text carries the session id and the client's address.
     *
     * <pre>{@code String user = e.getUserName().orElse("anonymous");}</pre>
     */
    public java.util.Optional<String> getUserName() {
        return received.userName();
    }

    /** An opaque key of the browser session it came from, or null. */
    public @Nullable String getSessionKey() {
        return received.sessionKey();
    }

    /** When the server received the event. */
    public Instant getReceivedAt() {
        return received.receivedAt();
    }

    /** The event as core's listeners see it. */
    public ReceivedWidgetEvent getReceived() {
        return received;
    }

    /**
     * The widget of the page it came from: where a selector picks each request's widget (several tenants), that
     * tenant's; else the application's own ({@link ReceivedWidgetEvent#widget()}).
     */
    public @Nullable Embeddable getWidget() {
        return received.widget();
    }

    /**
     * The host name of the page it came from, as the server resolved it, in lower case and without a port: where
     * tenants are told apart by host, the key the selector looked up ({@link ReceivedWidgetEvent#host()}); null when
     * not known.
     */
    public @Nullable String getHost() {
        return received.host();
    }

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(WidgetApplicationEvent.class, received.event().getClass());
    }

    @Override
    public String toString() {
        return "WidgetApplicationEvent[" + received.type() + "]";
    }
}

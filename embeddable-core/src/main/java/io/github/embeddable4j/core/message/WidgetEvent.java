package io.github.embeddable4j.core.message;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message the widget posted to the page ({@code window.postMessage} from its frame), parsed by
 * {@link WidgetEvents#parse(String)}. Every event keeps its {@link #type()} and the raw {@link #json()}; the typed
 * ones add the fields the reference documents. Anything else is an {@link Other}. Parsing is lenient: a field the
 * widget left out is null (the message comes from the user's browser; treat it as user input).
 *
 * <p>A later minor version may add subtypes for messages that are {@link Other} today, and components to the records
 * (the widget's messages grow): a {@code switch} over events should have a {@code default} branch, and code should
 * read records by their accessors rather than by canonical constructors or record patterns that list every component.
 */
public sealed interface WidgetEvent {

    /** The message's {@code type}, such as {@code rc-call-ring-notify}. */
    String type();

    /** The whole message as JSON. */
    String json();

    /**
     * {@code rc-login-status-notify}: sent on start and on every login and logout; the widget is ready once it arrives.
     * {@code freshLogin} is the widget's {@code isFreshLogin}: true when a user just logged in (not a session restored
     * at start), null when the widget did not say. {@code features} is what the user's account lets the widget do, by
     * the widget's names ({@code sms}, {@code call}, {@code meeting}, {@code glip}, {@code smartNote}, ...), empty while
     * logged out or when the widget did not say.
     */
    record LoginStatus(String type, String json, boolean loggedIn, @Nullable String loginNumber, boolean admin,
            @Nullable Boolean freshLogin, Map<String, Boolean> features)
            implements WidgetEvent {

        public LoginStatus {
            features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features)); // the widget's order
        }

        /** Whether the user may use the widget's feature of that name ({@code "sms"}, {@code "call"}); false when not said. */
        public boolean hasFeature(String name) {
            return Boolean.TRUE.equals(features.get(name));
        }
    }

    /** A web-phone (browser) call event: {@code rc-call-ring|init|start|hold|resume|mute|end-notify}. */
    record CallEvent(String type, String json, CallPhase phase, WidgetCall call) implements WidgetEvent {
    }

    /** {@code rc-ringout-call-notify}: a call in RingOut mode. */
    record RingOutCall(String type, String json, ActiveCall call) implements WidgetEvent {
    }

    /** {@code rc-active-call-notify}: any call of the extension, on any device. */
    record ActiveCallNotify(String type, String json, ActiveCall call) implements WidgetEvent {
    }

    /**
     * {@code rc-inbound-message-notify} (a new inbound SMS, voicemail or fax: {@code inbound} true) or
     * {@code rc-message-updated-notify} ({@code inbound} false, whichever way the message went: an inbound message
     * marked read comes so). The message's own direction is {@code message().direction()}.
     */
    record MessageEvent(String type, String json, boolean inbound, WidgetMessage message) implements WidgetEvent {
    }

    /** {@code rc-adapter-syncPresence}: the user's presence changed. */
    record Presence(String type, String json, @Nullable String telephonyStatus, @Nullable String userStatus,
            @Nullable String dndStatus, @Nullable String presenceOption) implements WidgetEvent {
    }

    /** {@code rc-route-changed-notify}: the widget navigated. */
    record RouteChanged(String type, String json, @Nullable String path) implements WidgetEvent {
    }

    /** {@code rc-dialer-status-notify}: whether the dialer can place calls now. */
    record DialerStatus(String type, String json, boolean ready) implements WidgetEvent {
    }

    /** Any other message: its type and JSON. */
    record Other(String type, String json) implements WidgetEvent {
    }

    /**
     * {@code rc-post-message-request}: a third-party service call-out (the widget asks your CRM service something and
     * waits for an {@code rc-post-message-response} with {@code responseId = requestId}). Hand it to
     * {@code io.github.embeddable4j.core.crm.ThirdPartyService}.
     *
     * @param requestId the id to answer with
     * @param path      the registered path called, such as {@code /contacts/match}
     * @param body      the body as JSON text, or null when the widget sent none
     */
    record PostMessageRequest(String type, String json, @Nullable String requestId, @Nullable String path,
            @Nullable String body) implements WidgetEvent {
    }
}

package io.github.embeddable4j.core.graduation;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.message.WidgetEvents;
import java.time.Instant;
import java.util.List;

/** Widget messages shaped as the widget posts them, parsed the way the adapters parse them. */
final class WidgetJson {

    /** What the widget posts when it starts, before anyone logs in, in its order. */
    static final List<String> STARTUP = List.of(
            "{\"type\":\"rc-dialer-status-notify\",\"ready\":false}",
            "{\"type\":\"rc-meeting-status-notify\",\"ready\":false,\"permission\":false}",
            "{\"type\":\"rc-brand-assets-notify\",\"logoUri\":\"logo.svg\",\"iconUri\":\"icon.svg\"}",
            "{\"type\":\"rc-webphone-connection-status-notify\",\"connectionStatus\":\"connectionStatus-disconnected\"}",
            "{\"type\":\"rc-adapter-pushAdapterState\",\"size\":{\"width\":300,\"height\":500},\"minimized\":false,\"closed\":false}",
            presence("NoCall", "Available", "TakeAllCalls"),
            "{\"type\":\"rc-adapter-pushLocale\",\"locale\":\"en-US\",\"strings\":{}}",
            "{\"type\":\"rc-adapter-theme-notify\",\"theme\":\"light\"}",
            "{\"type\":\"rc-adapter-ai-assistant-settings-notify\",\"showAiAssistantWidget\":false,\"autoStartAiAssistant\":false}",
            "{\"type\":\"rc-adapter-syncSize\",\"size\":{\"width\":300,\"height\":500}}",
            "{\"type\":\"rc-adapter-side-drawer-open-notify\",\"open\":false}",
            "{\"type\":\"rc-route-changed-notify\",\"path\":\"/\"}",
            "{\"type\":\"rc-login-status-notify\",\"loggedIn\":false,\"admin\":false,\"features\":{},\"isFreshLogin\":null}");

    private WidgetJson() {
    }

    static ReceivedWidgetEvent received(String json, String sessionKey) {
        return new ReceivedWidgetEvent(WidgetEvents.parse(json), sessionKey, null, Instant.now(),
                ReceivedWidgetEvent.Channel.HTTP);
    }

    static String login(boolean loggedIn, Boolean fresh) {
        return "{\"type\":\"rc-login-status-notify\",\"loggedIn\":" + loggedIn + ",\"loginNumber\":\"+16505550100*101\","
                + "\"contractedCountryCode\":\"US\",\"admin\":false,\"features\":{\"sms\":true,\"meeting\":false,\"glip\":false,"
                + "\"call\":true},\"isFreshLogin\":" + fresh + "}";
    }

    static String presence(String telephonyStatus, String userStatus, String dndStatus) {
        return "{\"type\":\"rc-adapter-syncPresence\",\"telephonyStatus\":\"" + telephonyStatus + "\",\"userStatus\":\""
                + userStatus + "\",\"dndStatus\":\"" + dndStatus + "\",\"presenceOption\":\"" + userStatus.toLowerCase() + "\"}";
    }

    /** {@code rc-message-updated-notify} for a message-store record. */
    static String messageUpdated(String id, String messageType, String direction, String readStatus) {
        return message("rc-message-updated-notify", id, messageType, direction, readStatus);
    }

    static String message(String eventType, String id, String messageType, String direction, String readStatus) {
        boolean pager = "Pager".equals(messageType);
        String me = pager ? "{\"extensionNumber\":\"101\"}" : "{\"phoneNumber\":\"+16505550100\"}";
        String them = pager ? "{\"extensionNumber\":\"102\"}" : "{\"phoneNumber\":\"+16505550199\"}";
        boolean inbound = "Inbound".equals(direction);
        return "{\"type\":\"" + eventType + "\",\"message\":{\"id\":\"" + id + "\",\"conversationId\":\"c-" + id + "\","
                + "\"type\":\"" + messageType + "\",\"direction\":\"" + direction + "\",\"from\":" + (inbound ? them : me)
                + ",\"to\":[" + (inbound ? me : them) + "],\"subject\":\"Hello\",\"readStatus\":\"" + readStatus + "\","
                + "\"messageStatus\":\"" + (inbound ? "Received" : "Sent") + "\",\"availability\":\"Alive\","
                + "\"creationTime\":\"2026-11-27T10:00:00.000Z\",\"lastModifiedTime\":\"2026-11-27T10:00:01.000Z\"}}";
    }

    /** A web-phone call event, such as {@code rc-call-init-notify}. */
    static String call(String eventType, String id, String direction) {
        return "{\"type\":\"" + eventType + "\",\"call\":{\"id\":\"" + id + "\",\"callId\":\"sip-" + id + "\","
                + "\"direction\":\"" + direction + "\",\"callStatus\":\"webphone-session-connecting\","
                + "\"to\":\"+16505550199\",\"toUserName\":\"Bo\",\"from\":\"+16505550100\",\"fromUserName\":\"Ada\","
                + "\"startTime\":1764237600000,\"creationTime\":1764237600000,\"isOnHold\":false,\"isOnMute\":false,"
                + "\"partyData\":{\"partyId\":\"p-" + id + "\",\"sessionId\":\"t-" + id + "\"}}}";
    }

    /** {@code rc-ringout-call-notify} for a RingOut call session in a telephony status. */
    static String ringOut(String sessionId, String telephonyStatus) {
        return "{\"type\":\"rc-ringout-call-notify\",\"call\":{\"sessionId\":\"" + sessionId + "\","
                + "\"telephonySessionId\":\"t-" + sessionId + "\",\"partyId\":\"p-" + sessionId + "\","
                + "\"direction\":\"Outbound\",\"from\":{\"phoneNumber\":\"+16505550100\"},"
                + "\"to\":{\"phoneNumber\":\"+16505550199\"},\"telephonyStatus\":\"" + telephonyStatus + "\","
                + "\"startTime\":\"2026-11-27T10:00:00.000Z\"}}";
    }

    static String route(String path) {
        return "{\"type\":\"rc-route-changed-notify\",\"path\":\"" + path + "\"}";
    }
}

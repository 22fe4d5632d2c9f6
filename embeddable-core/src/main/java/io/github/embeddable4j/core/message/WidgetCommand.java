package io.github.embeddable4j.core.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A command for the widget, posted to its frame (host → widget, fire-and-forget, reference §4.2). Built here once,
 * as JSON, so every adapter sends the same messages. Post it to the widget's origin only, never {@code '*'}.
 *
 * <p>Serializable (a command waiting in a Vaadin component goes with the session to a session store), as its JSON.
 *
 * <pre>{@code String json = WidgetCommand.newCall("+16505550100", true).toJson();}</pre>
 */
public final class WidgetCommand implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The paths {@code rc-adapter-navigate-to} accepts: a widget route, or {@code goBack}. */
    private static final Pattern PATH = Pattern.compile("goBack|/[A-Za-z0-9/$._~%+@-]*");

    private final String type;
    private final ObjectNode message;

    private WidgetCommand(String type) {
        this.type = type;
        this.message = WidgetEvents.JSON.createObjectNode().put("type", type);
    }

    private WidgetCommand(String type, ObjectNode message) {
        this.type = type;
        this.message = message;
    }

    /**
     * {@code rc-adapter-new-call}: open the dialer with the number, and dial it when {@code dialImmediately}. The
     * number goes to the widget as data, as written (the widget reads and formats it).
     *
     * @throws IllegalArgumentException when the number is null or blank: check a user's input before
     */
    public static WidgetCommand newCall(String phoneNumber, boolean dialImmediately) {
        WidgetCommand c = new WidgetCommand("rc-adapter-new-call");
        c.message.put("phoneNumber", requireText(phoneNumber, "phoneNumber")).put("toCall", dialImmediately);
        return c;
    }

    /**
     * {@code rc-adapter-new-sms}: open a new SMS to the number, the text (may be null) filled in; the user presses Send.
     *
     * @throws IllegalArgumentException when the number is null or blank
     */
    public static WidgetCommand newSms(String phoneNumber, @Nullable String text) {
        WidgetCommand c = new WidgetCommand("rc-adapter-new-sms");
        c.message.put("phoneNumber", requireText(phoneNumber, "phoneNumber")).put("text", text == null ? "" : text);
        return c;
    }

    /** {@code rc-adapter-logout}. */
    public static WidgetCommand logout() {
        return new WidgetCommand("rc-adapter-logout");
    }

    /** {@code rc-adapter-navigate-to}: a route such as {@code /dialer}, {@code /messages}, {@code /history}, or {@code goBack}. */
    public static WidgetCommand navigateTo(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' is not a widget route; write one such as /dialer, /messages,"
                    + " /history, /settings, /contacts, or goBack");
        }
        WidgetCommand c = new WidgetCommand("rc-adapter-navigate-to");
        c.message.put("path", path);
        return c;
    }

    /**
     * {@code rc-adapter-syncMinimized}: minimise or restore the floating widget. Sent to the frame it tells the widget
     * its state; adapters that have the loader's {@code RCAdapter} call {@code RCAdapter.setMinimized} instead.
     */
    public static WidgetCommand setMinimized(boolean minimized) {
        WidgetCommand c = new WidgetCommand("rc-adapter-syncMinimized");
        c.message.put("minimized", minimized);
        return c;
    }

    /**
     * {@code rc-adapter-control-call}: act on a web-phone call; a null call id means the ringing call (answer, reject,
     * to voicemail) or the active one.
     */
    public static WidgetCommand controlCall(CallAction action, @Nullable String callId) {
        Objects.requireNonNull(action, "action");
        if (action.needsOption()) {
            throw new IllegalArgumentException(action + " needs a number or digits; use WidgetCommand.forward, transfer or dtmf");
        }
        return control(action, callId);
    }

    /** Forwards a ringing call to a number (a null call id: the ringing call). */
    public static WidgetCommand forward(@Nullable String callId, String phoneNumber) {
        WidgetCommand c = control(CallAction.FORWARD, callId);
        c.message.putObject("options").put("forwardNumber", requireText(phoneNumber, "phoneNumber"));
        return c;
    }

    /** Transfers the call to a number (a null call id: the active call). */
    public static WidgetCommand transfer(@Nullable String callId, String phoneNumber) {
        WidgetCommand c = control(CallAction.TRANSFER, callId);
        c.message.putObject("options").put("transferNumber", requireText(phoneNumber, "phoneNumber"));
        return c;
    }

    /** Sends DTMF digits on the call (widget 2.3.0 and later; a null call id: the active call). */
    public static WidgetCommand dtmf(@Nullable String callId, String digits) {
        if (digits == null || !digits.matches("[0-9*#A-Da-d,]+")) {
            throw new IllegalArgumentException("'" + digits + "' are not DTMF digits; use 0-9, *, #, A-D");
        }
        WidgetCommand c = control(CallAction.DTMF, callId);
        c.message.putObject("options").put("dtmf", digits);
        return c;
    }

    private static WidgetCommand control(CallAction action, @Nullable String callId) {
        WidgetCommand c = new WidgetCommand("rc-adapter-control-call");
        c.message.put("callAction", action.wireValue());
        if (callId != null) {
            c.message.put("callId", callId);
        }
        return c;
    }

    /** {@code rc-adapter-set-presence} (widget 1.8.2 and later); either argument may be null to leave it as it is. */
    public static WidgetCommand setPresence(@Nullable UserStatus userStatus, @Nullable DndStatus dndStatus) {
        if (userStatus == null && dndStatus == null) {
            throw new IllegalArgumentException("setPresence needs a user status, a do-not-disturb status, or both");
        }
        WidgetCommand c = new WidgetCommand("rc-adapter-set-presence");
        if (userStatus != null) {
            c.message.put("userStatus", userStatus.wireValue());
        }
        if (dndStatus != null) {
            c.message.put("dndStatus", dndStatus.wireValue());
        }
        return c;
    }

    private static String requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty; give a phone number such as +16505550100");
        }
        return value;
    }

    /** The message type, such as {@code rc-adapter-new-call}. */
    public String type() {
        return type;
    }

    /**
     * Whether the widget acts on this command only while a user is logged in to it: a new call, a new SMS, call
     * control and presence are ignored by a logged-out widget, so adapters hold them until the widget reports a login.
     * Navigation, minimising and logout work in any state.
     */
    public boolean requiresLogin() {
        return switch (type) {
            case "rc-adapter-new-call", "rc-adapter-new-sms", "rc-adapter-control-call", "rc-adapter-set-presence" -> true;
            default -> false;
        };
    }

    /** The message as JSON, ready for {@code postMessage(JSON.parse(json), widgetOrigin)}. */
    public String toJson() {
        try {
            return WidgetEvents.JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings and booleans always serialises", e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }

    /**
     * The same message: type and fields alike, in any order (a test's
     * {@code assertThat(phone.getQueuedCommands()).containsExactly(WidgetCommand.newCall("+16505550100", true))}).
     */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof WidgetCommand command && message.equals(command.message);
    }

    @Override
    public int hashCode() {
        return message.hashCode();
    }

    // The serialized form is the JSON text, not Jackson's tree: stable across Jackson versions, and read back as text.
    @Serial
    private Object writeReplace() {
        return new SerializedForm(toJson());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("A WidgetCommand is read through its serialized form");
    }

    private record SerializedForm(String json) implements Serializable {
        @Serial
        private Object readResolve() throws InvalidObjectException {
            try {
                if (WidgetEvents.JSON.readTree(json) instanceof ObjectNode node && node.get("type") != null
                        && node.get("type").isTextual()) {
                    return new WidgetCommand(node.get("type").asText(), node);
                }
            } catch (JsonProcessingException e) {
                // reported below
            }
            throw new InvalidObjectException("Not a widget command: a JSON object with a string \"type\" was expected");
        }
    }

    // ---- third-party service (CRM) messages: see io.github.embeddable4j.core.crm ----

    /**
     * {@code rc-adapter-register-third-party-service}: registers a CRM service with the widget (send it after the
     * widget's first {@code rc-login-status-notify}; sending it again updates the registration).
     * {@link io.github.embeddable4j.core.crm.ThirdPartyService#registration} makes it for a caller.
     *
     * <pre>{@code WidgetCommand command = WidgetCommand.registerService(service.descriptor());}</pre>
     */
    public static WidgetCommand registerService(io.github.embeddable4j.core.crm.ServiceDescriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        WidgetCommand c = new WidgetCommand("rc-adapter-register-third-party-service");
        c.message.set("service", readJson(descriptor.toJson(), "descriptor"));
        return c;
    }

    /**
     * {@code rc-post-message-response}: the answer to a widget call-out ({@code rc-post-message-request}), with the
     * request's id and the {@code response} value given as JSON text.
     *
     * <pre>{@code WidgetCommand.postMessageResponse(request.requestId(), "{\"data\":\"ok\"}")}</pre>
     *
     * @throws IllegalArgumentException if the id is empty or longer than 200 characters, or the response is not JSON
     */
    public static WidgetCommand postMessageResponse(String requestId, String responseJson) {
        if (requestId == null || requestId.isEmpty() || requestId.length() > 200) {
            throw new IllegalArgumentException("requestId must be the widget request's id (1 to 200 characters)");
        }
        WidgetCommand c = new WidgetCommand("rc-post-message-response");
        c.message.put("responseId", requestId);
        c.message.set("response", readJson(Objects.requireNonNull(responseJson, "responseJson"), "responseJson"));
        return c;
    }

    /** {@code rc-adapter-sync-third-party-contacts}: the widget reloads the service's contacts (with its sync token). */
    public static WidgetCommand syncThirdPartyContacts() {
        return new WidgetCommand("rc-adapter-sync-third-party-contacts");
    }

    /**
     * {@code rc-adapter-trigger-contact-match} (widget 2.0 and later): the widget matches these numbers again; it
     * only re-matches numbers it has matched before, so send them as it does (E.164).
     */
    public static WidgetCommand triggerContactMatch(java.util.Collection<String> phoneNumbers) {
        WidgetCommand c = new WidgetCommand("rc-adapter-trigger-contact-match");
        requireStrings(phoneNumbers, "phoneNumbers").forEach(c.message.putArray("phoneNumbers")::add);
        return c;
    }

    /** {@code rc-adapter-trigger-call-logger-match}: the widget asks again which of these calls are logged. */
    public static WidgetCommand triggerCallLoggerMatch(java.util.Collection<String> sessionIds) {
        WidgetCommand c = new WidgetCommand("rc-adapter-trigger-call-logger-match");
        requireStrings(sessionIds, "sessionIds").forEach(c.message.putArray("sessionIds")::add);
        return c;
    }

    /** {@code rc-adapter-update-authorization-status}: the user connected or disconnected the CRM; the account may be null. */
    public static WidgetCommand updateAuthorizationStatus(boolean authorized, @Nullable String authorizedAccount) {
        WidgetCommand c = new WidgetCommand("rc-adapter-update-authorization-status");
        c.message.put("authorized", authorized);
        if (authorizedAccount != null) {
            c.message.put("authorizedAccount", authorizedAccount);
        }
        return c;
    }

    /**
     * {@code rc-adapter-message-request} to {@code /custom-alert-message}: the widget shows a message bar. Written in
     * the top-level form every widget version reads ({@code alertMessage}, {@code alertLevel}, {@code ttl}) and in the
     * {@code body} form 2.x also reads: 2.x takes {@code data.ttl || data.body.ttl}, so a top-level 0 alone is no ttl
     * and the bar goes after the default 5 s. The widget answers with an {@code rc-adapter-message-response} that can
     * be ignored.
     *
     * @param level {@code info}, {@code warning} or {@code danger}
     * @param ttl   how long it stays; zero keeps it until dismissed
     */
    public static WidgetCommand showAlert(String message, String level, java.time.Duration ttl) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("An alert needs a message");
        }
        if (!"info".equals(level) && !"warning".equals(level) && !"danger".equals(level)) {
            throw new IllegalArgumentException("'" + level + "' is not an alert level; use info, warning or danger");
        }
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be zero (until dismissed) or positive");
        }
        WidgetCommand c = new WidgetCommand("rc-adapter-message-request");
        c.message.put("requestId", java.util.UUID.randomUUID().toString()).put("path", "/custom-alert-message")
                .put("alertMessage", message).put("alertLevel", level).put("ttl", ttl.toMillis());
        c.message.putObject("body").put("message", message).put("level", level).put("ttl", ttl.toMillis());
        return c;
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String json, String name) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = WidgetEvents.JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(name + " is empty; give a JSON value such as null or {}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static java.util.List<String> requireStrings(java.util.Collection<String> values, String name) {
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException(name + " must hold at least one value and no empty one");
        }
        return java.util.List.copyOf(values);
    }
}

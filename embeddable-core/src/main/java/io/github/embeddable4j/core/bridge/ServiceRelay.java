package io.github.embeddable4j.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.embeddable4j.core.Internal;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.ServiceAnswer;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.github.embeddable4j.core.message.WidgetCommand;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The server half of the glue's third-party service relay, the same for every transport. The glue sends
 * {@code {"register": true}} after the widget's first login-status message, and {@code {"requestId", "path", "body"}}
 * for each {@code rc-post-message-request} call-out; the reply is {@code {"messages": [...], "openUrl": "..."}}: the
 * messages to post to the widget (the registration, or the {@code rc-post-message-response} envelope and any follow-up
 * commands) and a page to open for the user, if any. The reply always comes, within the call-out's deadline
 * ({@link ThirdPartyService} answers errors the widget can show).
 *
 * <p>The registration's reply also lists, as {@code "resend"}, the paths of the call-outs that only read
 * ({@link io.github.embeddable4j.core.crm.Callout#readsOnly()}): the glue sends those, and the registration, again
 * after a proxy's 502 or 504 or a failed connection. For a call-out it does not send again it sends
 * {@code {"requestId", "path", "unanswered": 502, "body": {"triggerType"}}} instead (0 for a failed connection), and after a 413 {@code {"requestId", "path", "tooLarge": true,
 * "body": {"triggerType"}}}: both answered with an error at once, without a provider. It lists as {@code "timeouts"}
 * the widget's own timeout for each path, in milliseconds: the glue stops trying a call-out a little before it (an
 * answer after it reaches no one). It lists as {@code "refused"} what the glue tells the widget itself, per path, when
 * the application refuses a call-out before the bridge sees it ({@link ThirdPartyService#pageRefusals()}). A call-out
 * sent again carries {@code "waited"}, the milliseconds since the widget asked, and its provider gets only what is
 * left of its deadline
 * ({@link ThirdPartyService#answer(String, String, Caller, java.time.Duration)}): a call log made after the widget had
 * reported it as failed would be logged twice at the user's next try.
 *
 * <pre>{@code ServiceRelay.handle(service, body, length, caller).thenAccept(reply -> write(reply));}</pre>
 */
@Internal("embeddable4j's adapters (the bridge endpoints)")
public final class ServiceRelay {

    /** The largest relay request: a call-out body can carry a call with its notes, or a whole conversation. */
    public static final int MAX_BODY_BYTES = 512 * 1024;

    private static final String LIMIT = String.format(Locale.ROOT, "the HTTP bridge's body limit, %,d bytes",
            MAX_BODY_BYTES);

    private ServiceRelay() {
    }

    /**
     * @throws BridgeError 400 for a body that is not such a request, 413 for one over {@link #MAX_BODY_BYTES}
     */
    public static CompletableFuture<String> handle(ThirdPartyService service, byte[] body, int length, Caller caller)
            throws BridgeError {
        Objects.requireNonNull(service, "service");
        if (length > MAX_BODY_BYTES) {
            throw new BridgeError(413, "too-large", "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        Json.requireUtf8(body, length);
        Json.requireWellFormedUtf8(body, length);
        JsonNode root;
        try {
            root = Json.DOCUMENT.readTree(body, 0, length);
        } catch (IOException e) { // JsonProcessingException included
            throw Json.malformed(e);
        }
        if (root == null || !root.isObject()) {
            throw BridgeError.badRequest("not-an-object", "Send {\"register\": true} or {\"requestId\", \"path\", \"body\"}.");
        }
        if (root.path("register").asBoolean(false)) {
            Map<io.github.embeddable4j.core.crm.Callout, String> served = service.descriptor().paths();
            List<String> resend = served.entrySet().stream()
                    .filter(e -> e.getKey().readsOnly()).map(Map.Entry::getValue).sorted().toList();
            return service.registration(caller).thenApply(command -> {
                ObjectNode out = replyNode(List.of(command), null);
                ArrayNode paths = out.putArray("resend");
                resend.forEach(paths::add);
                ObjectNode timeouts = out.putObject("timeouts");
                served.forEach((callout, path) -> timeouts.put(path, callout.widgetTimeout().toMillis()));
                out.putRawValue("refused", new RawValue(service.pageRefusals()));
                return Json.write(out);
            });
        }
        JsonNode id = root.get("requestId");
        JsonNode path = root.get("path");
        if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > 200
                || path == null || !path.isTextual() || path.asText().length() > 200) {
            throw BridgeError.badRequest("bad-callout", "A call-out needs a \"requestId\" and a \"path\" (strings of at"
                    + " most 200 characters).");
        }
        JsonNode callBody = root.get("body");
        String bodyJson = callBody == null || callBody.isNull() ? null : Json.write(callBody);
        String requestId = id.asText();
        JsonNode unanswered = root.get("unanswered");
        if (unanswered != null) {
            // The glue's word that a proxy answered 502 or 504 for a call-out that acts, or that its connection failed
            // (0), which it does not send again.
            if (!unanswered.isInt() || (unanswered.intValue() != 502 && unanswered.intValue() != 504
                    && unanswered.intValue() != 0)) {
                throw BridgeError.badRequest("bad-callout", "\"unanswered\" is the proxy's status, 502 or 504, or 0"
                        + " for a failed connection.");
            }
            return CompletableFuture.completedFuture(reply(service.unanswered(path.asText(), bodyJson,
                    unanswered.intValue()), requestId));
        }
        if (root.path("tooLarge").asBoolean(false)) {
            // The glue's word that this call-out's request was refused as too large (413): the widget is told so now.
            return CompletableFuture.completedFuture(reply(service.tooLarge(path.asText(), bodyJson, LIMIT), requestId));
        }
        JsonNode waited = root.get("waited");
        if (waited != null && (!waited.canConvertToLong() || !waited.isIntegralNumber() || waited.longValue() < 0)) {
            throw BridgeError.badRequest("bad-callout", "\"waited\" is the milliseconds since the widget asked, 0 or more.");
        }
        java.time.Duration since = java.time.Duration.ofMillis(waited == null ? 0 : Math.min(waited.longValue(), 3_600_000L));
        return service.answerOnce(requestId, path.asText(), bodyJson, caller, since)
                .thenApply(answer -> reply(answer, requestId));
    }

    /**
     * The page's reply for one answered call-out, {@code {"messages": [...], "openUrl": "..."}}: what the HTTP
     * transport answers, and what another transport (the Vaadin component's channel) hands the same client glue, which
     * posts the messages and opens the page.
     */
    public static String reply(ServiceAnswer answer, String requestId) {
        List<WidgetCommand> messages = new ArrayList<>();
        messages.add(answer.envelope(requestId));
        messages.addAll(answer.followUps());
        return reply(messages, answer.openUrl());
    }

    /** The page's reply carrying {@code messages} (a registration, say) and a page to open, or none. */
    public static String reply(List<WidgetCommand> messages, @Nullable URI openUrl) {
        return Json.write(replyNode(messages, openUrl));
    }

    private static ObjectNode replyNode(List<WidgetCommand> messages, @Nullable URI openUrl) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("messages");
        for (WidgetCommand command : messages) {
            // written as it is, not read again: the parser's limits are for what clients send, and a search answer
            // with a contact's 1 MB data-URL avatar failed them (a review: a 400, and the widget waited 30 s)
            list.addRawValue(new RawValue(command.toJson()));
        }
        if (openUrl != null) {
            out.put("openUrl", openUrl.toString());
        }
        return out;
    }
}

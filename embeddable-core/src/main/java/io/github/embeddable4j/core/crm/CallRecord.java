package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A call as the widget sends it to the call logger (from its call history or an active call). The widget's call
 * objects carry many more fields than modelled here: they are in {@code extra}, and the whole call in {@code json}.
 *
 * @param sessionId          the call's session id: the key of call-log matching (null only if the widget left it out)
 * @param telephonySessionId the telephony session id, or null
 * @param direction          {@code Inbound} or {@code Outbound}, or null if the widget left it out
 * @param from               the calling party
 * @param to                 the called party
 * @param startTime          start, epoch milliseconds, or null
 * @param durationSeconds    duration in seconds, or null while the call is in progress
 * @param result             the call result (such as {@code Call connected}, {@code Missed}), or null
 * @param recording          the recording, or null
 * @param json               the call object as received
 * @param extra              call fields not modelled here
 */
public record CallRecord(@Nullable String sessionId, @Nullable String telephonySessionId, @Nullable String direction,
        Party from, Party to, @Nullable Long startTime, @Nullable Long durationSeconds, @Nullable String result,
        @Nullable Recording recording, String json, Map<String, @Nullable Object> extra) {

    private static final Set<String> FIELDS = Set.of("sessionId", "telephonySessionId", "direction", "from", "to",
            "startTime", "duration", "result", "recording");

    public CallRecord {
        from = from == null ? new Party(null, null, null) : from;
        to = to == null ? new Party(null, null, null) : to;
        extra = extra == null ? Map.of() : extra;
    }

    /** Whether the call came in. */
    public boolean inbound() {
        return "Inbound".equalsIgnoreCase(direction);
    }

    /** The other party: the caller of an inbound call, the callee of an outbound one. */
    public Party otherParty() {
        return inbound() ? from : to;
    }

    /**
     * One end of a call.
     *
     * @param phoneNumber     the number, or null
     * @param extensionNumber the extension, for internal calls, or null
     * @param name            the name RingCentral has, or null
     */
    public record Party(@Nullable String phoneNumber, @Nullable String extensionNumber, @Nullable String name) {
    }

    /**
     * A call recording. {@code contentUri} needs a RingCentral access token to download; {@code link} opens a player.
     * Each field is null when the widget leaves it out.
     *
     * @param id         the recording id
     * @param type       {@code Automatic} or {@code OnDemand}
     * @param uri        its API URI
     * @param contentUri its media URI
     * @param link       a page that plays it
     */
    public record Recording(@Nullable String id, @Nullable String type, @Nullable String uri, @Nullable String contentUri,
            @Nullable String link) {
    }

    static CallRecord fromTree(JsonNode c) {
        JsonNode rec = c.path("recording");
        Recording recording = rec.isObject() ? new Recording(CrmJson.text(rec, "id"), CrmJson.text(rec, "type"),
                CrmJson.text(rec, "uri"), CrmJson.text(rec, "contentUri"), CrmJson.text(rec, "link")) : null;
        return new CallRecord(CrmJson.text(c, "sessionId"), CrmJson.text(c, "telephonySessionId"),
                CrmJson.text(c, "direction"), party(c, "from", "fromName"), party(c, "to", "toName"),
                CrmJson.number(c, "startTime"), CrmJson.number(c, "duration"), CrmJson.text(c, "result"), recording,
                CrmJson.write(c), CrmJson.extra(c, FIELDS));
    }

    /** A party is an object ({@code phoneNumber}, {@code extensionNumber}, {@code name}) or, in web-phone calls, a string. */
    private static Party party(JsonNode call, String field, String nameField) {
        JsonNode p = call.path(field);
        if (p.isTextual()) {
            return new Party(p.asText(), null, CrmJson.text(call, nameField));
        }
        String name = CrmJson.text(p, "name");
        return new Party(CrmJson.text(p, "phoneNumber"), CrmJson.text(p, "extensionNumber"),
                name != null ? name : CrmJson.text(call, nameField));
    }
}

package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddable4j.core.message.WidgetCommand;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.NullUnmarked;

/**
 * Per call-out: reading the body into its request model, calling the provider, and writing the widget's answer, plus
 * the error answer of each call-out (see {@link #failure}). Everything here runs inside {@link ThirdPartyService}'s
 * guards: anything thrown becomes an error answer there.
 */
@NullUnmarked // providers are nullable fields, each dereferenced only for the call-outs it serves
final class Callouts {

    /** A body the call-out cannot use; the message says what is wrong and is safe to send back. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static final Duration ALERT_TTL = Duration.ofSeconds(10);

    private final ServiceDescriptor descriptor;
    private final PhoneNumberNormalizer normalizer;
    private final DoNotContactDecision.OnFailure dncFailure;
    final ContactProvider contacts;
    final ContactDirectory directory;
    final ContactViewer viewer;
    final CallLogger callLogger;
    final CallLogMatcher callLogMatcher;
    final MessageLogger messageLogger;
    final MessageLogMatcher messageLogMatcher;
    final DoNotContactCheck doNotContact;
    final ThirdPartyAuthorization authorization;
    final ContactActivities activities;

    Callouts(ServiceDescriptor descriptor, PhoneNumberNormalizer normalizer, DoNotContactDecision.OnFailure dncFailure,
            ContactProvider contacts, ContactDirectory directory, ContactViewer viewer, CallLogger callLogger,
            CallLogMatcher callLogMatcher, MessageLogger messageLogger, MessageLogMatcher messageLogMatcher,
            DoNotContactCheck doNotContact, ThirdPartyAuthorization authorization, ContactActivities activities) {
        this.descriptor = descriptor;
        this.normalizer = normalizer;
        this.dncFailure = dncFailure;
        this.contacts = contacts;
        this.directory = directory;
        this.viewer = viewer;
        this.callLogger = callLogger;
        this.callLogMatcher = callLogMatcher;
        this.messageLogger = messageLogger;
        this.messageLogMatcher = messageLogMatcher;
        this.doNotContact = doNotContact;
        this.authorization = authorization;
        this.activities = activities;
    }

    // ---- reading ----

    Object parse(Callout callout, JsonNode body, String json) throws BadRequest {
        if (!body.isObject()) {
            throw new BadRequest("The body must be a JSON object.");
        }
        String text = json == null || json.isBlank() ? "{}" : json;
        return switch (callout) {
            case CONTACTS -> new ContactPageRequest(Objects.requireNonNullElse(CrmJson.text(body, "page"), "1"), blankToNull(CrmJson.text(body, "syncTimestamp")),
                    "api".equals(CrmJson.text(body, "type")), text, CrmJson.extra(body, Set.of("page", "syncTimestamp", "type")));
            case CONTACT_SEARCH -> new ContactSearchRequest(requireText(body, "searchString"), text,
                    CrmJson.extra(body, Set.of("searchString")));
            case CONTACT_MATCH -> new ContactMatchRequest(requireTexts(body, "phoneNumbers"), callerIds(body),
                    "manual".equals(CrmJson.text(body, "triggerFrom")), text,
                    CrmJson.extra(body, Set.of("phoneNumbers", "callerIds", "triggerFrom")));
            case VIEW_CONTACT -> {
                requireText(body, "id");
                yield Contact.fromTree(body);
            }
            case CALL_LOGGER -> new CallLogRequest(CallRecord.fromTree(requireObject(body, "call")),
                    CallLogTrigger.fromWire(CrmJson.text(body, "triggerType")),
                    body.path("contact").isObject() ? Contact.fromTree(body.get("contact")) : null,
                    CrmJson.bool(body, "redirect"), CrmJson.text(body, "note"), CrmJson.map(body, "formData"),
                    CrmJson.text(body, "aiNote"), CrmJson.text(body, "transcript"), text,
                    CrmJson.extra(body, Set.of("call", "triggerType", "contact", "redirect", "note", "formData", "aiNote",
                            "transcript")));
            case CALL_LOG_MATCH -> new CallLogMatchRequest(requireTexts(body, "sessionIds"),
                    optionalTexts(body, "activeSessionIds"), text,
                    CrmJson.extra(body, Set.of("sessionIds", "activeSessionIds")));
            case MESSAGE_LOGGER -> new MessageLogRequest(Conversation.fromTree(requireObject(body, "conversation")),
                    MessageLogTrigger.fromWire(CrmJson.text(body, "triggerType")), CrmJson.bool(body, "redirect"),
                    CrmJson.map(body, "formData"), text,
                    CrmJson.extra(body, Set.of("conversation", "triggerType", "redirect", "formData")));
            case MESSAGE_LOG_MATCH -> new MessageLogMatchRequest(requireTexts(body, "conversationLogIds"), text,
                    CrmJson.extra(body, Set.of("conversationLogIds")));
            case DO_NOT_CONTACT -> doNotContactRequest(body, text);
            case AUTHORIZATION -> CrmJson.bool(body, "authorized");
            case ACTIVITIES -> Contact.fromTree(requireObject(body, "contact"));
            case ACTIVITY -> Activity.fromTree(requireObject(body, "activity"));
        };
    }

    private static DoNotContactRequest doNotContactRequest(JsonNode body, String text) throws BadRequest {
        String action = CrmJson.text(body, "actionType");
        Set<String> known = Set.of("actionType", "phoneNumber", "contactId", "name", "contactType", "entityType",
                "phoneType", "recipients");
        if ("call".equals(action)) {
            return new DoNotContactRequest(DoNotContactRequest.Action.CALL, List.of(recipient(body, requireText(body,
                    "phoneNumber"))), text, CrmJson.extra(body, known));
        }
        if ("sms".equals(action)) {
            JsonNode list = body.path("recipients");
            if (!list.isArray()) {
                throw new BadRequest("\"recipients\" must be a list of {phoneNumber} objects.");
            }
            List<DoNotContactRequest.Recipient> recipients = new ArrayList<>();
            for (JsonNode r : list) {
                String number = CrmJson.text(r, "phoneNumber");
                if (number != null && !number.isBlank()) {
                    recipients.add(recipient(r, number));
                }
            }
            return new DoNotContactRequest(DoNotContactRequest.Action.SMS, recipients, text, CrmJson.extra(body, known));
        }
        throw new BadRequest("\"actionType\" must be \"call\" or \"sms\".");
    }

    private static DoNotContactRequest.Recipient recipient(JsonNode r, String number) {
        return new DoNotContactRequest.Recipient(number, CrmJson.text(r, "contactId"), CrmJson.text(r, "name"),
                CrmJson.text(r, "contactType"), CrmJson.text(r, "entityType"), CrmJson.text(r, "phoneType"));
    }

    private static Map<String, String> callerIds(JsonNode body) {
        JsonNode ids = body.path("callerIds");
        if (!ids.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ids.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static String requireText(JsonNode body, String field) throws BadRequest {
        String value = CrmJson.text(body, field);
        if (value == null || value.isEmpty()) {
            throw new BadRequest("\"" + field + "\" is missing or empty.");
        }
        return value;
    }

    private static JsonNode requireObject(JsonNode body, String field) throws BadRequest {
        JsonNode value = body.path(field);
        if (!value.isObject()) {
            throw new BadRequest("\"" + field + "\" must be an object.");
        }
        return value;
    }

    private static List<String> requireTexts(JsonNode body, String field) throws BadRequest {
        List<String> values = CrmJson.texts(body, field);
        if (values == null) {
            throw new BadRequest("\"" + field + "\" must be a list of strings.");
        }
        return values;
    }

    private static List<String> optionalTexts(JsonNode body, String field) throws BadRequest {
        return body.path(field).isMissingNode() || body.path(field).isNull() ? List.of() : requireTexts(body, field);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Whether the user pressed something for this call-out (a failure then deserves an alert in the widget). */
    static boolean userAction(Callout callout, JsonNode body) {
        return switch (callout) {
            case VIEW_CONTACT, AUTHORIZATION, ACTIVITIES, ACTIVITY -> true;
            case CALL_LOGGER -> body != null && CallLogTrigger.fromWire(CrmJson.text(body, "triggerType")).userAction();
            case MESSAGE_LOGGER -> body != null && MessageLogTrigger.fromWire(CrmJson.text(body, "triggerType")).userAction();
            default -> false;
        };
    }

    /**
     * The triggers of a call-out that mean the user asked, for a page that must decide without this class: true (every
     * call of it), the trigger types that do, or false (none).
     */
    static JsonNode askedBy(Callout callout) {
        return switch (callout) {
            case VIEW_CONTACT, AUTHORIZATION, ACTIVITIES, ACTIVITY -> CrmJson.NODES.booleanNode(true);
            case CALL_LOGGER -> triggers(Arrays.stream(CallLogTrigger.values())
                    .filter(CallLogTrigger::userAction).map(CallLogTrigger::wireValue));
            case MESSAGE_LOGGER -> triggers(Arrays.stream(MessageLogTrigger.values())
                    .filter(MessageLogTrigger::userAction).map(MessageLogTrigger::wireValue));
            default -> CrmJson.NODES.booleanNode(false);
        };
    }

    private static ArrayNode triggers(Stream<String> wires) {
        ArrayNode list = CrmJson.NODES.arrayNode();
        wires.filter(w -> !w.isEmpty()).forEach(list::add);
        return list;
    }

    // ---- calling and writing ----

    ServiceAnswer invoke(Callout callout, Object request, Caller caller) {
        return switch (callout) {
            case CONTACTS -> {
                ContactPage page = returned(directory.contacts((ContactPageRequest) request, caller), "a ContactPage");
                ObjectNode o = CrmJson.NODES.objectNode();
                ArrayNode data = o.putArray("data");
                page.contacts().forEach(c -> data.add(c.toTree(descriptor.name())));
                putToken(o, "nextPage", page.nextPage());
                putToken(o, "syncTimestamp", page.syncToken());
                yield ok(callout, o, null, List.of());
            }
            case CONTACT_SEARCH -> {
                List<Contact> found = returned(contacts.search((ContactSearchRequest) request, caller), "a list");
                ObjectNode o = CrmJson.NODES.objectNode();
                ArrayNode data = o.putArray("data");
                found.forEach(c -> data.add(c.toTree(descriptor.name())));
                yield ok(callout, o, null, List.of());
            }
            case CONTACT_MATCH -> {
                ContactMatchRequest match = (ContactMatchRequest) request;
                Map<String, List<Contact>> found = returned(contacts.match(match, caller), "a map");
                ObjectNode data = CrmJson.NODES.objectNode();
                for (Map.Entry<String, List<Contact>> e : rekey(match.phoneNumbers(), found, true).entrySet()) {
                    ArrayNode list = data.putArray(e.getKey());
                    e.getValue().forEach(c -> list.add(c.toTree(descriptor.name())));
                }
                yield ok(callout, CrmJson.NODES.objectNode().set("data", data), null, List.of());
            }
            case VIEW_CONTACT -> done(callout, returned(viewer.view((Contact) request, caller), "an Optional"), List.of());
            case CALL_LOGGER -> {
                callLogger.log((CallLogRequest) request, caller);
                yield done(callout, Optional.empty(), List.of());
            }
            case CALL_LOG_MATCH -> {
                CallLogMatchRequest match = (CallLogMatchRequest) request;
                yield logs(callout, rekey(match.sessionIds(), returned(callLogMatcher.match(match, caller), "a map"), false));
            }
            case MESSAGE_LOGGER -> {
                messageLogger.log((MessageLogRequest) request, caller);
                yield done(callout, Optional.empty(), List.of());
            }
            case MESSAGE_LOG_MATCH -> {
                MessageLogMatchRequest match = (MessageLogMatchRequest) request;
                yield logs(callout, rekey(match.conversationLogIds(), returned(messageLogMatcher.match(match, caller), "a map"), false));
            }
            case DO_NOT_CONTACT -> {
                DoNotContactDecision decision = returned(doNotContact.check((DoNotContactRequest) request, caller), "a decision");
                yield ok(callout, CrmJson.NODES.objectNode().set("data", decision.toTree()), null, List.of());
            }
            case AUTHORIZATION -> {
                Optional<URI> open = returned(authorization.buttonClicked((Boolean) request, caller), "an Optional");
                AuthorizationStatus status = returned(authorization.status(caller), "a status");
                yield done(callout, open, List.of(WidgetCommand.updateAuthorizationStatus(status.authorized(), status.account())));
            }
            case ACTIVITIES -> {
                List<Activity> list = returned(activities.activities((Contact) request, caller), "a list");
                ObjectNode o = CrmJson.NODES.objectNode();
                ArrayNode data = o.putArray("data");
                list.forEach(a -> data.add(a.toTree()));
                yield ok(callout, o, null, List.of());
            }
            case ACTIVITY -> done(callout, returned(activities.open((Activity) request, caller), "an Optional"), List.of());
        };
    }

    /**
     * The provider's answer keyed exactly by what the widget asked for, every asked key present (an empty list is a
     * definite "nothing"); keys the widget did not ask for are dropped. Phone numbers also match on their normalised
     * form, so a provider may key by E.164 or by the number as its CRM stores it.
     */
    private <T> Map<String, List<T>> rekey(List<String> asked, Map<String, ? extends List<T>> found, boolean phoneNumbers) {
        Map<String, List<T>> byKey = new HashMap<>();
        Map<String, List<T>> byExtension = new HashMap<>();
        if (phoneNumbers) {
            found.forEach((k, v) -> {
                String key = normalizer.matchKey(k);
                if (key != null && v != null) {
                    byKey.computeIfAbsent(key, x -> new ArrayList<>()).addAll(v);
                    String extension = normalizer.extensionKey(k);
                    if (extension != null) {
                        byExtension.computeIfAbsent(extension, x -> new ArrayList<>()).addAll(v);
                    }
                }
            });
        }
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (String key : new LinkedHashSet<>(asked)) {
            List<T> list = found.get(key);
            if (list == null && phoneNumbers) {
                // as PhoneNumberIndex finds: an extension asked for finds what was keyed with it, else all on the number
                // (a review: keyed by the CRM's "ext. 123" and "ext. 456", both merged into each)
                String extension = normalizer.extensionKey(key);
                list = extension == null ? null : byExtension.get(extension);
                if (list == null) {
                    String normal = normalizer.matchKey(key);
                    list = normal == null ? null : byKey.get(normal);
                }
            }
            out.put(key, list == null ? List.of() : dedupe(list));
        }
        return out;
    }

    private static <T> List<T> dedupe(List<T> list) {
        for (T t : list) {
            if (t == null) {
                throw new IllegalStateException("The provider returned a list with a null item");
            }
        }
        return List.copyOf(new LinkedHashSet<>(list));
    }

    private static ServiceAnswer logs(Callout callout, Map<String, List<LogEntity>> byId) {
        ObjectNode data = CrmJson.NODES.objectNode();
        byId.forEach((id, logs) -> {
            ArrayNode list = data.putArray(id);
            for (LogEntity log : logs) {
                ObjectNode o = list.addObject().put("id", log.id());
                if (log.note() != null) {
                    o.put("note", log.note());
                }
                CrmJson.putExtra(o, log.extra());
            }
        });
        return ok(callout, CrmJson.NODES.objectNode().set("data", data), null, List.of());
    }

    /** {@code {"data":"ok"}}, plus {@code openUrl} when there is a page to open. */
    private static ServiceAnswer done(Callout callout, Optional<URI> open, List<WidgetCommand> followUps) {
        ObjectNode o = CrmJson.NODES.objectNode().put("data", "ok");
        URI url = open.map(Callouts::checkOpenUrl).orElse(null);
        if (url != null) {
            o.put("openUrl", url.toString());
        }
        return ok(callout, o, url, followUps);
    }

    private static ServiceAnswer ok(Callout callout, JsonNode response, URI openUrl, List<WidgetCommand> followUps) {
        return new ServiceAnswer(callout, CrmJson.write(response), null, openUrl, followUps);
    }

    /**
     * Numeric tokens go out as numbers (as the widget's docs send them), others as strings; null stays null. A number
     * only when the widget's JavaScript sends back the same text: at most 15 digits (exact in a double) and no leading
     * zero ("007" would come back as "7").
     */
    private static void putToken(ObjectNode o, String field, String token) {
        if (token == null) {
            o.putNull(field);
        } else if (!token.isEmpty() && token.length() <= 15 && token.chars().allMatch(c -> c >= '0' && c <= '9')
                && (token.charAt(0) != '0' || token.length() == 1)) {
            o.put(field, Long.parseLong(token));
        } else {
            o.put(field, token);
        }
    }

    private static <T> T returned(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("The provider returned null instead of " + what);
        }
        return value;
    }

    /**
     * A page to open must be an absolute http(s) URL or a path on the same site: never {@code javascript:} or
     * {@code data:}, which a transport would otherwise run in the user's page.
     */
    static URI checkOpenUrl(URI url) {
        String scheme = url.getScheme();
        boolean absolute = ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && url.getHost() != null;
        boolean sitePath = scheme == null && url.getRawAuthority() == null && url.getRawPath() != null
                && url.getRawPath().startsWith("/") && !url.toString().startsWith("//");
        if (!absolute && !sitePath) {
            throw new IllegalStateException("The provider returned a page URL that is neither http(s) nor a path"
                    + " starting with /: " + url);
        }
        return url;
    }

    // ---- error answers ----

    /**
     * The error answer of a call-out: shaped so the widget does what it does when the call-out fails on its side,
     * never something worse, and carrying {@code error} for whoever reads the traffic:
     * <ul>
     *   <li>contacts: JSON {@code null}; the widget reads {@code data}, {@code nextPage} and {@code syncTimestamp}
     *       from the answer, so null makes its load fail and it keeps the contacts and sync token it has (an object
     *       without a {@code data} list would make it replace all contacts with none);</li>
     *   <li>search and activities: {@code data: []} (no results);</li>
     *   <li>the three matches: {@code data: {}}, which the widget treats as its own failure (it keeps nothing and
     *       asks again later), while a successful answer always lists every asked key;</li>
     *   <li>do-not-contact: the decision of {@link DoNotContactDecision.OnFailure}, whose message the widget shows in
     *       its dialog;</li>
     *   <li>the rest (loggers, view, authorize, open activity), whose answers the widget does not read:
     *       {@code {error}}.</li>
     * </ul>
     * When the user pressed something (a log button, authorize, view, activities), an alert command that tells them
     * follows.
     */
    ServiceAnswer failure(Callout callout, ServiceError error, boolean userAction) {
        JsonNode errorTree = CrmJson.NODES.objectNode().put("code", error.code().wireValue()).put("message", error.message());
        ObjectNode o = CrmJson.NODES.objectNode();
        String response;
        switch (callout) {
            case CONTACTS -> response = "null";
            case CONTACT_SEARCH, ACTIVITIES -> {
                o.putArray("data");
                o.set("error", errorTree);
                response = CrmJson.write(o);
            }
            case CONTACT_MATCH, CALL_LOG_MATCH, MESSAGE_LOG_MATCH -> {
                o.putObject("data");
                o.set("error", errorTree);
                response = CrmJson.write(o);
            }
            case DO_NOT_CONTACT -> {
                String message = dncFailure == DoNotContactDecision.OnFailure.WARN ? error.message() + " Continue anyway?"
                        : error.message();
                o.set("data", dncFailure.decision(message).toTree());
                o.set("error", errorTree);
                response = CrmJson.write(o);
            }
            default -> {
                o.set("error", errorTree);
                response = CrmJson.write(o);
            }
        }
        List<WidgetCommand> followUps = userAction
                ? List.of(WidgetCommand.showAlert(error.message(), "danger", ALERT_TTL)) : List.of();
        return new ServiceAnswer(callout, response, error, null, followUps);
    }

    /**
     * What a failure answers, for the log: for the Do Not Contact check, what its {@code OnFailure} made of it (a
     * trial's operator read "an error answer" and could not tell that the call was refused).
     */
    String failureAnswered(Callout callout) {
        if (callout != Callout.DO_NOT_CONTACT) {
            return "an error answer";
        }
        return "OnFailure." + dncFailure + "'s answer (" + switch (dncFailure) {
            case WARN -> "the user decides whether to go on";
            case ALLOW -> "the call or message goes on";
            case BLOCK -> "the call or message is refused";
        } + ")";
    }

    /** The sentence of an error: "Could not log the call in Acme CRM: it did not answer in time." */
    String sentence(Callout callout, String reason) {
        return "Could not " + callout.action() + " in " + descriptor.displayName() + ": " + reason;
    }
}

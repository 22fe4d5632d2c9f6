package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.JSON;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a provider receives keeps the nullness its types declare, whatever nulls the widget's JSON holds: a component,
 * list element or map value without {@code @Nullable} is never null. Kotlin reads the annotations as types, so a null
 * where the type said none was a NullPointerException in the user's code ({@code request.extra.forEach { (k, v) -> }}
 * on {@code {"crmTag": null}}), far from its cause. Every sample body the widget sends is tried with each of its
 * values, in turn, made null, and with a null field added to each object and a null added to each array.
 */
class CalloutNullnessTest {

    private static final List<String[]> SAMPLES = List.of(
            new String[] {"/contacts", "{'page':1,'syncTimestamp':1699999999999,'type':'api'}"},
            new String[] {"/contacts/search", "{'searchString':'ada'}"},
            new String[] {"/contacts/match", "{'phoneNumbers':['+16505550101','101'],'callerIds':{'+16505550101':'x'}}"},
            new String[] {"/contacts/view", "{'id':'42','name':'Ada Lovelace','type':'TestService','phoneNumbers':"
                    + "[{'phoneNumber':'+16505550101','phoneType':'mobile'}],'company':'A','emails':['a@example.com']}"},
            new String[] {"/callLogger", "{'call':{'sessionId':'1','telephonySessionId':'s','direction':'Inbound',"
                    + "'from':{'phoneNumber':'+16505550101','name':'Ada'},'to':{'phoneNumber':'+16505550100','extensionNumber':'101'},"
                    + "'startTime':1700000000000,'duration':65,'result':'Call connected','type':'Voice',"
                    + "'recording':{'id':'6','type':'OnDemand','uri':'https://platform.ringcentral.com/r/6','contentUri':'https://m/r',"
                    + "'link':'https://apps.ringcentral.com/r'}},'triggerType':'createLog','contact':{'id':'42','name':'Ada',"
                    + "'type':'TestService'},'redirect':true,'note':'n','formData':{'subject':'s'},'aiNote':'a','transcript':'t'}"},
            new String[] {"/callLogger/match", "{'sessionIds':['1','2']}"},
            new String[] {"/messageLogger", "{'conversation':{'conversationId':'6','conversationLogId':'6/7/2/2019','type':'SMS',"
                    + "'date':'2019-07-02','correspondents':[{'phoneNumber':'+16505550101','name':'Ada'}],'messages':[{'id':'m1',"
                    + "'conversationId':'6','type':'SMS','direction':'Inbound','from':{'phoneNumber':'+16505550101'},"
                    + "'to':[{'phoneNumber':'+16505550100'}],'subject':'Call me','readStatus':'Read',"
                    + "'creationTime':'2019-07-02T10:00:00.000Z'}],'self':{'phoneNumber':'+16505550100'}},"
                    + "'triggerType':'logForm','formData':{'note':'n'},'redirect':false}"},
            new String[] {"/messageLogger/match", "{'conversationLogIds':['6/7/2/2019']}"},
            new String[] {"/doNotContact", "{'recipients':[{'phoneNumber':'+16505550101','phoneType':'mobile','contactId':'42',"
                    + "'name':'Ada'}],'actionType':'sms'}"},
            new String[] {"/doNotContact", "{'phoneNumber':'+16505550199','contactId':'42','name':'Ada','contactType':'T',"
                    + "'entityType':'T','phoneType':'mobile','actionType':'call'}"},
            new String[] {"/activities", "{'contact':{'id':'42','name':'Ada Lovelace','type':'TestService'}}"},
            new String[] {"/activity", "{'activity':{'id':'123','subject':'Title','time':1528854702472}}"});

    private final AtomicReference<@Nullable Object> received = new AtomicReference<>();

    private final ThirdPartyService service = ThirdPartyService.builder("TestService")
            .contacts(new ContactProvider() {
                @Override
                public List<Contact> search(ContactSearchRequest request, Caller caller) {
                    received.set(request);
                    return List.of();
                }

                @Override
                public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                    received.set(request);
                    return Map.of();
                }
            })
            .contactDirectory((request, caller) -> {
                received.set(request);
                return ContactPage.last(List.of());
            })
            .contactViewer((contact, caller) -> {
                received.set(contact);
                return Optional.empty();
            })
            .callLogger((request, caller) -> received.set(request))
            .callLogMatcher((request, caller) -> {
                received.set(request);
                return Map.of();
            })
            .messageLogger((request, caller) -> received.set(request))
            .messageLogMatcher((request, caller) -> {
                received.set(request);
                return Map.of();
            })
            .doNotContact((request, caller) -> {
                received.set(request);
                return DoNotContactDecision.allow();
            })
            .activities(new ContactActivities() {
                @Override
                public List<Activity> activities(Contact contact, Caller caller) {
                    received.set(contact);
                    return List.of();
                }

                @Override
                public Optional<URI> open(Activity activity, Caller caller) {
                    received.set(activity);
                    return Optional.empty();
                }
            })
            .build();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void whatProvidersReceiveIsNeverNullWhereItsTypeSaysSo() {
        int delivered = 0;
        List<String> violations = new ArrayList<>();
        for (String[] sample : SAMPLES) {
            JsonNode body = CrmTestSupport.tree(json(sample[1]));
            for (JsonNode variant : variants(body)) {
                received.set(null);
                ServiceAnswer answer = await(service.answer(sample[0], variant.toString(), ADA));
                if (answer.error() != null) {
                    // Refusing a body is fine; failing on it in our own code is not.
                    assertThat(answer.error().code()).as("%s %s: %s", sample[0], variant, answer.error())
                            .isEqualTo(ServiceError.Code.BAD_REQUEST);
                    continue;
                }
                Object request = received.get();
                assertThat(request).as("%s %s reached its provider", sample[0], variant).isNotNull();
                delivered++;
                walk(request, request.getClass().getSimpleName(), violations, sample[0] + " " + variant);
            }
        }
        assertThat(violations).as("nulls where the type says there are none").isEmpty();
        assertThat(delivered).as("variants delivered to providers").isGreaterThan(100);
    }

    /** The body; each value (and each whole object or array) made null in turn; a null field and element added everywhere. */
    private static List<JsonNode> variants(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        out.add(body);
        List<List<Object>> paths = new ArrayList<>();
        collect(body, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            JsonNode copy = body.deepCopy();
            JsonNode parent = at(copy, path.subList(0, path.size() - 1));
            Object last = path.get(path.size() - 1);
            if (last instanceof String field) {
                ((ObjectNode) parent).putNull(field);
            } else {
                ((ArrayNode) parent).set((Integer) last, JSON.nullNode());
            }
            out.add(copy);
        }
        JsonNode padded = body.deepCopy();
        pad(padded);
        out.add(padded);
        return out;
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                List<Object> p = new ArrayList<>(path);
                p.add(f);
                paths.add(p);
                collect(node.get(f), p, paths);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> p = new ArrayList<>(path);
                p.add(i);
                paths.add(p);
                collect(node.get(i), p, paths);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) {
            n = step instanceof String f ? n.get(f) : n.get((Integer) step);
        }
        return n;
    }

    private static void pad(JsonNode node) {
        if (node.isObject()) {
            List<JsonNode> children = new ArrayList<>();
            node.elements().forEachRemaining(children::add);
            children.forEach(CalloutNullnessTest::pad);
            ((ObjectNode) node).putNull("futureNullField");
        } else if (node.isArray()) {
            node.forEach(CalloutNullnessTest::pad);
            ((ArrayNode) node).addNull();
        }
    }

    /** Checks a received value against its declared types: record components, then list elements and map values. */
    private static void walk(@Nullable Object value, String where, List<String> violations, String body) {
        if (value instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                check(v, c.getAnnotatedType(), where + "." + c.getName(), violations, body);
            }
        }
    }

    private static void check(@Nullable Object v, AnnotatedType type, String where, List<String> violations, String body) {
        if (v == null) {
            if (!type.isAnnotationPresent(Nullable.class)) {
                violations.add(where + " is null, for " + body);
            }
            return;
        }
        if (type instanceof AnnotatedParameterizedType p) {
            AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
            if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), args[0], where + "[" + i + "]", violations, body);
                }
            } else if (v instanceof Map<?, ?> map) {
                map.forEach((k, e) -> check(e, args[1], where + "[" + k + "]", violations, body));
            } else if (v instanceof Optional<?> o && o.isPresent()) {
                check(o.get(), args[0], where + ".get()", violations, body);
            }
            return;
        }
        walk(v, where, violations, body);
    }
}

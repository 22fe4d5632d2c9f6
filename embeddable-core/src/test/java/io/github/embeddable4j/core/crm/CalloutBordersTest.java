package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static io.github.embeddable4j.core.crm.CrmTestSupport.matching;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddable4j.core.LoggedRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The borders of reading a call-out and writing its answer, each where a careless reading would hand the provider or
 * the widget something else: tokens the widget must send back unchanged, keys matched exactly or by number, fields the
 * widget leaves out or sends empty, and the reason a provider's unusable answer is refused.
 */
class CalloutBordersTest {

    private final List<ThirdPartyService> services = new ArrayList<>();
    private final AtomicReference<Object> received = new AtomicReference<>();

    @AfterEach
    void closeAll() {
        services.forEach(ThirdPartyService::close);
    }

    private ThirdPartyService with(ThirdPartyService.Builder builder) {
        ThirdPartyService s = builder.build();
        services.add(s);
        return s;
    }

    @SuppressWarnings("unchecked")
    private <T> T received() {
        return (T) received.get();
    }

    @Test
    void aPageTokenGoesOutAsANumberOnlyWhenTheWidgetSendsBackTheSameText() {
        // The widget sends nextPage back as "page"; a JSON number comes back as its JavaScript text, so "007" would
        // return as "7" and a 16-digit token rounded (doubles are exact to 15 digits): those stay strings.
        AtomicReference<String> token = new AtomicReference<>();
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contactDirectory((request, caller) -> {
            received.set(request);
            return new ContactPage(List.of(), token.get(), token.get());
        }));
        Map<String, String> expected = new HashMap<>();
        expected.put("2", "2 as a number");
        expected.put("0", "0 as a number");
        expected.put("999999999999999", "999999999999999 as a number");
        expected.put("1234567890123456", "1234567890123456 as a string");
        expected.put("007", "007 as a string");
        expected.put("", " as a string");
        expected.put("12a", "12a as a string");
        expected.put("\u0663", "\u0663 as a string"); // an Arabic-Indic three: a digit to Java, not to JSON
        expected.put("-1", "-1 as a string");
        expected.forEach((value, how) -> {
            token.set(value);
            JsonNode answer = tree(await(s.handle("/contacts", json("{'page':1}"), ADA)));
            for (String field : List.of("nextPage", "syncTimestamp")) {
                JsonNode written = answer.get(field);
                assertThat(written.asText() + (written.isNumber() ? " as a number" : written.isTextual() ? " as a string" : " as "
                        + written.getNodeType())).as("%s of token '%s'", field, value).isEqualTo(how);
            }
        });
        token.set(null);
        JsonNode last = tree(await(s.handle("/contacts", json("{'page':1}"), ADA)));
        assertThat(last.get("nextPage").isNull()).isTrue();
        assertThat(last.get("syncTimestamp").isNull()).isTrue();

        // the round trip: what went out as a string comes back as the same text
        token.set("007");
        JsonNode first = tree(await(s.handle("/contacts", json("{'page':1}"), ADA)));
        await(s.handle("/contacts", "{\"page\":" + first.get("nextPage") + ",\"syncTimestamp\":" + first.get("syncTimestamp")
                + "}", ADA));
        ContactPageRequest next = received();
        assertThat(next.page()).isEqualTo("007");
        assertThat(next.syncToken()).isEqualTo("007");
    }

    @Test
    void aContactLoadWithoutABodyOrWithAnEmptySyncTokenIsAFullFirstPage() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contactDirectory((request, caller) -> {
            received.set(request);
            return ContactPage.last(List.of());
        }));
        for (String body : Arrays.asList(null, "", "  ", "{\"syncTimestamp\":\"\"}")) {
            ServiceAnswer answer = await(s.answer("/contacts", body, ADA));
            assertThat(answer.error()).as("body %s", body).isNull();
            ContactPageRequest request = received();
            assertThat(request.page()).as("body %s", body).isEqualTo("1");
            assertThat(request.firstPage()).isTrue();
            assertThat(request.incremental()).as("body %s", body).isFalse(); // an empty token is no token
            assertThat(request.syncToken()).isNull();
            assertThat(tree(request.json()).isObject()).as("body %s", body).isTrue();
        }
    }

    @Test
    void callerIdsKeepOnlyTextsAndNumbers() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                received.set(request);
                return Map.of();
            }
        }));
        await(s.handle("/contacts/match", json("{'phoneNumbers':['+16505550101'],'callerIds':{'+16505550101':'ADA',"
                + "'+16505550102':null,'+16505550103':{'name':'x'},'+16505550104':['x'],'+16505550105':5}}"), ADA));
        ContactMatchRequest request = received();
        assertThat(request.callerIds()).containsOnly(Map.entry("+16505550101", "ADA"), Map.entry("+16505550105", "5"));
        assertThat(request.manual()).isFalse();

        await(s.handle("/contacts/match", json("{'phoneNumbers':['+16505550101'],'callerIds':['ADA']}"), ADA));
        assertThat(((ContactMatchRequest) received()).callerIds()).isEmpty();
    }

    @Test
    void aNumberTheProviderKeyedExactlyGetsThatKeysContactsOnly() {
        Contact ada = Contact.of("1", "Ada");
        Contact bob = Contact.of("2", "Bob");
        Map<String, List<Contact>> answer = new HashMap<>();
        answer.put("+16505550101", List.of(ada));
        answer.put("(650) 555-0101", List.of(bob, bob)); // the same number as the CRM stores it, Bob listed twice
        answer.put("not a number", List.of(bob));
        answer.put("+16505550109", null); // a null list for a number: nothing, not a failure
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(matching(answer)));
        JsonNode data = tree(await(s.handle("/contacts/match", json("{'phoneNumbers':['+16505550101','6505550101',"
                + "'+16505550109','+16505550101']}"), ADA))).get("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("+16505550101", "6505550101", "+16505550109");
        assertThat(data.get("+16505550101")).extracting(c -> c.get("id").asText()).containsExactly("1");
        // by number: both keys of the same number, each contact once
        assertThat(data.get("6505550101")).extracting(c -> c.get("id").asText()).containsExactlyInAnyOrder("1", "2");
        assertThat(data.get("+16505550109")).isEmpty();
    }

    @Test
    void logMatchesAreKeyedExactlyNeverByTheDigitsOfAnId() {
        // session IDs are digits: read as phone numbers, "+214705503020" would answer for "214705503020"
        ThirdPartyService s = with(ThirdPartyService.builder("acme").callLogger((request, caller) -> { })
                .messageLogger((request, caller) -> { })
                .callLogMatcher((request, caller) -> {
                    received.set(request);
                    return Map.of("+214705503020", List.of(LogEntity.of("1")), "214705503021",
                            List.of(new LogEntity("2", null, Map.of("url", "https://crm.example/logs/2"))));
                })
                .messageLogMatcher((request, caller) -> Map.of("+1 650 555 0101", List.of(LogEntity.of("3")))));
        JsonNode data = tree(await(s.handle("/callLogger/match", json("{'sessionIds':['214705503020','214705503021']}"),
                ADA))).get("data");
        assertThat(data.get("214705503020")).isEmpty();
        JsonNode log = data.get("214705503021").get(0);
        assertThat(log.get("id").asText()).isEqualTo("2");
        assertThat(log.has("note")).as("no note: no note field, not a null one").isFalse();
        assertThat(log.get("url").asText()).isEqualTo("https://crm.example/logs/2"); // the provider's extra fields
        assertThat(((CallLogMatchRequest) received()).activeSessionIds()).isEmpty(); // left out: none
        received.set(null);
        assertThat(await(s.answer("/callLogger/match", json("{'sessionIds':['214705503020'],'activeSessionIds':null}"),
                ADA)).error()).isNull();
        assertThat(((CallLogMatchRequest) received()).activeSessionIds()).isEmpty(); // null: none
        assertThat(await(s.answer("/callLogger/match", json("{'sessionIds':['1'],'activeSessionIds':'1'}"), ADA)).error()
                .message()).endsWith("\"activeSessionIds\" must be a list of strings.");

        JsonNode messages = tree(await(s.handle("/messageLogger/match", json("{'conversationLogIds':['+16505550101']}"),
                ADA))).get("data");
        assertThat(messages.get("+16505550101")).isEmpty();
    }

    @Test
    void aBadBodySaysWhatIsWrong() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(matching(Map.of()))
                .doNotContact((request, caller) -> {
                    received.set(request);
                    return DoNotContactDecision.allow();
                }));
        Map<String, String> reasons = Map.of(
                "/contacts/search|[]", "The body must be a JSON object.",
                "/contacts/search|{}", "\"searchString\" is missing or empty.",
                "/doNotContact|{'actionType':'fax','phoneNumber':'+16505550101'}", "\"actionType\" must be \"call\" or \"sms\".",
                "/doNotContact|{'actionType':'sms','phoneNumber':'+16505550101'}",
                "\"recipients\" must be a list of {phoneNumber} objects.",
                "/doNotContact|{'actionType':'call'}", "\"phoneNumber\" is missing or empty.");
        reasons.forEach((call, reason) -> {
            String[] pathAndBody = call.split("\\|", 2);
            ServiceAnswer answer = await(s.answer(pathAndBody[0], json(pathAndBody[1]), ADA));
            assertThat(answer.error().code()).as(call).isEqualTo(ServiceError.Code.BAD_REQUEST);
            assertThat(answer.error().message()).as(call).endsWith("the request was not understood. " + reason);
        });
        // recipients without a number are left out, not refused
        await(s.handle("/doNotContact", json("{'actionType':'sms','recipients':[{'phoneNumber':''},{'name':'x'},"
                + "{'phoneNumber':'  '},{'phoneNumber':'+16505550101'}]}"), ADA));
        assertThat(((DoNotContactRequest) received()).phoneNumbers()).containsExactly("+16505550101");
    }

    @Test
    void anUnreadableLogBodyIsNoUserActionAndAReadableOneIs() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").callLogger((request, caller) -> { })
                .messageLogger((request, caller) -> {
                    throw new CrmException("locked");
                }));
        for (String path : List.of("/callLogger", "/messageLogger")) {
            ServiceAnswer answer = await(s.answer(path, "{", ADA)); // not JSON: who asked is unknown, so no alert
            assertThat(answer.error().code()).as(path).isEqualTo(ServiceError.Code.BAD_REQUEST);
            assertThat(answer.followUps()).as(path).isEmpty();
        }
        ServiceAnswer pressed = await(s.answer("/messageLogger", json("{'conversation':{'conversationLogId':'c'},"
                + "'triggerType':'manual'}"), ADA));
        assertThat(pressed.followUps()).hasSize(1);
        ServiceAnswer auto = await(s.answer("/messageLogger", json("{'conversation':{'conversationLogId':'c'},"
                + "'triggerType':'auto'}"), ADA));
        assertThat(auto.error().code()).isEqualTo(ServiceError.Code.FAILED);
        assertThat(auto.followUps()).isEmpty();
    }

    @Test
    void aDoNotContactFailureAsksToContinueOnlyWhenTheUserDecides() {
        DoNotContactCheck broken = (request, caller) -> {
            throw new CrmException("The list is offline.");
        };
        String body = json("{'actionType':'call','phoneNumber':'+16505550101'}");
        JsonNode warn = tree(await(with(ThirdPartyService.builder("a").displayName("Acme CRM").doNotContact(broken))
                .handle("/doNotContact", body, ADA))).get("data");
        assertThat(warn.get("message").asText()).isEqualTo("Could not check the Do Not Contact list in Acme CRM: The list"
                + " is offline. Continue anyway?");
        JsonNode block = tree(await(with(ThirdPartyService.builder("b").displayName("Acme CRM").doNotContact(broken)
                .whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.BLOCK)).handle("/doNotContact", body, ADA)))
                .get("data");
        assertThat(block.get("message").asText()).isEqualTo("Could not check the Do Not Contact list in Acme CRM: The list"
                + " is offline.");
    }

    @Test
    void theLogNamesWhatWasUnusableInAProvidersAnswer() {
        List<Contact> withNull = new ArrayList<>();
        withNull.add(null);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return null;
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of("+16505550101", withNull);
            }
        }));
        try (LoggedRecords log = new LoggedRecords(ThirdPartyService.class)) {
            assertThat(await(s.answer("/contacts/search", json("{'searchString':'a'}"), ADA)).error().code())
                    .isEqualTo(ServiceError.Code.FAILED);
            assertThat(await(s.answer("/contacts/match", json("{'phoneNumbers':['+16505550101']}"), ADA)).error().code())
                    .isEqualTo(ServiceError.Code.FAILED);
            assertThat(String.join("\n", log.messagesWithTraces(Level.WARNING)))
                    .contains("IllegalStateException: The provider returned null instead of a list")
                    .contains("IllegalStateException: The provider returned a list with a null item");
        }
    }
}

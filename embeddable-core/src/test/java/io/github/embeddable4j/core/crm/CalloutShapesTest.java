package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every call-out the SPI covers: a body shaped as the widget sends it (from its source and docs) reaches the provider
 * as the typed request, and the provider's answer goes back in the shape the widget reads.
 */
class CalloutShapesTest {

    private final AtomicReference<Object> received = new AtomicReference<>();
    private final AtomicReference<Caller> receivedCaller = new AtomicReference<>();
    private final Contact ada = Contact.of("42", "Ada Lovelace", new ContactPhone("+1 (650) 555-0101", PhoneType.MOBILE))
            .withCompany("Analytical Engines").withJobTitle("Engineer").withEmails("ada@example.com")
            .withProfileImageUrl("https://example.com/ada.png");

    private final ThirdPartyService service = ThirdPartyService.builder("TestService").displayName("Test CRM")
            .contacts(new ContactProvider() {
                @Override
                public List<Contact> search(ContactSearchRequest request, Caller caller) {
                    record(request, caller);
                    return List.of(ada);
                }

                @Override
                public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                    record(request, caller);
                    return PhoneNumberIndex.ofContacts(List.of(ada)).match(request.phoneNumbers());
                }
            })
            .contactDirectory((request, caller) -> {
                record(request, caller);
                return request.firstPage() ? ContactPage.next(List.of(ada), "2", null)
                        : new ContactPage(List.of(Contact.deleted("7")), null, "1700000000000");
            })
            .contactViewer((contact, caller) -> {
                record(contact, caller);
                return Optional.of(URI.create("/crm/contacts/" + contact.id()));
            })
            .callLogger((request, caller) -> record(request, caller))
            .callLogMatcher((request, caller) -> {
                record(request, caller);
                return Map.of("214705503020", List.of(LogEntity.of("88888", "Note")));
            })
            .messageLogger((request, caller) -> record(request, caller))
            .messageLogMatcher((request, caller) -> {
                record(request, caller);
                return Map.of("674035477569017905/7/2/2019", List.of(LogEntity.of("88888")));
            })
            .doNotContact((request, caller) -> {
                record(request, caller);
                return request.phoneNumbers().contains("+16505550199") ? DoNotContactDecision.block("Opted out.")
                        : DoNotContactDecision.allow();
            })
            .authorization(new ThirdPartyAuthorization() {
                @Override
                public AuthorizationStatus status(Caller caller) {
                    return AuthorizationStatus.authorized("ada@example.com");
                }

                @Override
                public Optional<URI> buttonClicked(boolean authorized, Caller caller) {
                    record(authorized, caller);
                    return Optional.of(URI.create("https://crm.example.com/oauth/start"));
                }
            })
            .activities(new ContactActivities() {
                @Override
                public List<Activity> activities(Contact contact, Caller caller) {
                    record(contact, caller);
                    return List.of(Activity.of("123", "Title", Instant.ofEpochMilli(1528854702472L)));
                }

                @Override
                public Optional<URI> open(Activity activity, Caller caller) {
                    record(activity, caller);
                    return Optional.empty();
                }
            })
            .build();

    private void record(Object request, Caller caller) {
        received.set(request);
        receivedCaller.set(caller);
    }

    @AfterEach
    void close() {
        service.close();
    }

    private JsonNode call(String path, String body) {
        ServiceAnswer answer = await(service.answer(path, body, ADA));
        assertThat(answer.error()).as("error of %s", path).isNull();
        assertThat(receivedCaller.get()).isSameAs(ADA);
        return tree(answer.responseJson());
    }

    @SuppressWarnings("unchecked")
    private <T> T request() {
        return (T) received.get();
    }

    @Test
    void contactsPagesWithNextPageAndSyncToken() {
        JsonNode first = call("/contacts", json("{'page':1,'syncTimestamp':null,'type':'api'}"));
        ContactPageRequest request = request();
        assertThat(request.page()).isEqualTo("1");
        assertThat(request.firstPage()).isTrue();
        assertThat(request.incremental()).isFalse();
        assertThat(request.triggeredByApi()).isTrue();

        assertThat(first.get("data")).hasSize(1);
        JsonNode contact = first.get("data").get(0);
        assertThat(contact.get("id").asText()).isEqualTo("42");
        assertThat(contact.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(contact.get("type").asText()).isEqualTo("TestService");
        assertThat(contact.get("phoneNumbers").get(0).get("phoneNumber").asText()).isEqualTo("+1 (650) 555-0101");
        assertThat(contact.get("phoneNumbers").get(0).get("phoneType").asText()).isEqualTo("mobile");
        assertThat(contact.get("company").asText()).isEqualTo("Analytical Engines");
        assertThat(contact.get("jobTitle").asText()).isEqualTo("Engineer");
        assertThat(contact.get("emails").get(0).asText()).isEqualTo("ada@example.com");
        assertThat(contact.get("profileImageUrl").asText()).isEqualTo("https://example.com/ada.png");
        assertThat(contact.get("deleted").asBoolean()).isFalse();
        assertThat(first.get("nextPage").asInt()).isEqualTo(2); // numeric tokens go out as numbers
        assertThat(first.get("syncTimestamp").isNull()).isTrue();

        JsonNode second = call("/contacts", json("{'page':2,'syncTimestamp':1699999999999}"));
        request = request();
        assertThat(request.page()).isEqualTo("2");
        assertThat(request.syncToken()).isEqualTo("1699999999999");
        assertThat(request.incremental()).isTrue();
        assertThat(request.triggeredByApi()).isFalse();
        assertThat(second.get("data").get(0).get("deleted").asBoolean()).isTrue();
        assertThat(second.get("nextPage").isNull()).isTrue();
        assertThat(second.get("syncTimestamp").asLong()).isEqualTo(1700000000000L);
    }

    @Test
    void contactSearch() {
        JsonNode response = call("/contacts/search", json("{'searchString':'ada'}"));
        ContactSearchRequest request = request();
        assertThat(request.searchString()).isEqualTo("ada");
        assertThat(response.get("data").get(0).get("id").asText()).isEqualTo("42");
        assertThat(response.get("data").get(0).get("type").asText()).isEqualTo("TestService");
    }

    @Test
    void contactMatchAnswersEveryAskedNumberKeyedAsTheWidgetSentIt() {
        JsonNode response = call("/contacts/match", json("{'phoneNumbers':['+16505550101','+16505550102','101'],"
                + "'callerIds':{'+16505550101':'LOVELACE ADA'},'triggerFrom':'manual'}"));
        ContactMatchRequest request = request();
        assertThat(request.phoneNumbers()).containsExactly("+16505550101", "+16505550102", "101");
        assertThat(request.callerIds()).containsEntry("+16505550101", "LOVELACE ADA");
        assertThat(request.manual()).isTrue();

        JsonNode data = response.get("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("+16505550101", "+16505550102", "101");
        assertThat(data.get("+16505550101").get(0).get("id").asText()).isEqualTo("42");
        assertThat(data.get("+16505550101").get(0).get("type").asText()).isEqualTo("TestService");
        assertThat(data.get("+16505550102")).isEmpty();
        assertThat(data.get("101")).isEmpty();
    }

    @Test
    void matchAcceptsProviderKeysInAnyFormat() {
        ThirdPartyService byStoredFormat = ThirdPartyService.builder("s").contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                // keyed as the CRM stores the number, plus a number the widget did not ask for
                return Map.of("(650) 555-0101", List.of(ada), "+19999999999", List.of(ada));
            }
        }).build();
        try {
            JsonNode data = tree(await(byStoredFormat.handle("/contacts/match", json("{'phoneNumbers':['+16505550101']}"), ADA)))
                    .get("data");
            assertThat(data.fieldNames()).toIterable().containsExactly("+16505550101");
            assertThat(data.get("+16505550101").get(0).get("id").asText()).isEqualTo("42");
        } finally {
            byStoredFormat.close();
        }
    }

    @Test
    void viewMatchedContactReadsTheContactAndAnswersOkWithThePageToOpen() {
        JsonNode response = call("/contacts/view", json("{'id':'42','name':'Ada Lovelace','type':'TestService',"
                + "'entityType':'TestService','phoneNumbers':[{'phoneNumber':'+16505550101','phoneType':'mobilePhone'}]}"));
        Contact contact = request();
        assertThat(contact.id()).isEqualTo("42");
        assertThat(contact.phoneNumbers()).containsExactly(new ContactPhone("+16505550101", PhoneType.MOBILE));
        assertThat(contact.extra()).containsEntry("type", "TestService").containsEntry("entityType", "TestService");
        assertThat(response.get("data").asText()).isEqualTo("ok");
        assertThat(response.get("openUrl").asText()).isEqualTo("/crm/contacts/42");
        assertThat(await(service.answer("/contacts/view", json("{'id':'42','name':'A'}"), ADA)).openUrl())
                .isEqualTo(URI.create("/crm/contacts/42"));
    }

    @Test
    void callLoggerReadsCallTriggerContactNoteAndKeepsUnknownFields() {
        String body = json("{'call':{'sessionId':'214705503020','telephonySessionId':'s-abc','direction':'Inbound',"
                + "'from':{'phoneNumber':'+16505550101','name':'Ada'},'to':{'phoneNumber':'+16505550100','extensionNumber':'101'},"
                + "'startTime':1700000000000,'duration':65,'result':'Call connected','type':'Voice',"
                + "'recording':{'id':'6469338004','type':'OnDemand','uri':'https://platform.ringcentral.com/r/6469338004',"
                + "'contentUri':'https://media.ringcentral.com/r/6469338004/content','link':'https://apps.ringcentral.com/r'}},"
                + "'triggerType':'createLog','contact':{'id':'42','name':'Ada Lovelace','type':'TestService'},"
                + "'redirect':true,'note':'Discussed renewal','formData':{'subject':'Renewal','followUp':true},"
                + "'aiNote':'Summary','transcript':'Ada: hello','futureField':{'x':1}}");
        JsonNode response = call("/callLogger", body);
        CallLogRequest request = request();
        assertThat(request.trigger()).isEqualTo(CallLogTrigger.CREATE_LOG);
        assertThat(request.trigger().userAction()).isTrue();
        CallRecord call = request.call();
        assertThat(call.sessionId()).isEqualTo("214705503020");
        assertThat(call.telephonySessionId()).isEqualTo("s-abc");
        assertThat(call.inbound()).isTrue();
        assertThat(call.from()).isEqualTo(new CallRecord.Party("+16505550101", null, "Ada"));
        assertThat(call.otherParty().phoneNumber()).isEqualTo("+16505550101");
        assertThat(call.to().extensionNumber()).isEqualTo("101");
        assertThat(call.startTime()).isEqualTo(1700000000000L);
        assertThat(call.durationSeconds()).isEqualTo(65L);
        assertThat(call.result()).isEqualTo("Call connected");
        assertThat(call.recording().id()).isEqualTo("6469338004");
        assertThat(call.recording().link()).isEqualTo("https://apps.ringcentral.com/r");
        assertThat(call.extra()).containsEntry("type", "Voice");
        assertThat(tree(call.json()).get("sessionId").asText()).isEqualTo("214705503020");
        assertThat(request.contact().id()).isEqualTo("42");
        assertThat(request.redirect()).isTrue();
        assertThat(request.note()).isEqualTo("Discussed renewal");
        assertThat(request.formData()).containsEntry("subject", "Renewal").containsEntry("followUp", true);
        assertThat(request.aiNote()).isEqualTo("Summary");
        assertThat(request.transcript()).isEqualTo("Ada: hello");
        assertThat(request.extra()).containsOnlyKeys("futureField");
        assertThat(request.extra().get("futureField")).isEqualTo(Map.of("x", 1L));
        assertThat(tree(request.json())).isEqualTo(tree(body));
        assertThat(response.get("data").asText()).isEqualTo("ok");

        call("/callLogger", json("{'call':{'sessionId':'1','from':'+16505550101','to':'+16505550100','fromUserName':'x'},"
                + "'triggerType':'presenceUpdate'}"));
        request = request();
        assertThat(request.trigger()).isEqualTo(CallLogTrigger.PRESENCE_UPDATE);
        assertThat(request.trigger().userAction()).isFalse();
        assertThat(request.call().from().phoneNumber()).isEqualTo("+16505550101"); // web-phone calls: a string party
        assertThat(request.contact()).isNull();
        call("/callLogger", json("{'call':{'sessionId':'1'},'triggerType':'someFutureTrigger'}"));
        assertThat(((CallLogRequest) request()).trigger()).isEqualTo(CallLogTrigger.OTHER);
    }

    @Test
    void callLogMatchAnswersEveryAskedSession() {
        JsonNode response = call("/callLogger/match", json("{'sessionIds':['214705503020','214705503021'],"
                + "'activeSessionIds':['214705503021']}"));
        CallLogMatchRequest request = request();
        assertThat(request.sessionIds()).containsExactly("214705503020", "214705503021");
        assertThat(request.activeSessionIds()).containsExactly("214705503021");
        JsonNode data = response.get("data");
        assertThat(data.get("214705503020").get(0).get("id").asText()).isEqualTo("88888");
        assertThat(data.get("214705503020").get(0).get("note").asText()).isEqualTo("Note");
        assertThat(data.get("214705503021")).isEmpty();
    }

    @Test
    void messageLoggerReadsTheConversation() {
        JsonNode response = call("/messageLogger", json("{'conversation':{'conversationId':'674035477569017905',"
                + "'conversationLogId':'674035477569017905/7/2/2019','type':'SMS','date':'2019-07-02',"
                + "'correspondents':[{'phoneNumber':'+16505550101','name':'Ada'}],"
                + "'messages':[{'id':'m1','conversationId':'674035477569017905','type':'SMS','direction':'Inbound',"
                + "'from':{'phoneNumber':'+16505550101'},'to':[{'phoneNumber':'+16505550100'}],'subject':'Call me',"
                + "'readStatus':'Read','creationTime':'2019-07-02T10:00:00.000Z','typingDurationMs':1200}],"
                + "'self':{'phoneNumber':'+16505550100'}},'triggerType':'logForm','formData':{'note':'n'},'redirect':false}"));
        MessageLogRequest request = request();
        assertThat(request.trigger()).isEqualTo(MessageLogTrigger.LOG_FORM);
        assertThat(request.formData()).containsEntry("note", "n");
        Conversation c = request.conversation();
        assertThat(c.conversationLogId()).isEqualTo("674035477569017905/7/2/2019");
        assertThat(c.type()).isEqualTo("SMS");
        assertThat(c.correspondents()).containsExactly("+16505550101");
        assertThat(c.messages()).hasSize(1);
        assertThat(c.messages().get(0).subject()).isEqualTo("Call me");
        assertThat(c.messages().get(0).from()).isEqualTo("+16505550101");
        assertThat(c.messages().get(0).to()).containsExactly("+16505550100");
        assertThat(c.extra()).containsKey("self");
        assertThat(tree(c.json()).get("messages").get(0).get("typingDurationMs").asInt()).isEqualTo(1200);
        assertThat(response.get("data").asText()).isEqualTo("ok");
    }

    @Test
    void messageLogMatch() {
        JsonNode response = call("/messageLogger/match", json("{'conversationLogIds':['674035477569017905/7/2/2019','x/1/1/2020']}"));
        MessageLogMatchRequest request = request();
        assertThat(request.conversationLogIds()).containsExactly("674035477569017905/7/2/2019", "x/1/1/2020");
        assertThat(response.get("data").get("674035477569017905/7/2/2019").get(0).get("id").asText()).isEqualTo("88888");
        assertThat(response.get("data").get("x/1/1/2020")).isEmpty();
    }

    @Test
    void doNotContactForACallAndForAnSms() {
        JsonNode call = call("/doNotContact", json("{'phoneNumber':'+16505550199','contactId':'42','name':'Ada',"
                + "'contactType':'TestService','entityType':'TestService','phoneType':'mobile','actionType':'call'}"));
        DoNotContactRequest request = request();
        assertThat(request.action()).isEqualTo(DoNotContactRequest.Action.CALL);
        assertThat(request.recipients()).containsExactly(new DoNotContactRequest.Recipient("+16505550199", "42", "Ada",
                "TestService", "TestService", "mobile"));
        assertThat(call.get("data").get("result").asBoolean()).isTrue();
        assertThat(call.get("data").get("message").asText()).isEqualTo("Opted out.");
        assertThat(call.get("data").get("mode").asText()).isEqualTo("restrict");

        JsonNode sms = call("/doNotContact", json("{'recipients':[{'phoneNumber':'+16505550101','phoneType':'mobile',"
                + "'contactId':'42','name':'Ada'},{'phoneNumber':'+16505550102'}],'actionType':'sms'}"));
        request = request();
        assertThat(request.action()).isEqualTo(DoNotContactRequest.Action.SMS);
        assertThat(request.phoneNumbers()).containsExactly("+16505550101", "+16505550102");
        assertThat(sms.get("data").get("result").asBoolean()).isFalse();
        assertThat(sms.get("data").has("mode")).isFalse();
    }

    @Test
    void authorizationButtonOpensThePageAndSendsTheStatusAfterwards() {
        ServiceAnswer answer = await(service.answer("/authorize", json("{'authorized':false}"), ADA));
        assertThat((Boolean) request()).isFalse();
        assertThat(answer.openUrl()).isEqualTo(URI.create("https://crm.example.com/oauth/start"));
        assertThat(tree(answer.responseJson()).get("openUrl").asText()).isEqualTo("https://crm.example.com/oauth/start");
        assertThat(answer.followUps()).hasSize(1);
        JsonNode status = tree(answer.followUps().get(0).toJson());
        assertThat(status.get("type").asText()).isEqualTo("rc-adapter-update-authorization-status");
        assertThat(status.get("authorized").asBoolean()).isTrue();
        assertThat(status.get("authorizedAccount").asText()).isEqualTo("ada@example.com");
        call("/authorize", json("{'authorized':true}"));
        assertThat((Boolean) request()).isTrue();
    }

    @Test
    void activitiesAndOpeningOne() {
        JsonNode list = call("/activities", json("{'contact':{'id':'42','name':'Ada Lovelace','type':'TestService'}}"));
        assertThat(((Contact) request()).id()).isEqualTo("42");
        assertThat(list.get("data").get(0).get("id").asText()).isEqualTo("123");
        assertThat(list.get("data").get(0).get("subject").asText()).isEqualTo("Title");
        assertThat(list.get("data").get(0).get("time").asLong()).isEqualTo(1528854702472L);

        JsonNode open = call("/activity", json("{'activity':{'id':'123','subject':'Title','time':1528854702472}}"));
        Activity activity = request();
        assertThat(activity).isEqualTo(Activity.of("123", "Title", Instant.ofEpochMilli(1528854702472L)));
        assertThat(open.get("data").asText()).isEqualTo("ok");
        assertThat(open.has("openUrl")).isFalse();
    }

    @Test
    void theWholeWidgetMessageIsAnsweredWithTheResponseEnvelope() {
        var event = (io.github.embeddable4j.core.message.WidgetEvent.PostMessageRequest)
                io.github.embeddable4j.core.message.WidgetEvents.parse(json("{'type':'rc-post-message-request',"
                        + "'requestId':'5d8e1c3a-0000-4000-8000-000000000001','path':'/contacts/search','body':{'searchString':'ada'}}"));
        JsonNode envelope = tree(await(service.respond(event, ADA)).toJson());
        assertThat(envelope.get("type").asText()).isEqualTo("rc-post-message-response");
        assertThat(envelope.get("responseId").asText()).isEqualTo("5d8e1c3a-0000-4000-8000-000000000001");
        assertThat(envelope.get("response").get("data").get(0).get("id").asText()).isEqualTo("42");
    }
}

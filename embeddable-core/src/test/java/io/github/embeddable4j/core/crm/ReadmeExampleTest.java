package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The docs' example, compiled and run against an in-memory CRM, so the documented code keeps working. */
class ReadmeExampleTest {

    record Person(String id, String name, String phone, String owner) {
    }

    /** Stands in for a CRM client. */
    static final class Acme {
        final List<Person> people = List.of(new Person("42", "Ada Lovelace", "(650) 555-0101", "ada@example.com"),
                new Person("43", "Charles Babbage", "650-555-0102", "someone.else@example.com"));
        final List<String> loggedCalls = new ArrayList<>();

        List<Person> findByName(String owner, String text) {
            return people.stream().filter(p -> p.owner().equals(owner) && p.name().toLowerCase().contains(text.toLowerCase())).toList();
        }

        List<Person> contactsOf(String owner) {
            return people.stream().filter(p -> p.owner().equals(owner)).toList();
        }

        void saveCall(String owner, String sessionId, String note) {
            loggedCalls.add(owner + " " + sessionId + " " + note);
        }
    }

    // --- the example ---
    static class AcmeContacts implements ContactProvider {
        private final Acme acme;

        AcmeContacts(Acme acme) {
            this.acme = acme;
        }

        public List<Contact> search(ContactSearchRequest request, Caller caller) {
            return acme.findByName(caller.userName().orElseThrow(), request.searchString()).stream().map(AcmeContacts::toContact).toList();
        }

        public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
            var mine = acme.contactsOf(caller.userName().orElseThrow()).stream().map(AcmeContacts::toContact).toList();
            return PhoneNumberIndex.ofContacts(mine).match(request.phoneNumbers());
        }

        static Contact toContact(Person p) {
            return Contact.of(p.id(), p.name(), new ContactPhone(p.phone(), PhoneType.MOBILE));
        }
    }
    // --- end of the example ---

    @Test
    void theExampleServesSearchMatchAndLogging() {
        Acme acme = new Acme();
        CallLogger logger = (request, caller) -> acme.saveCall(caller.userName().orElseThrow(), request.call().sessionId(), request.note());
        try (ThirdPartyService crm = ThirdPartyService.builder("acme").displayName("Acme CRM")
                .contacts(new AcmeContacts(acme)).callLogger(logger).build()) {

            JsonNode search = tree(await(crm.handle("/contacts/search", json("{'searchString':'ada'}"), ADA)));
            assertThat(search.get("data").get(0).get("name").asText()).isEqualTo("Ada Lovelace");

            JsonNode match = tree(await(crm.handle("/contacts/match", json("{'phoneNumbers':['+16505550101','+16505550102']}"), ADA)));
            assertThat(match.get("data").get("+16505550101").get(0).get("id").asText()).isEqualTo("42");
            assertThat(match.get("data").get("+16505550102")).isEmpty(); // someone else's contact

            JsonNode logged = tree(await(crm.handle("/callLogger", json("{'call':{'sessionId':'s1'},'triggerType':'createLog',"
                    + "'note':'Renewal'}"), ADA)));
            assertThat(logged.get("data").asText()).isEqualTo("ok");
            assertThat(acme.loggedCalls).containsExactly("ada@example.com s1 Renewal");

            // no user on the request: orElseThrow fails, the widget gets an error answer, nobody's data leaks
            JsonNode anonymous = tree(await(crm.handle("/contacts/search", json("{'searchString':'a'}"), Caller.anonymous())));
            assertThat(anonymous.get("data")).isEmpty();
            assertThat(anonymous.get("error").get("code").asText()).isEqualTo("failed");
        }
    }

    @Test
    void aCursorTokenTravelsAsAString() {
        try (ThirdPartyService crm = ThirdPartyService.builder("acme").contactDirectory((request, caller) ->
                request.firstPage() ? ContactPage.next(List.of(), "cursor-b", "v2:abc") : ContactPage.last(List.of())).build()) {
            JsonNode first = tree(await(crm.handle("/contacts", json("{'page':1}"), ADA)));
            assertThat(first.get("nextPage").asText()).isEqualTo("cursor-b");
            assertThat(first.get("syncTimestamp").asText()).isEqualTo("v2:abc");
            JsonNode second = tree(await(crm.handle("/contacts", json("{'page':'cursor-b','syncTimestamp':'v2:abc'}"), ADA)));
            assertThat(second.get("nextPage").isNull()).isTrue();
        }
    }

    /** The docs' way to test a provider as the widget calls it: the service, a call-out body, its answer. */
    @Test
    void aProviderIsTestedThroughTheServiceAsTheWidgetCallsIt() throws Exception {
        ContactProvider myProvider = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return PhoneNumberIndex.ofContacts(List.of(Contact.of("42", "Ada Lovelace", ContactPhone.of("(650) 555-0101"))))
                        .match(request.phoneNumbers());
            }
        };
        try (ThirdPartyService service = ThirdPartyService.builder("my-crm").contacts(myProvider).build()) {
            ServiceAnswer answer = service.answer("/contacts/match", "{\"phoneNumbers\":[\"+16505550101\"]}", Caller.anonymous()).get();
            assertThat(answer.error()).isNull();
            assertThat(tree(answer.responseJson()).get("data").get("+16505550101").get(0).get("name").asText()).isEqualTo("Ada Lovelace");
        }
    }
}

package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddable4j.core.bridge.ServiceRelay;
import io.github.embeddable4j.core.message.WidgetCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Call-out edges a review proved broken, each failing without its fix: a registration queued when the service closes,
 * a match keyed by the CRM's own numbers with extensions, and the HTTP relay re-reading an answer the service made.
 */
class CalloutEdgesTest {

    /** registration() always completes: also when close() drains its queued task and its alarm with the pools. */
    @Test
    void aRegistrationWaitingForAThreadIsAnsweredWhenTheServiceCloses() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ThirdPartyService service = ThirdPartyService.builder("acme").threads(1)
                .contacts(new ContactProvider() {
                    @Override
                    public List<Contact> search(ContactSearchRequest request, Caller caller) {
                        started.countDown();
                        try {
                            Thread.sleep(20_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return List.of();
                    }

                    @Override
                    public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                        return Map.of();
                    }
                })
                .authorization(new ThirdPartyAuthorization() {
                    @Override
                    public AuthorizationStatus status(Caller caller) {
                        return AuthorizationStatus.unauthorized();
                    }

                    @Override
                    public java.util.Optional<java.net.URI> buttonClicked(boolean authorized, Caller caller) {
                        return java.util.Optional.empty();
                    }
                }).build();
        CompletableFuture<ServiceAnswer> search = service.answer("/contacts/search", "{\"searchString\":\"a\"}", Caller.anonymous());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<WidgetCommand> registration = service.registration(Caller.anonymous()); // queued behind the search
        service.close();
        assertThat(search.get(3, TimeUnit.SECONDS).error().code()).isEqualTo(ServiceError.Code.CLOSED);
        assertThat(registration).as("the registration's future completes").succeedsWithin(java.time.Duration.ofSeconds(4));
    }

    /** A match answered keyed by the CRM's own numbers: an extension asked for gets its own contact, not its neighbours'. */
    @Test
    void anExtensionAskedForIsNotMergedWithTheOtherExtensionsOfItsNumber() throws Exception {
        Contact ada = Contact.of("a", "Ada", new ContactPhone("+1 650 555 0100 ext. 123", PhoneType.EXTENSION));
        Contact bob = Contact.of("b", "Bob", new ContactPhone("+1 650 555 0100 ext. 456", PhoneType.EXTENSION));
        Map<String, List<Contact>> crm = Map.of("+1 650 555 0100 ext. 123", List.of(ada), "+1 650 555 0100 ext. 456", List.of(bob));
        try (ThirdPartyService service = ThirdPartyService.builder("acme").contacts(CrmTestSupport.matching(crm)).build()) {
            ServiceAnswer answer = service.answer("/contacts/match",
                    "{\"phoneNumbers\":[\"+16505550100*123\",\"+16505550100*456\"]}", Caller.anonymous()).get(5, TimeUnit.SECONDS);
            JsonNode data = tree(answer.responseJson()).path("data");
            List<String> for123 = new ArrayList<>();
            data.path("+16505550100*123").forEach(c -> for123.add(c.path("id").asText()));
            List<String> for456 = new ArrayList<>();
            data.path("+16505550100*456").forEach(c -> for456.add(c.path("id").asText()));
            assertThat(for123).as("ext. 123").containsExactly("a");
            assertThat(for456).as("ext. 456").containsExactly("b");
        }
    }

    /** The HTTP relay passes on the service's answer as made: read again with the limits for requests, it was lost. */
    @Test
    void theHttpRelayPassesOnAnAnswerTheServiceMade() throws Exception {
        String avatar = "data:image/jpeg;base64," + "A".repeat(1_000_000);
        Contact ada = Contact.of("a", "Ada", ContactPhone.of("+16505550101")).withProfileImageUrl(avatar);
        ContactProvider provider = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                return List.of(ada);
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of();
            }
        };
        try (ThirdPartyService service = ThirdPartyService.builder("acme").contacts(provider).build()) {
            String body = "{\"searchString\":\"Ada\"}";
            assertThat(service.answer("/contacts/search", body, Caller.anonymous()).get(5, TimeUnit.SECONDS).ok())
                    .as("the service answered").isTrue();
            byte[] request = ("{\"requestId\":\"r1\",\"path\":\"/contacts/search\",\"body\":" + body + "}")
                    .getBytes(StandardCharsets.UTF_8);
            CompletableFuture<String> reply = ServiceRelay.handle(service, request, request.length, Caller.anonymous());
            assertThat(reply).as("the relay's reply to the page").succeedsWithin(java.time.Duration.ofSeconds(5))
                    .satisfies(json -> assertThat(json).contains("\"responseId\":\"r1\""));
        }
    }
}

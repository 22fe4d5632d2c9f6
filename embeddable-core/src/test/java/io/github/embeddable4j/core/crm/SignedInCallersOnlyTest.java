package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A phone shown to a visitor who has not signed in (a sign-in view inside the phone's layout, a widget that restored
 * the last user's login on a shared computer) could read the CRM: a trial's contact search listed every contact to an
 * anonymous visitor. With {@code signedInCallersOnly}, such a caller is refused and no provider runs.
 */
class SignedInCallersOnlyTest {

    private final AtomicInteger searched = new AtomicInteger();
    private final AtomicInteger logged = new AtomicInteger();

    private ThirdPartyService.Builder crm() {
        Contact ada = Contact.of("1", "Ada Lovelace", ContactPhone.of("+16505550101"));
        return ThirdPartyService.builder("acme").contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                searched.incrementAndGet();
                return List.of(ada);
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of();
            }
        }).callLogger((request, caller) -> logged.incrementAndGet());
    }

    private static final String SEARCH = "{\"searchString\":\"Ada\"}";
    private static final String LOG = "{\"triggerType\":\"createLog\",\"call\":{\"sessionId\":\"s1\",\"telephonySessionId\":\"t1\","
            + "\"direction\":\"Outbound\",\"from\":{\"phoneNumber\":\"+16505550100\"},\"to\":{\"phoneNumber\":\"+16505550101\"},"
            + "\"startTime\":1700000000000,\"duration\":30,\"result\":\"Call connected\"}}";

    @Test
    void anAnonymousCallerIsRefusedAndNoProviderRuns() {
        List<ServiceError.Code> told = new CopyOnWriteArrayList<>();
        try (ThirdPartyService service = crm().signedInCallersOnly(true).build()) {
            service.observe((callout, error, took) -> told.add(error));
            ServiceAnswer search = await(service.answer("/contacts/search", SEARCH, Caller.anonymous()));
            assertThat(search.error()).isNotNull();
            assertThat(search.error().code()).isEqualTo(ServiceError.Code.REFUSED);
            assertThat(search.error().message()).contains("nobody is signed in");
            JsonNode response = tree(search.responseJson());
            assertThat(response.get("data")).as("no contact goes out: " + response).hasSize(0);
            // the user pressed "Log": the widget shows why, and nothing is logged
            ServiceAnswer log = await(service.answer("/callLogger", LOG, new Caller(null, "sess-9")));
            assertThat(log.error().code()).isEqualTo(ServiceError.Code.REFUSED);
            assertThat(log.responseJson()).contains("nobody is signed in");
            assertThat(searched).hasValue(0);
            assertThat(logged).hasValue(0);
            assertThat(service.stats().rejected()).isEqualTo(2);
            assertThat(told).as("each refusal told once to the observers").containsExactly(ServiceError.Code.REFUSED,
                    ServiceError.Code.REFUSED);

            ServiceAnswer signedIn = await(service.answer("/contacts/search", SEARCH, ADA));
            assertThat(signedIn.ok()).isTrue();
            assertThat(signedIn.responseJson()).contains("Ada Lovelace");
            assertThat(searched).hasValue(1);
        }
    }

    /** Off by default: an application without sign-in has only callers without a user. */
    @Test
    void offByDefaultEveryCallerIsAnswered() {
        try (ThirdPartyService service = crm().build()) {
            ServiceAnswer search = await(service.answer("/contacts/search", SEARCH, Caller.anonymous()));
            assertThat(search.ok()).isTrue();
            assertThat(search.responseJson()).contains("Ada Lovelace");
        }
    }

    /**
     * The Do Not Contact check runs for everyone: refused, it followed {@code OnFailure} and a call to an opted-out
     * number went ahead under ALLOW, or became "Continue anyway?" under WARN (a review).
     */
    @Test
    void theDoNotContactCheckStillRunsForACallerWithoutAUser() {
        AtomicInteger checked = new AtomicInteger();
        try (ThirdPartyService service = crm().signedInCallersOnly(true)
                .doNotContact((request, caller) -> {
                    checked.incrementAndGet();
                    return DoNotContactDecision.block("This number opted out.");
                }).whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.ALLOW).build()) {
            ServiceAnswer answer = await(service.answer("/doNotContact",
                    "{\"actionType\":\"call\",\"phoneNumber\":\"+16505550101\"}", Caller.anonymous()));
            assertThat(answer.ok()).isTrue();
            assertThat(answer.responseJson()).contains("\"result\":true").contains("opted out");
            assertThat(checked).hasValue(1);
        }
    }

    /**
     * The registration of a caller without a user asks no provider and shows no CRM account (a review), and offers only
     * the Do Not Contact check: no search or "Log" button that would only fail (a trial).
     */
    @Test
    void theRegistrationOfACallerWithoutAUserAsksNoAuthorization() {
        AtomicInteger asked = new AtomicInteger();
        ThirdPartyAuthorization authorization = new ThirdPartyAuthorization() {
            @Override
            public AuthorizationStatus status(Caller caller) {
                asked.incrementAndGet();
                return AuthorizationStatus.authorized("ops@acme.example");
            }

            @Override
            public java.util.Optional<java.net.URI> buttonClicked(boolean authorized, Caller caller) {
                return java.util.Optional.empty();
            }
        };
        try (ThirdPartyService service = crm().signedInCallersOnly(true).authorization(authorization)
                .doNotContact((request, caller) -> DoNotContactDecision.allow()).build()) {
            JsonNode anonymous = tree(await(service.registration(Caller.anonymous())).toJson()).get("service");
            assertThat(anonymous).isEqualTo(tree("{\"name\":\"acme\",\"doNotContactPath\":\"/doNotContact\"}"));
            assertThat(asked).hasValue(0);
            String ada = await(service.registration(ADA)).toJson();
            assertThat(ada).contains("\"authorized\":true").contains("ops@acme.example");
            assertThat(asked).hasValue(1);
            assertThat(service.signedInCallersOnly()).isTrue();
            assertThat(service.summary()).endsWith("It answers signed-in users only (all but the Do Not Contact check).");
        }
    }
}

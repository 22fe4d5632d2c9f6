package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddable4j.core.message.WidgetCommand;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registration names exactly the call-outs whose provider is present. */
class ServiceDescriptorTest {

    private static final ContactProvider CONTACTS = CrmTestSupport.matching(Map.of());

    private static final ThirdPartyAuthorization AUTH = new ThirdPartyAuthorization() {
        @Override
        public AuthorizationStatus status(Caller caller) {
            return caller.userName().isPresent() ? AuthorizationStatus.authorized(caller.userName().get())
                    : AuthorizationStatus.unauthorized();
        }

        @Override
        public Optional<URI> buttonClicked(boolean authorized, Caller caller) {
            return Optional.empty();
        }
    };

    private static JsonNode registration(ThirdPartyService.Builder builder) {
        try (ThirdPartyService service = builder.build()) {
            JsonNode message = tree(WidgetCommand.registerService(service.descriptor()).toJson());
            assertThat(message.get("type").asText()).isEqualTo("rc-adapter-register-third-party-service");
            return message.get("service");
        }
    }

    @Test
    void aNameAloneRegistersNoCallout() {
        JsonNode service = registration(ThirdPartyService.builder("acme"));
        assertThat(service).isEqualTo(tree("{\"name\":\"acme\"}"));
    }

    @Test
    void aContactProviderRegistersSearchAndMatchOnly() {
        JsonNode service = registration(ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(CONTACTS)
                .contactMatchTtl(Duration.ofHours(1)).contactNoMatchTtl(Duration.ofMinutes(2)));
        assertThat(service).isEqualTo(tree("{\"name\":\"acme\",\"displayName\":\"Acme CRM\","
                + "\"contactSearchPath\":\"/contacts/search\",\"contactMatchPath\":\"/contacts/match\","
                + "\"contactMatchTtl\":3600000,\"contactNoMatchTtl\":120000}"));
    }

    /** A CRM without a call logger gives the widget no "Log" button: the start-up summary says what is not asked. */
    @Test
    void theSummaryNamesWhatTheWidgetAsksAndWhatItDoesNot() {
        try (ThirdPartyService service = ThirdPartyService.builder("acme").contacts(CONTACTS).build()) {
            assertThat(service.summary()).isEqualTo("RingCentral Embeddable: the CRM service \"acme\" answers the"
                    + " widget's call-outs to search contacts, match phone numbers to contacts; the widget makes none to"
                    + " load contacts, open the contact, log the call, check which calls are logged, log the"
                    + " messages, check which messages are logged, check the Do Not Contact list, change the"
                    + " connection, load the activities, open the activity (nothing provides them).");
        }
        try (ThirdPartyService service = ThirdPartyService.builder("none").build()) {
            assertThat(service.summary()).endsWith("answers none of the widget's call-outs (nothing provides them).");
        }
        // a directory alone: no search or match call-out, but the widget searches the contacts it loaded (a review)
        try (ThirdPartyService service = ThirdPartyService.builder("dir")
                .contactDirectory((request, caller) -> ContactPage.last(List.of())).build()) {
            assertThat(service.summary()).contains("answers the widget's call-outs to load contacts;")
                    .endsWith("The widget searches and matches the contacts it loads itself.");
        }
        ThirdPartyService.Builder everything = ThirdPartyService.builder("all").contacts(CONTACTS)
                .contactDirectory((request, caller) -> ContactPage.last(List.of())).contactViewer((contact, caller) -> Optional.empty())
                .callLogger((request, caller) -> { }).callLogMatcher((request, caller) -> Map.of())
                .messageLogger((request, caller) -> { }).messageLogMatcher((request, caller) -> Map.of())
                .doNotContact((request, caller) -> DoNotContactDecision.allow()).authorization(AUTH)
                .activities((contact, caller) -> List.of());
        try (ThirdPartyService service = everything.build()) {
            assertThat(service.summary()).contains("open the activity.").doesNotContain("makes none")
                    .endsWith("once the user has connected the CRM (its authorization).");
        }
    }

    @Test
    void aDirectoryAloneRegistersTheContactsTab() {
        JsonNode service = registration(ThirdPartyService.builder("acme")
                .contactDirectory((r, c) -> ContactPage.last(List.of())).contactIcon("https://acme.example/icon.png"));
        assertThat(service).isEqualTo(tree("{\"name\":\"acme\",\"contactsPath\":\"/contacts\","
                + "\"contactIcon\":\"https://acme.example/icon.png\"}"));
    }

    @Test
    void loggersWithAndWithoutMatchers() {
        JsonNode callOnly = registration(ThirdPartyService.builder("acme").callLogger((r, c) -> { })
                .callLoggerTitle("Log to Acme").showLogModal(true));
        assertThat(callOnly).isEqualTo(tree("{\"name\":\"acme\",\"callLoggerPath\":\"/callLogger\","
                + "\"callLoggerTitle\":\"Log to Acme\",\"showLogModal\":true}"));
        JsonNode both = registration(ThirdPartyService.builder("acme").callLogger((r, c) -> { })
                .callLogMatcher((r, c) -> Map.of()).messageLogger((r, c) -> { }).messageLogMatcher((r, c) -> Map.of())
                .messageLoggerTitle("Log SMS to Acme"));
        assertThat(both.get("callLogEntityMatcherPath").asText()).isEqualTo("/callLogger/match");
        assertThat(both.get("messageLoggerPath").asText()).isEqualTo("/messageLogger");
        assertThat(both.get("messageLogEntityMatcherPath").asText()).isEqualTo("/messageLogger/match");
        assertThat(both.get("messageLoggerTitle").asText()).isEqualTo("Log SMS to Acme");
        assertThat(both.has("contactsPath")).isFalse();
    }

    @Test
    void everyProviderAndThePerUserAuthorizationStatus() {
        try (ThirdPartyService service = ThirdPartyService.builder("acme").contacts(CONTACTS)
                .contactDirectory((r, c) -> ContactPage.last(List.of()))
                .contactViewer((contact, c) -> Optional.empty())
                .callLogger((r, c) -> { }).callLogMatcher((r, c) -> Map.of())
                .messageLogger((r, c) -> { }).messageLogMatcher((r, c) -> Map.of())
                .doNotContact((r, c) -> DoNotContactDecision.allow())
                .authorization(AUTH).authorizationTitles("Disconnect", "Connect")
                .activities((contact, c) -> List.of()).activityName("Acme activities")
                .option("info", "Acme CRM for the sales team")
                .path(Callout.CONTACT_MATCH, "/acme/match")
                .build()) {
            assertThat(service.descriptor().paths().keySet()).containsExactly(Callout.values());
            assertThat(service.descriptor().calloutAt("/acme/match")).contains(Callout.CONTACT_MATCH);
            assertThat(service.descriptor().calloutAt("/contacts/match")).isEmpty();

            JsonNode forAda = tree(await(service.registration(ADA)).toJson()).get("service");
            assertThat(forAda.get("authorized").asBoolean()).isTrue();
            assertThat(forAda.get("authorizedAccount").asText()).isEqualTo("ada@example.com");
            assertThat(forAda.get("contactMatchPath").asText()).isEqualTo("/acme/match");
            for (Callout c : Callout.values()) {
                assertThat(forAda.has(c.registrationField())).as(c.registrationField()).isTrue();
            }
            assertThat(forAda.get("authorizedTitle").asText()).isEqualTo("Disconnect");
            assertThat(forAda.get("unauthorizedTitle").asText()).isEqualTo("Connect");
            assertThat(forAda.get("activityName").asText()).isEqualTo("Acme activities");
            assertThat(forAda.get("info").asText()).isEqualTo("Acme CRM for the sales team");

            JsonNode anonymous = tree(await(service.registration(Caller.anonymous())).toJson()).get("service");
            assertThat(anonymous.get("authorized").asBoolean()).isFalse();
            assertThat(anonymous.has("authorizedAccount")).isFalse();
            // the descriptor alone says "not authorized" until a caller's status is known
            assertThat(tree(service.descriptor().toJson()).get("authorized").asBoolean()).isFalse();
        }
    }

    @Test
    void withoutAnAuthorizationButtonTheRegistrationCarriesNoStatus() {
        try (ThirdPartyService service = ThirdPartyService.builder("acme").contacts(CONTACTS).build()) {
            assertThat(service.descriptor().withAuthorization(AuthorizationStatus.authorized("x")).toJson())
                    .doesNotContain("authorized");
            assertThat(await(service.registration(ADA)).toJson()).doesNotContain("authorized");
        }
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ThirdPartyService.Builder builder = ThirdPartyService.builder(" ")
                .callLogMatcher((r, c) -> Map.of())
                .contactViewer((contact, c) -> Optional.empty())
                .option("contactsPath", "/x")
                .option("recordingWithToken", true)
                .option("callLoggerTitle", List.of("not a string"))
                .path(Callout.ACTIVITIES, "no-slash")
                .path(Callout.DO_NOT_CONTACT, "/dnc")
                .deadline(Callout.DO_NOT_CONTACT, Duration.ofSeconds(3))
                .contactMatchTtl(Duration.ZERO)
                .threads(0);
        // As the widget settings' problems are: each named by the builder method to change, with its fix.
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(builder::build,
                io.github.embeddable4j.core.EmbeddableConfigException.class);
        assertThat(thrown.problems()).extracting(io.github.embeddable4j.core.ConfigProblem::property).containsExactlyInAnyOrder(
                "name", "callLogMatcher", "contactViewer", "option(contactsPath)", "option(recordingWithToken)",
                "option(callLoggerTitle)", "path(ACTIVITIES)", "path(DO_NOT_CONTACT)", "deadline(DO_NOT_CONTACT)",
                "contactMatchTtl", "threads");
        assertThat(thrown).hasMessageContaining("name: ' ' is not a short name")
                .hasMessageContaining("option(recordingWithToken): it puts the user's RingCentral access token")
                .hasMessageContaining("path(ACTIVITIES): 'no-slash' is not a path")
                .hasMessageContaining("path(DO_NOT_CONTACT): no provider serves DO_NOT_CONTACT")
                .hasMessageContaining("deadline(DO_NOT_CONTACT): PT3S is not below the widget's timeout")
                .hasMessageContaining("Fix: give a positive duration below the widget's 3000 ms")
                .hasMessageContaining("contactMatchTtl: PT0S is not a positive duration");
        assertThatThrownBy(() -> ThirdPartyService.builder("acme").callLogger((r, c) -> { }).messageLogger((r, c) -> { })
                .path(Callout.MESSAGE_LOGGER, "/callLogger").build()).hasMessageContaining("two call-outs share a path");
    }

    /**
     * Widget 3.x's logging of selected messages posts {@code {logId, triggerType: 'openLog'}} without a conversation,
     * reads {@code data.logId} back and matches by {@code {conversationId, messageIds}} (its ThirdPartyService
     * module, an audit of its source): switched on through an option, no message would ever show as logged.
     */
    @Test
    void selectedMessageLoggingIsRefusedWithItsReason() {
        assertThatThrownBy(() -> ThirdPartyService.builder("acme").messageLogger((r, c) -> { })
                .option("messageLoggerGranularSelectionEnabled", true).build())
                .hasMessageContaining("option(messageLoggerGranularSelectionEnabled): widget 3.x's logging of selected messages")
                .hasMessageContaining("log whole conversations");
    }

    @Test
    void defaultDeadlinesAreShorterThanTheWidgetsTimeouts() {
        assertThat(Callout.CONTACTS.widgetTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Callout.CONTACTS.defaultDeadline()).isEqualTo(Duration.ofSeconds(54));
        assertThat(Callout.CONTACT_MATCH.defaultDeadline()).isEqualTo(Duration.ofSeconds(27));
        assertThat(Callout.CALL_LOGGER.defaultDeadline()).isEqualTo(Duration.ofMillis(13_500));
        assertThat(Callout.ACTIVITY.defaultDeadline()).isEqualTo(Duration.ofMillis(2_500));
        for (Callout c : Callout.values()) {
            assertThat(c.defaultDeadline()).isLessThan(c.widgetTimeout());
        }
    }
}

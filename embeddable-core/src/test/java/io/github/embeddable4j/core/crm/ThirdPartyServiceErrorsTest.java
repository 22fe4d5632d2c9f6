package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static io.github.embeddable4j.core.crm.CrmTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whatever goes wrong, the transport gets JSON the widget handles as a failed call-out, in time. */
class ThirdPartyServiceErrorsTest {

    private final List<ThirdPartyService> services = new ArrayList<>();
    private final AtomicInteger providerCalls = new AtomicInteger();

    @AfterEach
    void closeAll() {
        services.forEach(ThirdPartyService::close);
    }

    private ThirdPartyService with(ThirdPartyService.Builder builder) {
        ThirdPartyService s = builder.build();
        services.add(s);
        return s;
    }

    private ContactProvider contacts(BiFunction<ContactSearchRequest, Caller, List<Contact>> search) {
        return new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                providerCalls.incrementAndGet();
                return search.apply(request, caller);
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                providerCalls.incrementAndGet();
                throw new IllegalStateException("db password=hunter2 rejected");
            }
        };
    }

    private static JsonNode error(ServiceAnswer answer) {
        return tree(answer.responseJson()).get("error");
    }

    /**
     * A call-out its failing provider has claimed is answered by nothing else, so it must be answered even when saying
     * why fails: here a {@link CrmException} whose message is built when asked for, and fails (a review's call-out
     * stayed unanswered and in flight after its deadline and after {@code close()}).
     */
    @Test
    void aFailureWhoseMessageCannotBeHadIsStillAnsweredAtOnce() {
        class BrokenMessage extends CrmException {
            BrokenMessage() {
                super("never read");
            }

            @Override
            public String getMessage() {
                throw new IllegalStateException("message not available");
            }
        }
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM")
                .deadline(Callout.CONTACT_SEARCH, Duration.ofSeconds(20)).contacts(contacts((r, c) -> {
                    throw new BrokenMessage();
                })));
        CompletableFuture<ServiceAnswer> answer = s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA);
        ServiceAnswer failed = await(answer); // well before the 20 s deadline
        assertThat(failed.error().code()).as("the provider's failure, not a timeout").isEqualTo(ServiceError.Code.FAILED);
        assertThat(failed.error().message()).isEqualTo("Could not search contacts in Acme CRM: something went wrong on the server.");
        assertThat(s.stats().failed()).isEqualTo(1);
        assertThat(s.stats().inFlight()).isZero();
    }

    @Test
    void aThrowingProviderGetsAGenericErrorAnswerThatLeaksNothing() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(contacts((r, c) -> {
            throw new IllegalStateException("db password=hunter2 rejected");
        })));
        ServiceAnswer search = await(s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA));
        assertThat(search.ok()).isFalse();
        assertThat(search.error().code()).isEqualTo(ServiceError.Code.FAILED);
        assertThat(search.error().message()).isEqualTo("Could not search contacts in Acme CRM: something went wrong on the server.");
        assertThat(search.responseJson()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        JsonNode response = tree(search.responseJson());
        assertThat(response.get("data").isArray()).isTrue();
        assertThat(response.get("data")).isEmpty(); // the widget shows no results, as when its own call fails
        assertThat(response.get("error").get("code").asText()).isEqualTo("failed");
        assertThat(search.followUps()).isEmpty(); // a background call-out does not raise an alert

        ServiceAnswer match = await(s.answer("/contacts/match", json("{'phoneNumbers':['+16505550101']}"), ADA));
        JsonNode matchResponse = tree(match.responseJson());
        assertThat(matchResponse.get("data").isObject()).isTrue();
        assertThat(matchResponse.get("data")).isEmpty(); // no key: the widget keeps nothing and asks again later
        assertThat(s.stats().failed()).isEqualTo(2);
    }

    @Test
    void aCrmExceptionMessageReachesTheUser() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(contacts((r, c) -> {
            throw new CrmException("Your Acme session expired; sign in again.");
        })));
        ServiceAnswer answer = await(s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA));
        assertThat(error(answer).get("message").asText())
                .isEqualTo("Could not search contacts in Acme CRM: Your Acme session expired; sign in again.");
    }

    /**
     * A CrmException is the provider's answer for the user, thrown on purpose: one line in the log, not a stack trace
     * as for a failure (a trial read its deliberate "session expired" as a crash); with a cause, the cause's trace.
     */
    @Test
    void aCrmExceptionIsLoggedAsOneLineAndItsCauseWithItsTrace() {
        // one service: the deliberate one first must not keep a later one with a cause from its stack trace
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(contacts((r, c) -> {
            throw r.searchString().equals("down") ? new CrmException("Acme CRM is down.", new java.io.IOException("timed out"))
                    : new CrmException("Your Acme session\nexpired.");
        })));
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
            await(s.answer("/contacts/search", json("{'searchString':'a'}"), ADA));
            await(s.answer("/contacts/search", json("{'searchString':'a'}"), ADA));
            await(s.answer("/contacts/search", json("{'searchString':'down'}"), ADA));
            List<java.util.logging.LogRecord> warnings = log.records().stream()
                    .filter(r -> r.getLevel() == java.util.logging.Level.WARNING).toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0).getThrown()).isNull();
            assertThat(warnings.get(0).getMessage()).isEqualTo("RingCentral Embeddable: the CONTACT_SEARCH provider answered"
                    + " with a CrmException, shown to the user: Your Acme session\\nexpired. (logged once per kind of call-out; later ones, other words too, at DEBUG)");
            assertThat(warnings.get(1).getThrown()).isInstanceOf(CrmException.class).hasCauseInstanceOf(java.io.IOException.class);
            assertThat(log.records().stream().filter(r -> r.getLevel() == java.util.logging.Level.FINE)
                    .map(java.util.logging.LogRecord::getMessage)).containsExactly(
                    "RingCentral Embeddable: the CONTACT_SEARCH provider answered with a CrmException: Your Acme session\\nexpired.");
        }
    }

    @Test
    void aCrmExceptionWithoutAMessageGetsTheGenericSentence() {
        // a CRM client's exception without words for the user must not become "Could not search contacts in Acme CRM: "
        for (String message : new String[] {null, "", "  "}) {
            ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(contacts((r, c) -> {
                throw new CrmException(message);
            })));
            ServiceAnswer answer = await(s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA));
            assertThat(error(answer).get("message").asText()).as("%s", message)
                    .isEqualTo("Could not search contacts in Acme CRM: something went wrong on the server.");
        }
    }

    @Test
    void aProviderFailureIsLoggedWithItsStackOncePerKindThenOnOneLineAtDebug() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(contacts((r, c) -> {
            throw r.searchString().equals("a") ? new IllegalStateException("the CRM said:\nno") : new IllegalArgumentException("bad");
        })));
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
            for (String searched : List.of("a", "a", "b", "a")) {
                await(s.answer("/contacts/search", json("{'searchString':'" + searched + "'}"), ADA));
            }
            List<java.util.logging.LogRecord> warnings = log.records().stream()
                    .filter(r -> r.getLevel() == java.util.logging.Level.WARNING).toList();
            assertThat(warnings).extracting(r -> (Object) r.getThrown().getClass()).as("once per kind of call-out and exception type")
                    .containsExactly(IllegalStateException.class, IllegalArgumentException.class);
            assertThat(warnings.get(0).getMessage()).contains("the CONTACT_SEARCH provider failed", "logged once");
            // the repeats, at debug: one line each, whatever the message holds (a log line forged by a CRM's text)
            assertThat(log.records().stream().filter(r -> r.getLevel() == java.util.logging.Level.FINE)
                    .map(java.util.logging.LogRecord::getMessage)).containsExactly(
                    "RingCentral Embeddable: the CONTACT_SEARCH provider failed: java.lang.IllegalStateException: the CRM said:\\nno",
                    "RingCentral Embeddable: the CONTACT_SEARCH provider failed: java.lang.IllegalStateException: the CRM said:\\nno");
        }
        assertThat(s.stats().failed()).isEqualTo(4);
    }

    /** A failing Do Not Contact check's log line says what its policy made of it: the call refused, here. */
    @Test
    void aFailedDoNotContactCheckIsLoggedWithWhatItsPolicyAnswered() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").doNotContact((r, c) -> {
            throw new IllegalStateException("list down");
        }).whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.BLOCK));
        assertThat(checkedAndWarned(s, "\"mode\":\"restrict\""))
                .contains("the DO_NOT_CONTACT provider failed; the widget got OnFailure.BLOCK's answer (the call or"
                        + " message is refused)");
    }

    /**
     * Asks {@code service}'s Do Not Contact check about a number, expects its answer to contain {@code answered}, and
     * returns the one warning logged (before the answer, as every failure's is: the test reads it as soon as it comes).
     */
    private static String checkedAndWarned(ThirdPartyService service, String answered) {
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
            ServiceAnswer answer = await(service.answer("/doNotContact",
                    json("{'actionType':'call','phoneNumber':'+16505550101'}"), ADA));
            assertThat(answer.responseJson()).contains(answered);
            List<String> warnings = log.records().stream().filter(r -> r.getLevel() == java.util.logging.Level.WARNING)
                    .map(java.util.logging.LogRecord::getMessage).toList();
            assertThat(warnings).hasSize(1);
            return warnings.get(0);
        }
    }

    /** The check's list too slow (its commonest failure): the timeout's line says the call was refused (a review). */
    @Test
    void aTimedOutDoNotContactCheckIsLoggedWithWhatItsPolicyAnswered() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").deadline(Callout.DO_NOT_CONTACT, Duration.ofMillis(200))
                .doNotContact((r, c) -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return DoNotContactDecision.allow();
                }).whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.BLOCK));
        // logged before the answer (CI read it too soon when the timer answered first)
        assertThat(checkedAndWarned(s, "\"mode\":\"restrict\""))
                .contains("did not answer within", "OnFailure.BLOCK's answer (the call or message is refused)");
    }

    /**
     * A CrmException with words for the user, under ALLOW: the widget gets {result: false} and shows nothing, so the
     * line says what the policy answered, not "shown to the user" (a review).
     */
    @Test
    void aDoNotContactChecksCrmExceptionIsLoggedWithWhatItsPolicyAnswered() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").doNotContact((r, c) -> {
            throw new CrmException("The Do Not Contact list is unavailable.");
        }).whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.ALLOW));
        assertThat(checkedAndWarned(s, "\"result\":false"))
                .contains("OnFailure.ALLOW's answer (the call or message goes on)", "list is unavailable")
                .doesNotContain("shown to the user");
    }

    @Test
    void aFailedContactLoadAnswersNullSoTheWidgetKeepsItsContacts() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contactDirectory((r, c) -> {
            throw new CrmException("down");
        }));
        ServiceAnswer answer = await(s.answer("/contacts", json("{'page':1}"), ADA));
        assertThat(answer.responseJson()).isEqualTo("null");
        assertThat(answer.error().code()).isEqualTo(ServiceError.Code.FAILED);
        assertThat(answer.error().message()).contains("down");
    }

    @Test
    void aFailedLogTheUserAskedForAlsoShowsAnAlertButAutoLogDoesNot() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM").callLogger((r, c) -> {
            throw new CrmException("The contact is locked.");
        }));
        ServiceAnswer pressed = await(s.answer("/callLogger", json("{'call':{'sessionId':'1'},'triggerType':'createLog'}"), ADA));
        assertThat(pressed.followUps()).hasSize(1);
        JsonNode alert = tree(pressed.followUps().get(0).toJson());
        assertThat(alert.get("type").asText()).isEqualTo("rc-adapter-message-request");
        assertThat(alert.get("path").asText()).isEqualTo("/custom-alert-message");
        assertThat(alert.get("alertMessage").asText()).isEqualTo("Could not log the call in Acme CRM: The contact is locked.");
        assertThat(alert.get("alertLevel").asText()).isEqualTo("danger");
        assertThat(error(pressed).get("code").asText()).isEqualTo("failed");

        ServiceAnswer auto = await(s.answer("/callLogger", json("{'call':{'sessionId':'1'},'triggerType':'presenceUpdate'}"), ADA));
        assertThat(auto.ok()).isFalse();
        assertThat(auto.followUps()).isEmpty();
    }

    @Test
    void aHangingProviderIsAnsweredAtItsDeadlineAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").deadline(Callout.CONTACT_SEARCH, Duration.ofMillis(300))
                .contacts(contacts((r, c) -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return List.of();
                })));
        long start = System.nanoTime();
        ServiceAnswer answer = s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA).get(5, TimeUnit.SECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(250).isLessThan(30_000); // the deadline, far below the widget's 30 s
        assertThat(answer.error().code()).isEqualTo(ServiceError.Code.TIMEOUT);
        assertThat(answer.error().message()).endsWith("it did not answer in time.");
        assertThat(tree(answer.responseJson()).get("data")).isEmpty();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(s.stats().timedOut()).isEqualTo(1);
        assertThat(s.stats().answered()).isZero();
    }

    /**
     * A provider interrupted at its deadline usually throws (a JDBC or HTTP client turns the interrupt into an
     * exception): that call-out was answered with the timeout and counted as timed out, so it is not also a failure
     * (it was counted as both, and logged as a failing provider with a stack trace, found by a review of stats()).
     */
    @Test
    void aProviderThatThrowsWhenInterruptedAtItsDeadlineIsCountedOnceAsTimedOut() throws Exception {
        CountDownLatch thrown = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").deadline(Callout.CONTACT_SEARCH, Duration.ofMillis(300))
                .contacts(contacts((r, c) -> {
                    try {
                        Thread.sleep(60_000);
                        return List.of();
                    } catch (InterruptedException e) {
                        thrown.countDown();
                        throw new IllegalStateException("query interrupted", e);
                    }
                })));
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
            ServiceAnswer answer = s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA).get(5, TimeUnit.SECONDS);
            assertThat(answer.error().code()).isEqualTo(ServiceError.Code.TIMEOUT);
            assertThat(thrown.await(5, TimeUnit.SECONDS)).as("the provider was interrupted and threw").isTrue();
            s.close(); // joins the service's threads: the provider's has done whatever it does after the throw
            assertThat(s.stats().timedOut()).isEqualTo(1);
            assertThat(s.stats().failed()).as("not a failure too").isZero();
            assertThat(s.stats().answered()).isZero();
            assertThat(log.messages()).anyMatch(m -> m.contains("did not answer within"))
                    .noneMatch(m -> m.contains("provider failed"));
        }
    }

    /**
     * A call-out sent again (the HTTP bridge's glue, after the server refused it for a while) says how long ago the
     * widget asked: its provider gets what is left of its deadline, and with less than a tenth left none runs, so a
     * call log is not made after the widget has told the user it failed (found by a review of the glue's retries).
     */
    @Test
    void aCallOutTheWidgetAskedForLongAgoGetsOnlyWhatIsLeftOfItsDeadline() throws Exception {
        AtomicInteger logs = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").deadline(Callout.CALL_LOGGER, Duration.ofSeconds(10))
                .callLogger((request, caller) -> {
                    if (logs.incrementAndGet() == 2) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                        }
                    }
                }));
        String log = json("{'call':{'sessionId':'1'},'triggerType':'createLog'}");
        ServiceAnswer late = await(s.answer("/callLogger", log, ADA, Duration.ofMillis(9_500)));
        assertThat(late.error().code()).as("under a tenth of 10 s left").isEqualTo(ServiceError.Code.TIMEOUT);
        assertThat(logs).as("no provider run").hasValue(0);
        assertThat(s.stats().timedOut()).isEqualTo(1);

        assertThat(await(s.answer("/callLogger", log, ADA, Duration.ofMillis(1_000))).ok()).isTrue();
        assertThat(logs).hasValue(1);

        long start = System.nanoTime();
        ServiceAnswer cut = s.answer("/callLogger", log, ADA, Duration.ofMillis(9_000)).get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the 1 s left, not 10")
                .isGreaterThanOrEqualTo(900).isLessThan(5_000);
        assertThat(cut.error().code()).isEqualTo(ServiceError.Code.TIMEOUT);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallOutThatWaitedInTheQueuePastItsDeadlineSaysSoAndItsProviderIsNeverCalled() throws Exception {
        // A virtual-threads trial: 200 slow searches on the default 8 threads; the timed-out ones were logged as
        // "the provider did not answer", though they had only waited for a thread.
        // The provider keeps its thread until released, interrupted or not: had it given the thread up at its own
        // deadline, the second call-out, sent a little later, could start with more than a tenth of its deadline left
        // and rightly be run (a loaded CI machine once took over 30 ms between the two calls).
        CountDownLatch release = new CountDownLatch(1);
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
            ThirdPartyService s = with(ThirdPartyService.builder("acme").threads(1)
                    .deadline(Callout.CONTACT_SEARCH, Duration.ofMillis(300))
                    .contacts(contacts((r, c) -> {
                        boolean interrupted = false;
                        while (release.getCount() > 0) {
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                interrupted = true;
                            }
                        }
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        return List.of();
                    })));
            CompletableFuture<ServiceAnswer> running = s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA);
            CompletableFuture<ServiceAnswer> queued = s.answer("/contacts/search", json("{'searchString':'bob'}"), ADA);
            assertThat(running.get(5, TimeUnit.SECONDS).error().code()).isEqualTo(ServiceError.Code.TIMEOUT);
            assertThat(queued.get(5, TimeUnit.SECONDS).error().code()).isEqualTo(ServiceError.Code.TIMEOUT);
            release.countDown();
            Thread.sleep(100);
            assertThat(providerCalls.get()).as("the queued call-out's provider is never called").isEqualTo(1);
            assertThat(log.messages()).anyMatch(w -> w.contains("provider did not answer within 0.3 s"))
                    .anyMatch(w -> w.contains("waited 0.3 s in the queue, all 1 provider threads busy")
                            && w.contains("ringcentral.embeddable.service.threads"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void closeReturnsOnlyWhenTheServicesThreadsHaveEnded() throws Exception {
        // Tomcat checks for an application's threads right after it stopped: a standalone-Tomcat trial saw "appears to
        // have started a thread named [embeddable4j-crm-1-1] but has failed to stop it" although close() was called.
        CountDownLatch running = new CountDownLatch(1);
        ThirdPartyService s = ThirdPartyService.builder("acme").contacts(contacts((r, c) -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // a provider that takes a while to give up after the interrupt
                }
            }
            return List.of();
        })).build();
        CompletableFuture<ServiceAnswer> answer = s.answer("/contacts/search", json("{'searchString':'ada'}"), ADA);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        List<Thread> mine = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("embeddable4j-crm-")).toList();
        s.close();
        assertThat(answer.get(1, TimeUnit.SECONDS).error().code()).isEqualTo(ServiceError.Code.CLOSED);
        assertThat(mine).isNotEmpty().noneMatch(Thread::isAlive);
    }

    @Test
    void theDefaultDeadlineAnswersADoNotContactCheckBeforeTheWidgetsThreeSeconds() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM").doNotContact((r, c) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DoNotContactDecision.allow();
        }));
        assertThat(s.deadline(Callout.DO_NOT_CONTACT)).isEqualTo(Duration.ofMillis(2500));
        long start = System.nanoTime();
        ServiceAnswer answer = s.answer("/doNotContact", json("{'phoneNumber':'+16505550101','actionType':'call'}"), ADA)
                .get(Callout.DO_NOT_CONTACT.widgetTimeout().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(System.nanoTime() - start).isLessThan(Callout.DO_NOT_CONTACT.widgetTimeout().toNanos());
        assertThat(answer.error().code()).isEqualTo(ServiceError.Code.TIMEOUT);
        // the default policy: the widget's dialog tells the user the check failed and lets them decide
        JsonNode data = tree(answer.responseJson()).get("data");
        assertThat(data.get("result").asBoolean()).isTrue();
        assertThat(data.has("mode")).isFalse();
        assertThat(data.get("message").asText()).isEqualTo("Could not check the Do Not Contact list in Acme CRM: it did"
                + " not answer in time. Continue anyway?");
    }

    @Test
    void doNotContactFailurePolicies() {
        DoNotContactCheck broken = (r, c) -> {
            throw new IllegalStateException();
        };
        String body = json("{'recipients':[{'phoneNumber':'+16505550101'}],'actionType':'sms'}");
        ThirdPartyService allow = with(ThirdPartyService.builder("a").doNotContact(broken)
                .whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.ALLOW));
        JsonNode allowed = tree(await(allow.handle("/doNotContact", body, ADA)));
        assertThat(allowed.get("data").get("result").asBoolean()).isFalse();
        assertThat(allowed.get("error").get("code").asText()).isEqualTo("failed");

        ThirdPartyService block = with(ThirdPartyService.builder("b").doNotContact(broken)
                .whenDoNotContactCheckFails(DoNotContactDecision.OnFailure.BLOCK));
        JsonNode blocked = tree(await(block.handle("/doNotContact", body, ADA))).get("data");
        assertThat(blocked.get("result").asBoolean()).isTrue();
        assertThat(blocked.get("mode").asText()).isEqualTo("restrict");
        // a body the check cannot read gets the same policy
        JsonNode bad = tree(await(block.handle("/doNotContact", json("{'actionType':'fax'}"), ADA)));
        assertThat(bad.get("data").get("mode").asText()).isEqualTo("restrict");
        assertThat(bad.get("error").get("code").asText()).isEqualTo("bad-request");
    }

    @Test
    void anUnknownPathGetsAClearErrorAnswer() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(contacts((r, c) -> List.of())));
        ServiceAnswer answer = await(s.answer("/settings", "{}", ADA));
        assertThat(answer.callout()).isNull();
        assertThat(answer.error().code()).isEqualTo(ServiceError.Code.UNKNOWN_PATH);
        assertThat(error(answer).get("code").asText()).isEqualTo("unknown-path");
        assertThat(error(answer).get("message").asText()).isEqualTo("No call-out of Acme CRM is registered at '/settings';"
                + " it serves /contacts/search, /contacts/match.");
        // a call-out this service does not serve is unknown too, and so is no path at all
        assertThat(await(s.answer("/callLogger", "{}", ADA)).error().code()).isEqualTo(ServiceError.Code.UNKNOWN_PATH);
        assertThat(await(s.answer(null, null, ADA)).error().message()).contains("'(none)'");
        assertThat(await(s.answer("/x\n\u0000", null, ADA)).error().message()).contains("'/x??'");
        assertThat(providerCalls).hasValue(0);
    }

    @Test
    void malformedBodiesAreBadRequestsThatNeverReachTheProvider() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(contacts((r, c) -> List.of()))
                .callLogger((r, c) -> providerCalls.incrementAndGet()));
        for (String body : List.of("{", "[]", "\"text\"", "null", "{'searchString':''}", "{'searchString':{'a':1}}",
                "{'a':1,'a':2}", "NaN", "{'searchString':'ada'} junk", "{'searchString':'ada'}{}")) {
            ServiceAnswer answer = await(s.answer("/contacts/search", json(body), ADA));
            assertThat(answer.error().code()).as(body).isEqualTo(ServiceError.Code.BAD_REQUEST);
            assertThat(tree(answer.responseJson()).get("data")).as(body).isEmpty();
        }
        ServiceAnswer noList = await(s.answer("/contacts/match", json("{'phoneNumbers':'+16505550101'}"), ADA));
        assertThat(noList.error().message()).endsWith("\"phoneNumbers\" must be a list of strings.");
        ServiceAnswer noCall = await(s.answer("/callLogger", json("{'triggerType':'createLog'}"), ADA));
        assertThat(noCall.error().message()).isEqualTo("Could not log the call in acme: the request was not understood."
                + " \"call\" must be an object.");
        assertThat(noCall.followUps()).hasSize(1); // the user pressed Log: they learn it failed
        assertThat(await(s.answer("/contacts/search", "{", ADA)).error().message())
                .startsWith("Could not search contacts in acme: the request was not understood. ").doesNotContain("too large");
        assertThat(await(s.answer("/contacts/search", null, ADA)).error().code()).isEqualTo(ServiceError.Code.BAD_REQUEST);
        assertThat(providerCalls).hasValue(0);
        assertThat(s.stats().badRequests()).isEqualTo(14);
    }

    @Test
    void bodiesOverTheLimitsAreRefusedWithoutReachingTheProvider() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(contacts((r, c) -> List.of()))
                .limits(ServiceLimits.defaults().withMaxBodyChars(4096).withMaxStringChars(256).withMaxListSize(10)
                        .withMaxDepth(8)));
        String big = "{\"searchString\":\"" + "a".repeat(200) + "\",\"pad\":\"" + "b".repeat(200) + "\"," + "\"x\":[" + "1,".repeat(2000) + "1]}";
        String longString = "{\"searchString\":\"" + "a".repeat(300) + "\"}";
        String longName = "{\"" + "k".repeat(300) + "\":1,\"searchString\":\"a\"}";
        String longList = json("{'phoneNumbers':[" + "'+16505550101',".repeat(10) + "'+16505550102']}");
        String manyFields = json("{'searchString':'a','f1':1,'f2':1,'f3':1,'f4':1,'f5':1,'f6':1,'f7':1,'f8':1,'f9':1,'f10':1}");
        String deep = "{\"searchString\":\"a\",\"d\":" + "[".repeat(9) + "]".repeat(9) + "}";
        for (String[] c : new String[][] {{"/contacts/search", big}, {"/contacts/search", longString},
                {"/contacts/search", longName}, {"/contacts/match", longList}, {"/contacts/search", manyFields},
                {"/contacts/search", deep}}) {
            ServiceAnswer answer = await(s.answer(c[0], c[1], ADA));
            assertThat(answer.error()).as(c[1]).isNotNull();
            assertThat(answer.error().code()).as(c[1]).isEqualTo(ServiceError.Code.TOO_LARGE);
            assertThat(error(answer).get("code").asText()).isEqualTo("too-large");
            assertThat(answer.error().message()).contains("too large");
        }
        // just inside every limit is fine
        String fits = json("{'phoneNumbers':[" + "'+16505550101',".repeat(9) + "'+16505550102']}");
        assertThat(await(s.answer("/contacts/match", fits, ADA)).error().code()).isEqualTo(ServiceError.Code.FAILED);
        assertThat(providerCalls).hasValue(1);
    }

    @Test
    void aFullQueueAnswersBusyAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").threads(1).queueCapacity(1)
                .contacts(contacts((r, c) -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of();
                })));
        String body = json("{'searchString':'a'}");
        CompletableFuture<ServiceAnswer> running = s.answer("/contacts/search", body, ADA);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ServiceAnswer> queued = s.answer("/contacts/search", body, ADA);
        ServiceAnswer busy = s.answer("/contacts/search", body, ADA).getNow(null);
        assertThat(busy).isNotNull();
        assertThat(busy.error().code()).isEqualTo(ServiceError.Code.BUSY);
        assertThat(busy.error().message()).endsWith("the server is busy; try again shortly.");
        assertThat(s.stats().rejected()).isEqualTo(1);
        assertThat(s.stats().inFlight()).isEqualTo(2);
        release.countDown();
        assertThat(await(running).ok()).isTrue();
        assertThat(await(queued).ok()).isTrue();
        assertThat(s.stats().answered()).isEqualTo(2);
    }

    /**
     * A transport at its own limit (the Vaadin component with 200 answers unfetched) answers "busy" without running a
     * provider: a trial's burst of 250 call-outs left 50 with no answer, each waiting out the widget's own timeout.
     */
    @Test
    void aTransportAtItsLimitAnswersBusyWithoutRunningTheProvider() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM")
                .contacts(contacts((r, c) -> List.of()))
                .callLogger((r, c) -> providerCalls.incrementAndGet()));
        ServiceAnswer search = s.busy("/contacts/search", json("{'searchString':'a'}"));
        assertThat(search.error().code()).isEqualTo(ServiceError.Code.BUSY);
        assertThat(error(search).get("message").asText()).isEqualTo("Could not search contacts in Acme CRM: the server is busy; try again shortly.");
        assertThat(tree(search.responseJson()).get("data").isArray()).isTrue(); // the widget's shape for a search
        assertThat(search.followUps()).isEmpty();

        ServiceAnswer pressed = s.busy("/callLogger", json("{'call':{'sessionId':'1'},'triggerType':'createLog'}"));
        assertThat(pressed.followUps()).hasSize(1); // the user pressed Log: they learn it failed
        assertThat(s.busy("/callLogger", "{not json").followUps()).isEmpty();
        ServiceAnswer unknown = s.busy("/nowhere", null);
        assertThat(unknown.error().code()).isEqualTo(ServiceError.Code.UNKNOWN_PATH);

        assertThat(providerCalls).hasValue(0);
        assertThat(s.stats().rejected()).isEqualTo(3);
        assertThat(s.stats().badRequests()).isEqualTo(1);
    }

    /**
     * A call-out too large for its transport (a Vaadin trial's got no answer at all): "too-large" at once, from its
     * path and trigger alone, without the provider; an alert when the user pressed "Log".
     */
    @Test
    void aCallOutTooLargeForItsTransportIsAnsweredTooLargeWithoutRunningTheProvider() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").displayName("Acme CRM")
                .callLogger((r, c) -> providerCalls.incrementAndGet()));
        ServiceAnswer pressed;
        // Said in the log once per call-out path (a Vaadin trial found the refusal only in the stats).
        try (io.github.embeddable4j.core.LoggedRecords log = new io.github.embeddable4j.core.LoggedRecords(ThirdPartyService.class)) {
            pressed = s.tooLarge("/callLogger", json("{'triggerType':'createLog'}"), "a limit of 10 bytes");
            s.tooLarge("/callLogger", json("{'triggerType':'createLog'}"), "a limit of 10 bytes");
            // naming the limit the transport reached (a Vaadin 25 trial's operator could not tell which from the log)
            assertThat(log.messages()).singleElement().asString().contains("callLogger",
                    "too large for its transport (a limit of 10 bytes)", "once per call-out path");
        }
        assertThat(pressed.error().code()).isEqualTo(ServiceError.Code.TOO_LARGE);
        assertThat(error(pressed).get("message").asText()).isEqualTo("Could not log the call in Acme CRM: the request was too large.");
        assertThat(pressed.followUps()).singleElement().satisfies(alert -> assertThat(alert.toJson()).contains("too large"));
        assertThat(s.tooLarge("/callLogger", json("{'triggerType':'callLogSync'}"), "a limit").followUps()).as("not the user's doing").isEmpty();
        assertThat(s.tooLarge("/callLogger", null, "a limit").followUps()).isEmpty();
        assertThat(providerCalls).hasValue(0);
        assertThat(s.stats().rejected()).isEqualTo(4);
    }

    /**
     * Whoever is handed the answer (a transport's callback, the starter's gauge read right after) no longer counts it
     * in flight: the bookkeeping is done before the answer is passed on (a CI run read the gauge at 1 just after).
     */
    @Test
    void anAnswerHandedOverIsNoLongerInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(contacts((r, c) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        })));
        CompletableFuture<ServiceAnswer> answer = s.answer("/contacts/search", json("{'searchString':'a'}"), ADA);
        // Registered while the provider waits, so it runs on the worker as the answer is handed over.
        CompletableFuture<Integer> inFlightWhenHanded = answer.thenApply(a -> s.stats().inFlight());
        assertThat(s.stats().inFlight()).isEqualTo(1);
        release.countDown();
        assertThat(inFlightWhenHanded.get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void closingAnswersWhatIsRunningAndEverythingAfter() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").contacts(contacts((r, c) -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        })));
        CompletableFuture<ServiceAnswer> running = s.answer("/contacts/search", json("{'searchString':'a'}"), ADA);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        s.close();
        assertThat(running.get(1, TimeUnit.SECONDS).error().code()).isEqualTo(ServiceError.Code.CLOSED);
        assertThat(tree(running.get().responseJson()).get("data")).isEmpty();
        assertThat(await(s.answer("/contacts/search", json("{'searchString':'a'}"), ADA)).error().code())
                .isEqualTo(ServiceError.Code.CLOSED);
    }

    @Test
    void unusableProviderResultsAreFailures() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme")
                .contacts(contacts((r, c) -> null))
                .contactViewer((contact, caller) -> Optional.of(URI.create("javascript:alert(1)")))
                .activities((contact, caller) -> List.of(Activity.of("1", "x", null)))
                .callLogger((r, c) -> { }));
        assertThat(await(s.answer("/contacts/search", json("{'searchString':'a'}"), ADA)).error().code())
                .isEqualTo(ServiceError.Code.FAILED);
        ServiceAnswer view = await(s.answer("/contacts/view", json("{'id':'1'}"), ADA));
        assertThat(view.error().code()).isEqualTo(ServiceError.Code.FAILED);
        assertThat(view.responseJson()).doesNotContain("javascript");
        assertThat(view.openUrl()).isNull();
        assertThat(view.followUps()).hasSize(1); // the user clicked: they see an alert
        assertThat(tree(await(s.handle("/activities", json("{'contact':{'id':'1'}}"), ADA))).get("data").get(0)
                .has("time")).isFalse();
    }

    @Test
    void theRegistrationFallsBackToUnauthorizedWhenTheStatusFails() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").authorization(new ThirdPartyAuthorization() {
            @Override
            public AuthorizationStatus status(Caller caller) {
                throw new IllegalStateException("token store down");
            }

            @Override
            public Optional<URI> buttonClicked(boolean authorized, Caller caller) {
                return Optional.empty();
            }
        }));
        JsonNode service = tree(await(s.registration(ADA)).toJson()).get("service");
        assertThat(service.get("authorized").asBoolean()).isFalse();
        assertThat(service.get("authorizationPath").asText()).isEqualTo("/authorize");
    }

    @Test
    void theRegistrationSaysUnauthorizedForAStatusOfNull() {
        ThirdPartyService s = with(ThirdPartyService.builder("acme").authorization(authorization(caller -> null)));
        JsonNode service = tree(await(s.registration(ADA)).toJson()).get("service");
        assertThat(service.get("authorized").isBoolean()).isTrue();
        assertThat(service.get("authorized").asBoolean()).isFalse();
    }

    @Test
    void aHangingStatusRegistersAsUnauthorizedAtItsDeadlineAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ThirdPartyService s = with(ThirdPartyService.builder("acme").deadline(Callout.AUTHORIZATION, Duration.ofMillis(200))
                .authorization(authorization(caller -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return AuthorizationStatus.authorized("late@example.com");
                })));
        long start = System.nanoTime();
        JsonNode service = tree(s.registration(ADA).get(5, TimeUnit.SECONDS).toJson()).get("service");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(service.get("authorized").asBoolean()).isFalse();
        assertThat(service.has("authorizedAccount")).isFalse();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the status call is interrupted").isTrue();
    }

    private static ThirdPartyAuthorization authorization(java.util.function.Function<Caller, AuthorizationStatus> status) {
        return new ThirdPartyAuthorization() {
            @Override
            public AuthorizationStatus status(Caller caller) {
                return status.apply(caller);
            }

            @Override
            public Optional<URI> buttonClicked(boolean authorized, Caller caller) {
                return Optional.empty();
            }
        };
    }
}

package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A browser sends a POST again by itself when the connection it went on closes with no answer (a restart, a reset),
 * and a call log was in the CRM twice (found by a review). A call-out that acts, asked again under the same request
 * id by the same session, gets the first one's answer; one that reads is simply answered again.
 */
class RecentCalloutsTest {

    private static final String LOG = json("{'call':{'sessionId':'1'},'triggerType':'createLog'}");

    @Test
    void theSameCallLogAgainGetsTheFirstAnswerWhileTheFirstIsStillRunning() {
        AtomicInteger logged = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (ThirdPartyService s = ThirdPartyService.builder("acme").callLogger((r, c) -> {
            logged.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).build()) {
            Caller ada = new Caller(() -> "ada", "session-a");
            CompletableFuture<ServiceAnswer> first = s.answerOnce("r1", "/callLogger", LOG, ada, Duration.ZERO);
            CompletableFuture<ServiceAnswer> again = s.answerOnce("r1", "/callLogger", LOG, ada, Duration.ZERO);
            release.countDown();
            assertThat(await(again).responseJson()).isEqualTo(await(first).responseJson()).contains("ok");
            assertThat(logged).as("logged once").hasValue(1);

            await(s.answerOnce("r2", "/callLogger", LOG, ada, Duration.ZERO));
            await(s.answerOnce("r1", "/callLogger", LOG, new Caller(() -> "ada", "session-b"), Duration.ZERO));
            await(s.answerOnce("r1", "/callLogger", LOG, new Caller(() -> "grace", null), Duration.ZERO));
            await(s.answerOnce("r1", "/callLogger", LOG, Caller.anonymous(), Duration.ZERO));
            await(s.answerOnce("r1", "/callLogger", LOG, Caller.anonymous(), Duration.ZERO));
            assertThat(logged).as("another id, another session, a user without one, anyone: each its own")
                    .hasValue(5);
        }
    }

    @Test
    void aCalloutThatOnlyReadsIsAnsweredAgain() {
        AtomicInteger searched = new AtomicInteger();
        try (ThirdPartyService s = ThirdPartyService.builder("acme").contacts(new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                searched.incrementAndGet();
                return List.of();
            }

            @Override
            public java.util.Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return java.util.Map.of();
            }
        }).build()) {
            Caller ada = new Caller(() -> "ada", "session-a");
            await(s.answerOnce("r1", "/contacts/search", json("{'searchString':'ada'}"), ada, Duration.ZERO));
            await(s.answerOnce("r1", "/contacts/search", json("{'searchString':'ada'}"), ada, Duration.ZERO));
            assertThat(searched).hasValue(2);
        }
    }

    @Test
    void anAnswerIsKeptForItsTimeAndNoMoreThanTheCapHolds() {
        RecentCallouts recent = new RecentCallouts();
        AtomicInteger made = new AtomicInteger();
        java.util.function.Supplier<CompletableFuture<ServiceAnswer>> make = () -> {
            made.incrementAndGet();
            return new CompletableFuture<>();
        };
        recent.once("gone", 0, make);
        recent.once("gone", 0, make);
        assertThat(made).as("kept for no time: made again").hasValue(2);
        for (int i = 0; i < RecentCallouts.MAX_ENTRIES; i++) {
            recent.once("k" + i, TimeUnit.MINUTES.toNanos(1), make);
        }
        assertThat(recent.size()).as("the expired one was dropped to make room").isEqualTo(RecentCallouts.MAX_ENTRIES);
        recent.once("over", TimeUnit.MINUTES.toNanos(1), make);
        recent.once("over", TimeUnit.MINUTES.toNanos(1), make);
        assertThat(made).as("past the cap, answered as new each time").hasValue(2 + RecentCallouts.MAX_ENTRIES + 2);
        assertThat(recent.size()).isEqualTo(RecentCallouts.MAX_ENTRIES);
    }

    @Test
    void aFirstAnswerThatThrowsLeavesNothingToWaitFor() {
        RecentCallouts recent = new RecentCallouts();
        assertThatThrownBy(() -> recent.once("k", TimeUnit.MINUTES.toNanos(1), () -> {
            throw new IllegalStateException("closed");
        })).hasMessage("closed");
        assertThat(recent.size()).isZero();
    }
}

package io.github.embeddable4j.core.crm;

import static io.github.embeddable4j.core.crm.CrmTestSupport.ADA;
import static io.github.embeddable4j.core.crm.CrmTestSupport.await;
import static io.github.embeddable4j.core.crm.CrmTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An observer is told of every answer, whatever it was, with the time it took; one that throws changes nothing. */
class CalloutObserverTest {

    record Told(@Nullable Callout callout, ServiceError.@Nullable Code error, Duration took) {
    }

    private final CountDownLatch release = new CountDownLatch(1);
    private final ThirdPartyService service = ThirdPartyService.builder("acme")
            .deadline(Callout.CONTACT_SEARCH, Duration.ofMillis(300))
            .contacts(new ContactProvider() {
                @Override
                public List<Contact> search(ContactSearchRequest request, Caller caller) {
                    if (request.searchString().equals("slow")) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return List.of(Contact.of("1", "Ada Lovelace", new ContactPhone("6505550101", PhoneType.MOBILE)));
                }

                @Override
                public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                    throw new IllegalStateException("the CRM is down");
                }
            }).build();

    @AfterEach
    void close() {
        release.countDown();
        service.close();
    }

    @Test
    void everyAnswerIsToldWithWhatWentWrongAndHowLongItTook() {
        List<Told> told = new CopyOnWriteArrayList<>();
        ServiceAnswer before = await(service.answer("/contacts/search", json("{'searchString':'ada'}"), ADA));
        service.observe((callout, error, took) -> told.add(new Told(callout, error, took)));
        service.observe((callout, error, took) -> {
            throw new IllegalStateException("an observer's bug");
        });

        ServiceAnswer found = await(service.answer("/contacts/search", json("{'searchString':'ada'}"), ADA));
        await(service.answer("/contacts/match", json("{'phoneNumbers':['+16505550101']}"), ADA));
        await(service.answer("/contacts/search", json("{'searchString':'slow'}"), ADA));
        await(service.answer("/contacts/search", "{not json", ADA));
        await(service.answer("/nowhere", "{}", ADA));
        service.busy("/contacts/search", "{}"); // answered by the transport's refusal: told too, having taken no time

        assertThat(before.ok()).isTrue(); // answered before anyone observed: not told
        assertThat(found.ok()).isTrue();
        assertThat(found.responseJson()).contains("Ada Lovelace"); // the throwing observer changed nothing
        assertThat(told).extracting(Told::callout, Told::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Callout.CONTACT_SEARCH, null),
                org.assertj.core.groups.Tuple.tuple(Callout.CONTACT_MATCH, ServiceError.Code.FAILED),
                org.assertj.core.groups.Tuple.tuple(Callout.CONTACT_SEARCH, ServiceError.Code.TIMEOUT),
                org.assertj.core.groups.Tuple.tuple(Callout.CONTACT_SEARCH, ServiceError.Code.BAD_REQUEST),
                org.assertj.core.groups.Tuple.tuple(null, ServiceError.Code.UNKNOWN_PATH),
                org.assertj.core.groups.Tuple.tuple(Callout.CONTACT_SEARCH, ServiceError.Code.BUSY));
        // waited for its deadline, and not much more: the time from arrival to answer
        assertThat(told.get(2).took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(30));
        assertThat(told.get(5).took()).isZero();
        assertThat(told.get(0).took()).isPositive().isLessThan(told.get(2).took());
    }
}

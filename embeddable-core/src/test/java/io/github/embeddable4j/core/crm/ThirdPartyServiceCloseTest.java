package io.github.embeddable4j.core.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Call-outs racing with {@link ThirdPartyService#close()}: one that passed the closed check just before the close, and
 * entered in flight after the close answered what was in flight, had its task and alarm drained with the pools and was
 * never answered (the page's request hung until its async timeout); one whose alarm met the stopped timer threw
 * (a 500 on WebFlux). Found by reading (a concurrency audit), so this runs the race many times: every call-out made
 * while closing must be answered at once, never exceptionally.
 */
class ThirdPartyServiceCloseTest {

    @Test
    void everyCalloutMadeWhileClosingIsAnswered() throws Exception {
        ContactProvider slow = new ContactProvider() {
            @Override
            public List<Contact> search(ContactSearchRequest request, Caller caller) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public Map<String, List<Contact>> match(ContactMatchRequest request, Caller caller) {
                return Map.of();
            }
        };
        AtomicInteger made = new AtomicInteger();
        for (int round = 0; round < 200; round++) {
            ThirdPartyService service = ThirdPartyService.builder("acme").contacts(slow).threads(2).build();
            ConcurrentLinkedQueue<CompletableFuture<ServiceAnswer>> futures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch running = new CountDownLatch(2);
            Runnable caller = () -> {
                running.countDown();
                while (!stop.get()) {
                    try {
                        futures.add(service.answer("/contacts/search", "{\"searchString\":\"a\"}", Caller.anonymous()));
                        made.incrementAndGet();
                    } catch (Throwable t) {
                        thrown.add(t);
                    }
                }
            };
            Thread a = new Thread(caller);
            Thread b = new Thread(caller);
            a.start();
            b.start();
            running.await();
            Thread.sleep(round % 5); // close at varying points of the callers' loops
            service.close();
            stop.set(true);
            a.join();
            b.join();
            assertThat(thrown).as("round %d: thrown by answer()", round).isEmpty();
            for (CompletableFuture<ServiceAnswer> f : futures) {
                assertThat(f.get(2, TimeUnit.SECONDS)).as("round %d: an answer", round).isNotNull();
            }
        }
        assertThat(made.get()).as("call-outs made around the closes").isGreaterThan(1000);
    }
}

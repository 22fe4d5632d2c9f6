package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.ThirdPartyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What timing the CRM's call-outs costs: {@code ThirdPartyService.answer} of a contact match (100,000 contacts,
 * answered on the service's pool, as every call-out is) without an observer, against the same with the starter's
 * meter observing it (a Micrometer timer per call-out and outcome, recorded as {@code EmbeddableMeters} records).
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main CalloutObserverBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CalloutObserverBenchmark {

    @Param({"none", "timer"})
    public String observer;

    private ThirdPartyService service;
    private final String[] bodies = new String[1024];
    private int next;

    @Setup
    public void setUp() {
        PhoneNumberIndex<Contact> index = PhoneNumberIndex.ofContacts(ContactData.contacts(100_000));
        service = ThirdPartyService.builder("bench").contacts(new ContactMatchBenchmark.IndexedContacts(index)).build();
        if (observer.equals("timer")) {
            MeterRegistry registry = new SimpleMeterRegistry();
            service.observe((callout, error, took) -> Timer.builder("ringcentral.embeddable.crm.callouts")
                    .tag("callout", callout == null ? "unknown" : callout.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .tag("outcome", error == null ? "answered" : error.wireValue()).register(registry).record(took));
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = "{\"phoneNumbers\":[\"" + ContactData.e164(random.nextInt(10_000)) + "\"]}";
        }
    }

    @TearDown
    public void tearDown() {
        service.close();
    }

    @Benchmark
    public String contactMatch() {
        String body = bodies[next++ & (bodies.length - 1)];
        return service.answer("/contacts/match", body, Caller.anonymous()).join().responseJson();
    }
}

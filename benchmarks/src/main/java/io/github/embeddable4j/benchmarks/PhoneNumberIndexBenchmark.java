package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.PhoneNumberNormalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PhoneNumberIndex#match} alone, over 100,000 contacts, for one number per call as the widget sends it (E.164)
 * and as a person might type it ({@code (650) 555-0101}), against a plain {@code HashMap.get} of the E.164 string (the
 * floor: no normalisation) and the normalisation alone ({@link PhoneNumberNormalizer#matchKey}). Run:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main PhoneNumberIndexBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PhoneNumberIndexBenchmark {

    @Param({"e164", "national"})
    public String format;

    private PhoneNumberIndex<Contact> index;
    private Map<String, List<Contact>> plainMap;
    private String[] numbers;
    private String[] e164;
    private int next;

    @Setup
    public void setUp() {
        List<Contact> contacts = ContactData.contacts(100_000);
        index = PhoneNumberIndex.ofContacts(contacts);
        plainMap = new HashMap<>();
        for (Contact c : contacts) {
            String key = PhoneNumberNormalizer.us().matchKey(c.phoneNumbers().get(0).phoneNumber());
            plainMap.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(c);
        }
        numbers = new String[1024];
        e164 = new String[numbers.length];
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < numbers.length; i++) {
            int line = random.nextInt(10_000);
            e164[i] = ContactData.e164(line);
            numbers[i] = format.equals("e164") ? e164[i] : String.format("(650) 555-%04d", line);
        }
        if (index.match(List.of(numbers[0])).get(numbers[0]).isEmpty()) {
            throw new IllegalStateException("The index does not find " + numbers[0]);
        }
    }

    private int next() {
        next = (next + 1) & (numbers.length - 1);
        return next;
    }

    @Benchmark
    public Map<String, List<Contact>> indexMatch() {
        return index.match(List.of(numbers[next()]));
    }

    @Benchmark
    public String normaliseOnly() {
        return PhoneNumberNormalizer.us().matchKey(numbers[next()]);
    }

    @Benchmark
    public List<Contact> hashMapGetBaseline() {
        return plainMap.get(e164[next()]);
    }
}

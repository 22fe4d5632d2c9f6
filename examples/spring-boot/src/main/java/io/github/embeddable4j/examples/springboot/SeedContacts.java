package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.PhoneType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 2: 300 made-up contacts, their numbers written in the many ways people write them
 * ({@code +1 (415) 555-0100}, {@code 212-555-0101}, {@code 3125550102}, {@code +16175550103}), each stored with its
 * match key. A Java migration because the keys come from core's {@code PhoneNumberNormalizer}, the same code that keys
 * every later insert; the statements are plain INSERTs, so it runs on any database V1 runs on. Spring Boot hands
 * {@code JavaMigration} beans to Flyway, so no class-path scanning of the jar is needed. Every number is in the
 * 555-0100 to 555-0199 range kept for fiction.
 */
@Component
public class SeedContacts implements JavaMigration {

    /** How many contacts the migration adds. */
    public static final int COUNT = 300;

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances",
        "John", "Margaret", "Dennis", "Radia", "Ken", "Hedy", "Tim", "Sophie", "Niklaus", "Jean", "Claude", "Mary",
        "Linus", "Annie", "Bjarne", "Karen", "Guido", "Evelyn", "James", "Lynn", "Vint", "Shafi"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth",
        "Allen", "Backus", "Hamilton"};
    private static final String[] COMPANIES = {"Analytical Engines Ltd", "COBOL Works", "Bletchley Consulting",
        "Orbital Mechanics Inc", "Shortest Path GmbH", "Substitution Systems", "TeX Typesetting Co",
        "Optimising Compilers LLC", "Formula Translation Corp", "Apollo Guidance Ltd"};
    private static final String[] TITLES = {"CEO", "CTO", "Head of Sales", "Engineer", "Buyer", "Operations Manager"};
    /** Area codes of the generated numbers; 650 is kept for the three named contacts. */
    private static final String[] AREAS = {"415", "212", "312", "617", "206", "303"};

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "seed contacts";
    }

    @Override
    public Integer getChecksum() {
        return 1; // raise when the seed data changes, so Flyway's validation notices an edited migration
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        Instant now = Instant.now();
        for (ContactRepository.NewContact contact : contacts()) {
            ContactRepository.insert(jdbc, contact, now);
        }
    }

    /** The contacts, always the same ones in the same order. */
    public static List<ContactRepository.NewContact> contacts() {
        List<ContactRepository.NewContact> all = new ArrayList<>(COUNT);
        all.add(contact("Ada Lovelace", 0, "Analyst", List.of(new ContactPhone("+1 (650) 555-0101", PhoneType.MOBILE))));
        all.add(contact("Grace Hopper", 1, "Rear Admiral", List.of(new ContactPhone("650-555-0102", PhoneType.BUSINESS))));
        all.add(contact("Alan Turing", 2, "Codebreaker", List.of(new ContactPhone("6505550103", PhoneType.MOBILE),
                new ContactPhone("+16505550113", PhoneType.HOME))));
        for (int i = 0; all.size() < COUNT; i++) {
            String name = FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length + i) % LAST.length];
            if (all.stream().limit(3).anyMatch(c -> c.name().equals(name))) {
                continue; // the three named contacts are the only ones with their names
            }
            // 6 area codes x lines 0100-0149 for main numbers, 0150-0199 for the second number of every third contact
            String area = AREAS[i % AREAS.length];
            int line = 100 + i / AREAS.length;
            List<ContactPhone> phones = new ArrayList<>();
            phones.add(new ContactPhone(written(area, line, i), i % 2 == 0 ? PhoneType.MOBILE : PhoneType.BUSINESS));
            if (i % 3 == 0) {
                phones.add(new ContactPhone(written(area, line + 50, i + 1), PhoneType.DIRECT));
            }
            all.add(contact(name, i + 3, TITLES[i % TITLES.length], phones));
        }
        return all;
    }

    private static ContactRepository.NewContact contact(String name, int n, String title, List<ContactPhone> phones) {
        String company = COMPANIES[n % COMPANIES.length];
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + n + "@"
                + company.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("-$", "") + ".example";
        return new ContactRepository.NewContact(name, company, title, email, phones);
    }

    /** The number 555-{@code line} in area {@code area}, written in one of four common ways. */
    private static String written(String area, int line, int style) {
        String four = String.format(Locale.ROOT, "%04d", line);
        return switch (style % 4) {
            case 0 -> "+1 (" + area + ") 555-" + four;
            case 1 -> area + "-555-" + four;
            case 2 -> area + "555" + four;
            default -> "+1" + area + "555" + four;
        };
    }
}

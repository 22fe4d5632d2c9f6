package io.github.embeddable4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.crm.CallLogRequest;
import io.github.embeddable4j.core.crm.CallLogTrigger;
import io.github.embeddable4j.core.crm.CallRecord;
import io.github.embeddable4j.core.crm.Caller;
import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactPage;
import io.github.embeddable4j.core.crm.ContactPageRequest;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.CrmException;
import io.github.embeddable4j.core.crm.LogEntity;
import io.github.embeddable4j.core.crm.PhoneType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The CRM's SQL on a fresh H2 database migrated by Flyway exactly as the application is (V1 and the seed migration),
 * without Spring: numbers are keyed on insert, matched whatever their format, searched, paged by keyset, synced
 * incrementally, and calls are logged once per user and call.
 */
class CrmDatabaseTest {

    private JdbcClient jdbc;
    private ContactRepository contacts;
    private CallLogRepository calls;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").javaMigrations(new SeedContacts()).load().migrate();
        jdbc = JdbcClient.create(db);
        contacts = new ContactRepository(jdbc);
        calls = new CallLogRepository(jdbc, contacts);
    }

    @Test
    void theSeedMigrationStoresEveryNumberWithTheKeyTheNormalizerGives() {
        assertThat(contacts.count()).isEqualTo(SeedContacts.COUNT);
        List<Map<String, Object>> phones = jdbc.sql("SELECT phone_number, match_key FROM contact_phone").query().listOfRows();
        assertThat(phones).hasSizeGreaterThan(SeedContacts.COUNT);
        for (Map<String, Object> p : phones) {
            String number = (String) p.get("PHONE_NUMBER");
            assertThat(p.get("MATCH_KEY")).as(number).isEqualTo(ContactRepository.NUMBERS.matchKey(number)).asString().startsWith("+1");
        }
        // the seed writes numbers in several formats, and no two contacts share a number
        assertThat(phones.stream().map(p -> (String) p.get("PHONE_NUMBER")))
                .anyMatch(n -> n.startsWith("+1 (")).anyMatch(n -> n.matches("\\d{3}-555-\\d{4}"))
                .anyMatch(n -> n.matches("\\d{10}")).anyMatch(n -> n.matches("\\+1\\d{10}"));
        assertThat(phones.stream().map(p -> p.get("MATCH_KEY")).distinct().count()).isEqualTo(phones.size());
    }

    @Test
    void aNumberMatchesWhateverFormatItWasStoredAndAskedIn() {
        // Ada is stored as "+1 (650) 555-0101"
        Map<String, List<Contact>> found = contacts.match(List.of("+16505550101", "650.555.0101", "+19995550000", "101"));
        assertThat(found.keySet()).containsExactly("+16505550101", "650.555.0101", "+19995550000", "101");
        assertThat(found.get("+16505550101")).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Ada Lovelace");
            assertThat(c.phoneNumbers()).containsExactly(new ContactPhone("+1 (650) 555-0101", PhoneType.MOBILE));
        });
        assertThat(found.get("650.555.0101")).extracting(Contact::name).containsExactly("Ada Lovelace");
        assertThat(found.get("+19995550000")).isEmpty();
        assertThat(found.get("101")).isEmpty();
        // a number added later is keyed on insert as well
        long id = contacts.add(new ContactRepository.NewContact("Edith Clarke", "GE", null, null,
                List.of(new ContactPhone("(212) 555-0199", PhoneType.BUSINESS))));
        assertThat(contacts.match(List.of("+12125550199")).get("+12125550199")).extracting(Contact::id)
                .containsExactly(Long.toString(id));
    }

    @Test
    void searchFindsNamesInAnyCaseAndNumbersByTheirDigits() {
        assertThat(contacts.search("LOVELACE", 10)).extracting(Contact::name).contains("Ada Lovelace");
        assertThat(contacts.search("(650) 555-0102", 10)).extracting(Contact::name).containsExactly("Grace Hopper");
        assertThat(contacts.search("ada", 5)).hasSize(5);
        assertThat(contacts.search("%", 10)).isEmpty(); // LIKE wildcards are literal
        assertThat(contacts.search("_", 10)).isEmpty();
        assertThat(contacts.search("  ", 10)).isEmpty();
    }

    @Test
    void theContactsTabPagesThroughEveryContactOnceByKeyset() {
        DirectoryPages directory = new DirectoryPages(contacts);
        List<String> ids = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String page = "1";
        int pages = 0;
        while (page != null) {
            ContactPage answer = directory.contacts(new ContactPageRequest(page, null, false, "{}", Map.of()), Caller.anonymous());
            answer.contacts().forEach(c -> ids.add(c.id()));
            tokens.add(answer.syncToken());
            assertThat(answer.contacts()).hasSizeLessThanOrEqualTo(DirectoryPages.PAGE_SIZE);
            page = answer.nextPage();
            pages++;
        }
        assertThat(pages).isEqualTo(SeedContacts.COUNT / DirectoryPages.PAGE_SIZE);
        assertThat(ids).hasSize(SeedContacts.COUNT).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        assertThat(tokens).as("one sync token for the whole load: the time it began").hasSize(1);
        assertThatThrownBy(() -> directory.contacts(new ContactPageRequest("2", null, false, "{}", Map.of()), Caller.anonymous()))
                .isInstanceOf(CrmException.class);
    }

    @Test
    void anIncrementalLoadSendsOnlyWhatChangedSinceTheToken() {
        jdbc.sql("UPDATE contact SET updated_at = ?").param(ContactRepository.at(Instant.parse("2020-01-01T00:00:00Z"))).update();
        String token = Long.toString(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        long id = contacts.add(new ContactRepository.NewContact("Hedy Lamarr", "Frequency Hopping", null, null,
                List.of(new ContactPhone("+1 303 555 0199", PhoneType.MOBILE))));
        ContactPage changes = new DirectoryPages(contacts).contacts(
                new ContactPageRequest("1", token, false, "{}", Map.of()), Caller.anonymous());
        assertThat(changes.contacts()).extracting(Contact::id).containsExactly(Long.toString(id));
        assertThat(changes.nextPage()).isNull();
        assertThat(Long.parseLong(changes.syncToken())).isGreaterThan(Long.parseLong(token));
    }

    @Test
    void aCallIsLoggedOncePerUserAndItsNoteSurvivesAutoLogUpdates() {
        CallRecord call = new CallRecord("s-1", "t-1", "Outbound", new CallRecord.Party("+16505550100", null, null),
                new CallRecord.Party("+16505550102", null, "Grace Hopper"), 1_764_237_600_000L, null, null, null, "{}", Map.of());
        long first = calls.log("ada", request(call, CallLogTrigger.CREATE_LOG, "Talked about COBOL"));
        CallRecord ended = new CallRecord("s-1", "t-1", "Outbound", call.from(), call.to(), call.startTime(), 42L,
                "Call connected", null, "{}", Map.of());
        assertThat(calls.log("ada", request(ended, CallLogTrigger.PRESENCE_UPDATE, null))).isEqualTo(first);
        long grace = calls.log("grace", request(call, CallLogTrigger.CREATE_LOG, null));
        assertThat(grace).isNotEqualTo(first);

        assertThat(calls.logsOf("ada", List.of("s-1", "s-2")))
                .containsExactly(Map.entry("s-1", List.of(LogEntity.of("call-" + first, "Talked about COBOL"))));
        assertThat(calls.logsOf("alan", List.of("s-1"))).isEmpty();
        CallLogRepository.LoggedCall logged = calls.latest(10).stream().filter(c -> c.id() == first).findFirst().orElseThrow();
        assertThat(logged.contactName()).isEqualTo("Grace Hopper"); // stored as 650-555-0102, found by its key
        assertThat(logged.durationSeconds()).isEqualTo(42L);
        assertThat(logged.result()).isEqualTo("Call connected");
        assertThat(logged.note()).isEqualTo("Talked about COBOL");
        assertThat(calls.ofContact(logged.contactId(), 10)).extracting(CallLogRepository.LoggedCall::id)
                .containsExactlyInAnyOrder(first, grace);

        CallRecord noSession = new CallRecord(null, null, "Inbound", null, null, null, null, null, null, "{}", Map.of());
        assertThatThrownBy(() -> calls.log("ada", request(noSession, CallLogTrigger.CREATE_LOG, null)))
                .isInstanceOf(CrmException.class);
    }

    private static CallLogRequest request(CallRecord call, CallLogTrigger trigger, String note) {
        return new CallLogRequest(call, trigger, null, false, note, Map.of(), null, null, "{}", Map.of());
    }
}

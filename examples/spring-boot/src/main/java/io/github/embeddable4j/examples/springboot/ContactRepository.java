package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.crm.Contact;
import io.github.embeddable4j.core.crm.ContactPhone;
import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import io.github.embeddable4j.core.crm.PhoneNumberNormalizer;
import io.github.embeddable4j.core.crm.PhoneType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CRM's contacts, in the database, as core's {@link Contact} (what the widget and the pages show). Every read is
 * bounded: pages are keyset pages ({@code id > last seen ORDER BY id LIMIT n}), searches have a limit, and matching
 * looks numbers up by their indexed match key. Nothing loads the whole table.
 */
@Repository
public class ContactRepository {

    /** Numbers without a country code are read as US numbers, both when stored and when looked up. */
    static final PhoneNumberNormalizer NUMBERS = PhoneNumberNormalizer.us();

    private static final String COLUMNS = "c.id, c.name, c.company, c.job_title, c.email";
    /** Numbers asked in one statement at most (an IN list); a longer request is looked up in chunks. */
    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;

    public ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact to add: numbers in any format (they are shown as written and matched by their E.164 form). */
    public record NewContact(String name, String company, String jobTitle, String email, List<ContactPhone> phones) {
        public NewContact {
            Objects.requireNonNull(name, "name");
            phones = List.copyOf(phones);
        }
    }

    /** One keyset page: the contacts, and whether there are more after the last one. */
    public record Slice(List<Contact> contacts, boolean more) {
    }

    /** Adds a contact with its numbers; returns its id. */
    @Transactional
    public long add(NewContact contact) {
        return insert(jdbc, contact, Instant.now());
    }

    /**
     * Inserts a contact and its numbers, each with its match key. Shared with the seed migration, which runs it on
     * Flyway's connection.
     */
    static long insert(JdbcClient jdbc, NewContact contact, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO contact (name, company, job_title, email, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(contact.name(), contact.company(), contact.jobTitle(), contact.email(), at(now))
                .update(keys, "id");
        long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
        for (ContactPhone phone : contact.phones()) {
            String key = NUMBERS.matchKey(phone.phoneNumber());
            if (key == null) {
                throw new IllegalArgumentException("'" + phone.phoneNumber() + "' has no digit: it is not a phone number");
            }
            jdbc.sql("INSERT INTO contact_phone (contact_id, phone_number, phone_type, match_key) VALUES (?, ?, ?, ?)")
                    .params(id, phone.phoneNumber(), phone.phoneType().wireValue(), key)
                    .update();
        }
        return id;
    }

    public Optional<Contact> find(long id) {
        return withPhones(jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.id = ?").param(id)
                .query(ContactRepository::row).list()).stream().findFirst();
    }

    /**
     * Contacts after {@code afterId} in id order, at most {@code size}; with {@code changedSince}, only those changed
     * at or after that time. One statement with a LIMIT (plus one for the numbers of the page), whatever the table size.
     */
    public Slice page(long afterId, Instant changedSince, int size) {
        String sql = "SELECT " + COLUMNS + " FROM contact c WHERE c.id > :after"
                + (changedSince == null ? "" : " AND c.updated_at >= :since") + " ORDER BY c.id LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("after", afterId).param("limit", size + 1);
        if (changedSince != null) {
            statement = statement.param("since", at(changedSince));
        }
        List<Row> rows = statement.query(ContactRepository::row).list();
        boolean more = rows.size() > size;
        return new Slice(withPhones(more ? rows.subList(0, size) : rows), more);
    }

    /** Contacts whose name contains the text (any case), or one of whose numbers contains its digits. */
    public List<Contact> search(String text, int limit) {
        String typed = text == null ? "" : text.trim();
        if (typed.isEmpty()) {
            return List.of();
        }
        String digits = typed.replaceAll("\\D", "");
        String sql = "SELECT " + COLUMNS + " FROM contact c WHERE LOWER(c.name) LIKE :name ESCAPE '\\'"
                + (digits.isEmpty() ? "" : " OR EXISTS (SELECT 1 FROM contact_phone p WHERE p.contact_id = c.id"
                        + " AND p.match_key LIKE :digits)")
                + " ORDER BY c.name, c.id LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("name", "%" + likeEscape(typed.toLowerCase(Locale.ROOT)) + "%").param("limit", limit);
        if (!digits.isEmpty()) {
            statement = statement.param("digits", "%" + digits + "%");
        }
        return withPhones(statement.query(ContactRepository::row).list());
    }

    /**
     * The contacts of each number, keyed by the number as given (every number listed, {@code []} when none): the
     * numbers' match keys are looked up in the index, and core's {@link PhoneNumberIndex} shapes the answer.
     */
    public Map<String, List<Contact>> match(Collection<String> numbers) {
        List<String> keys = numbers.stream().map(NUMBERS::matchKey).filter(Objects::nonNull).distinct().toList();
        Set<Long> ids = new LinkedHashSet<>();
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            ids.addAll(jdbc.sql("SELECT DISTINCT contact_id FROM contact_phone WHERE match_key IN (:keys)")
                    .param("keys", keys.subList(from, Math.min(keys.size(), from + IN_LIST)))
                    .query(Long.class).list());
        }
        List<Contact> found = new ArrayList<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            found.addAll(withPhones(jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.id IN (:ids) ORDER BY c.id")
                    .param("ids", all.subList(from, Math.min(all.size(), from + IN_LIST)))
                    .query(ContactRepository::row).list()));
        }
        return PhoneNumberIndex.ofContacts(found, NUMBERS).match(numbers);
    }

    /** The first contact (lowest id) with this number in any format, if any. */
    public Optional<Long> firstWithNumber(String number) {
        String key = NUMBERS.matchKey(number);
        if (key == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT MIN(contact_id) FROM contact_phone WHERE match_key = ?").param(key)
                .query(Long.class).optional();
    }

    /** The match keys of a contact's numbers. */
    public List<String> matchKeysOf(long contactId) {
        return jdbc.sql("SELECT DISTINCT match_key FROM contact_phone WHERE contact_id = ?").param(contactId)
                .query(String.class).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM contact").query(Long.class).single();
    }

    /** A number to dial: its E.164 form when it has one, else as written. */
    public static String dialable(String number) {
        return NUMBERS.toE164(number).orElse(number);
    }

    private record Row(long id, String name, String company, String jobTitle, String email) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("company"), rs.getString("job_title"),
                rs.getString("email"));
    }

    /** The rows as contacts, with their numbers read in one more statement. */
    private List<Contact> withPhones(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ContactPhone>> phones = new LinkedHashMap<>();
        rows.forEach(r -> phones.put(r.id(), new ArrayList<>()));
        jdbc.sql("SELECT contact_id, phone_number, phone_type FROM contact_phone WHERE contact_id IN (:ids)"
                        + " ORDER BY contact_id, id")
                .param("ids", List.copyOf(phones.keySet()))
                .query(rs -> {
                    phones.get(rs.getLong("contact_id")).add(new ContactPhone(rs.getString("phone_number"),
                            PhoneType.fromWire(rs.getString("phone_type"))));
                });
        List<Contact> contacts = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Contact c = new Contact(Long.toString(r.id()), r.name(), phones.get(r.id()), r.company(), r.jobTitle(),
                    r.email() == null ? List.of() : List.of(r.email()), null, false, Map.of());
            contacts.add(c);
        }
        return contacts;
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

package io.github.embeddable4j.core.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A contact of your CRM as the widget shows it. The widget's {@code type} field (which must equal the service name) is
 * filled in by {@link ThirdPartyService}; you never set it. Serializable, so a view may hold contacts in a session that
 * is written out (a Vaadin {@code Grid<Contact>}).
 *
 * <pre>{@code Contact.of("42", "Ada Lovelace", new ContactPhone("+16505550101", PhoneType.MOBILE)).withCompany("Acme")}</pre>
 *
 * @param id              your id of the contact (required)
 * @param name            the name shown (required)
 * @param phoneNumbers    its numbers
 * @param company         the company, or null
 * @param jobTitle        the job title, or null
 * @param emails          e-mail addresses
 * @param profileImageUrl an {@code https:} (or {@code data:image}) avatar URL, or null
 * @param deleted         true in an incremental contact page to remove the contact from the widget
 * @param extra           other fields: those the widget sent that have no component here, or fields you want sent
 *                        along (JSON values only: String, Number, Boolean, null, List, Map)
 */
public record Contact(String id, String name, List<ContactPhone> phoneNumbers, @Nullable String company,
        @Nullable String jobTitle, List<String> emails, @Nullable String profileImageUrl, boolean deleted,
        Map<String, @Nullable Object> extra) implements java.io.Serializable {

    /** The fields with a component; {@code type} and the widget's {@code entityType} stay in {@code extra}. */
    static final Set<String> FIELDS = Set.of("id", "name", "phoneNumbers", "company", "jobTitle", "emails",
            "profileImageUrl", "deleted");

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
        emails = emails == null ? List.of() : List.copyOf(emails);
        extra = CrmJson.freeze(extra, "extra");
    }

    /** A contact with a name and numbers. */
    public static Contact of(String id, String name, ContactPhone... phoneNumbers) {
        return new Contact(id, name, Arrays.asList(phoneNumbers), null, null, List.of(), null, false, Map.of());
    }

    /** A contact to remove, for an incremental {@link ContactPage}. */
    public static Contact deleted(String id) {
        return new Contact(id, "", List.of(), null, null, List.of(), null, true, Map.of());
    }

    /** This contact with a company name, or without one (null). */
    public Contact withCompany(@Nullable String company) {
        return new Contact(id, name, phoneNumbers, company, jobTitle, emails, profileImageUrl, deleted, extra);
    }

    /** This contact with a job title, or without one (null). */
    public Contact withJobTitle(@Nullable String jobTitle) {
        return new Contact(id, name, phoneNumbers, company, jobTitle, emails, profileImageUrl, deleted, extra);
    }

    /** This contact with these e-mail addresses in place of its own. */
    public Contact withEmails(String... emails) {
        return new Contact(id, name, phoneNumbers, company, jobTitle, List.of(emails), profileImageUrl, deleted, extra);
    }

    /** This contact with the URL of a picture the widget shows, or without one (null). */
    public Contact withProfileImageUrl(@Nullable String url) {
        return new Contact(id, name, phoneNumbers, company, jobTitle, emails, url, deleted, extra);
    }

    /** This contact with other fields to send along (JSON values only) in place of its own. */
    public Contact withExtra(Map<String, ?> extra) {
        return new Contact(id, name, phoneNumbers, company, jobTitle, emails, profileImageUrl, deleted, CrmJson.freeze(extra, "extra"));
    }

    /** The contact as the widget expects it, with {@code type} set to the service name. */
    ObjectNode toTree(String serviceName) {
        ObjectNode o = CrmJson.NODES.objectNode();
        o.put("id", id).put("name", name).put("type", serviceName);
        ArrayNode phones = o.putArray("phoneNumbers");
        // the widget calls phoneType.replace(...) on every entry: it must always be a string
        phoneNumbers.forEach(p -> phones.addObject().put("phoneNumber", p.phoneNumber()).put("phoneType", p.phoneType().wireValue()));
        if (company != null) {
            o.put("company", company);
        }
        if (jobTitle != null) {
            o.put("jobTitle", jobTitle);
        }
        ArrayNode mails = o.putArray("emails");
        emails.forEach(mails::add);
        if (profileImageUrl != null) {
            o.put("profileImageUrl", profileImageUrl);
        }
        o.put("deleted", deleted);
        CrmJson.putExtra(o, extra);
        return o;
    }

    /** Reads a contact the widget sent back (lenient: missing name or id read as empty). */
    static Contact fromTree(JsonNode c) {
        List<ContactPhone> phones = new ArrayList<>();
        JsonNode list = c.path("phoneNumbers");
        if (list.isArray()) {
            for (JsonNode p : list) {
                String number = p.isTextual() ? p.asText() : CrmJson.text(p, "phoneNumber");
                if (number != null) {
                    phones.add(new ContactPhone(number, PhoneType.fromWire(CrmJson.text(p, "phoneType"))));
                }
            }
        } else {
            String number = CrmJson.text(c, "phoneNumber");
            if (number != null) {
                phones.add(new ContactPhone(number, PhoneType.fromWire(CrmJson.text(c, "phoneType"))));
            }
        }
        List<String> emails = CrmJson.texts(c, "emails");
        String id = CrmJson.text(c, "id");
        String name = CrmJson.text(c, "name");
        return new Contact(id == null ? "" : id, name == null ? "" : name, phones, CrmJson.text(c, "company"),
                CrmJson.text(c, "jobTitle"), emails == null ? List.of() : emails, CrmJson.text(c, "profileImageUrl"),
                CrmJson.bool(c, "deleted"), CrmJson.extra(c, FIELDS));
    }
}

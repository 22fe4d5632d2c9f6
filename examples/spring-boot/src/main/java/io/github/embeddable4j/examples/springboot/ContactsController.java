package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.crm.Contact;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** The contacts: a paged, searchable list with click-to-call and click-to-text links, and each contact's calls. */
@Controller
class ContactsController {

    static final int PAGE_SIZE = 50;

    /** A number as written, the number to dial (E.164 when it has one) and its kind, for tel: and sms: links. */
    record PhoneLink(String written, String dial, String type) {
    }

    /** A contact and its numbers as links. */
    record ContactRow(Contact contact, List<PhoneLink> phones) {
        static ContactRow of(Contact c) {
            return new ContactRow(c, c.phoneNumbers().stream().map(p -> new PhoneLink(p.phoneNumber(),
                    ContactRepository.dialable(p.phoneNumber()), p.phoneType().wireValue())).toList());
        }
    }

    private static List<ContactRow> rows(List<Contact> contacts) {
        return contacts.stream().map(ContactRow::of).toList();
    }

    private final ContactRepository contacts;
    private final CallLogRepository calls;

    ContactsController(ContactRepository contacts, CallLogRepository calls) {
        this.contacts = contacts;
        this.calls = calls;
    }

    @GetMapping("/")
    String contacts(@RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "after", defaultValue = "0") long after, Model model) {
        if (query != null && !query.isBlank()) {
            model.addAttribute("contacts", rows(contacts.search(query, PAGE_SIZE)));
            model.addAttribute("query", query);
        } else {
            ContactRepository.Slice page = contacts.page(after, null, PAGE_SIZE);
            model.addAttribute("contacts", rows(page.contacts()));
            if (page.more()) {
                model.addAttribute("next", page.contacts().get(page.contacts().size() - 1).id());
            }
        }
        model.addAttribute("total", contacts.count());
        return "contacts";
    }

    @GetMapping("/contacts/{id}")
    String contact(@PathVariable("id") long id, Model model) {
        Contact contact = contacts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such contact"));
        model.addAttribute("contact", ContactRow.of(contact));
        model.addAttribute("calls", calls.ofContact(id, 100));
        return "contact";
    }

    /** The widget in the page: the Thymeleaf tag's iframe form. */
    @GetMapping("/phone")
    String phone() {
        return "phone";
    }

    @GetMapping("/no-widget")
    String noWidget() {
        return "no-widget";
    }

    /** JSON is never touched by the filter. */
    @GetMapping("/api/contacts")
    @ResponseBody
    List<Contact> api(@RequestParam(name = "after", defaultValue = "0") long after) {
        return contacts.page(after, null, PAGE_SIZE).contacts();
    }
}

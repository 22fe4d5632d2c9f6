package io.github.embeddable4j.examples.springboot;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The pages: a contacts list with click-to-call and click-to-text links, and a page without the widget. */
@Controller
class ContactsController {

    record Contact(String name, String company, String phone) {
    }

    static final List<Contact> CONTACTS = List.of(
            new Contact("Ada Lovelace", "Analytical Engines Ltd", "+16505550101"),
            new Contact("Grace Hopper", "COBOL Works", "+16505550102"),
            new Contact("Alan Turing", "Bletchley Consulting", "+16505550103"));

    @GetMapping("/")
    String contacts(Model model) {
        model.addAttribute("contacts", CONTACTS);
        return "contacts";
    }

    @GetMapping("/no-widget")
    String noWidget() {
        return "no-widget";
    }

    /** JSON is never touched by the filter. */
    @GetMapping("/api/contacts")
    @ResponseBody
    List<Contact> api() {
        return CONTACTS;
    }
}

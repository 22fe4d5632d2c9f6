package io.github.embeddable4j.examples.springboot;

import io.github.embeddable4j.core.graduation.GraduationTracker;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The live event log: the page lists the last widget events and a small script of this origin (allowed by the
 * page's CSP without a nonce) refreshes the table from {@code /events.json} every two seconds. A meta refresh would
 * reload the page, and with it the widget, in the middle of a call. With the graduation tracker on (sandbox), the
 * page also shows the progress towards production.
 */
@Controller
class EventsController {

    private final EventLog log;
    private final ObjectProvider<GraduationTracker> graduation;

    EventsController(EventLog log, ObjectProvider<GraduationTracker> graduation) {
        this.log = log;
        this.graduation = graduation;
    }

    @GetMapping("/events")
    String events(Model model) {
        model.addAttribute("events", log.latest());
        GraduationTracker tracker = graduation.getIfAvailable();
        model.addAttribute("graduation", tracker == null ? null : tracker.progress());
        return "events";
    }

    @GetMapping("/events.json")
    @ResponseBody
    List<Map<String, String>> eventsJson() {
        return log.latest().stream().map(e -> Map.of("receivedAt", e.receivedAt().toString(), "user", e.user(),
                "type", e.type(), "json", e.json())).toList();
    }
}

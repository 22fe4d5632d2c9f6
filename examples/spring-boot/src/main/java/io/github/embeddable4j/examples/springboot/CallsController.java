package io.github.embeddable4j.examples.springboot;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The call log: what the widget's call logger wrote, newest first. */
@Controller
class CallsController {

    private final CallLogRepository calls;

    CallsController(CallLogRepository calls) {
        this.calls = calls;
    }

    @GetMapping("/calls")
    String calls(Model model) {
        model.addAttribute("calls", calls.latest(100));
        return "calls";
    }
}
